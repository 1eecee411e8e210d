package org.osogateway.admin.dto;

import java.time.LocalDate;

/** The last valid day of an entry; null (or no body) on an end call means today. */
public record EndDate(LocalDate validTo) {
    /** The end an end call sets: the body's validTo, or {@code today} when there is none. */
    public static LocalDate orToday(EndDate end, LocalDate today) {
        return end == null || end.validTo() == null ? today : end.validTo();
    }
}
