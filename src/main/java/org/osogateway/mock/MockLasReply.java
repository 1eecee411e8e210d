package org.osogateway.mock;

import java.time.Duration;

/**
 * What the mock answers to one readable ReceiveDossier call.
 *
 * @param failure the failure to answer, or null for RECEIVED
 * @param hang    hold the call without answering (see {@link MockLas#hangLimits})
 * @param delay   wait this long before answering
 */
record MockLasReply(FailureMode failure, boolean hang, Duration delay) {

    static final MockLasReply RECEIVED = new MockLasReply(null, false, Duration.ZERO);
}
