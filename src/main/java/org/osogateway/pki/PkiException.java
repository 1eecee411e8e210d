package org.osogateway.pki;

/** A cryptographic operation of the development PKI failed (a JDK provider problem, not bad input). */
public final class PkiException extends RuntimeException {

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
