package org.osogateway.pki;

import java.math.BigInteger;
import java.time.Instant;

/** One CRL entry: the serial number of a revoked certificate and when it was revoked. */
public record Revocation(BigInteger serialNumber, Instant revokedAt) {
}
