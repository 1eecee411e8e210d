package org.osogateway.soap;

import java.io.IOException;

/** Thrown while reading a request that exceeds the configured size limit. */
public final class PayloadTooLargeException extends IOException {
    public PayloadTooLargeException(long limit) {
        super("The request exceeds the limit of " + limit + " bytes");
    }
}
