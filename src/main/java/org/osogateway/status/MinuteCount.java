package org.osogateway.status;

import java.time.Instant;

/** Messages accepted and delivered in one minute (starting at {@code minute}, UTC). */
public record MinuteCount(Instant minute, long accepted, long delivered) {
}
