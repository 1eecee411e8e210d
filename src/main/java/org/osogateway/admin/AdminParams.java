package org.osogateway.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** Query and path parameters of the admin API, read with an error that names the parameter. */
public final class AdminParams {
    private AdminParams() {
    }

    /** A date, or {@code orElse} when absent. */
    public static LocalDate date(String value, String name, LocalDate orElse) {
        if (value == null || value.isEmpty()) {
            return orElse;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw AdminProblem.badField(name, "field '" + name + "' must be a date like 2024-01-31, not '" + value + "'");
        }
    }

    /** An instant, or null when absent. */
    public static Instant instant(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw AdminProblem.badField(name, "'" + name + "' must be an instant like 2026-11-29T00:00:00Z, not '"
                    + value + "'");
        }
    }

    /** A number from 1 to {@code max}, {@code orElse} when absent. */
    public static int limit(String value, int orElse, int max) {
        try {
            int limit = value == null || value.isEmpty() ? orElse : Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw AdminProblem.badField("limit", "limit must be a number from 1 to " + max);
    }

    /** One of an enum's constants by name, or null when absent. */
    public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw AdminProblem.badField(name, "'" + name + "' must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** True for "true", false for "false" or absent. */
    public static boolean flag(String value, String name) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw AdminProblem.badField(name, "'" + name + "' must be true or false");
    }
}
