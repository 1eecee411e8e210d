package org.osogateway.conformance;

import java.util.Objects;

/**
 * One DeliverDossier request a sending LAS produced, as it would reach the gateway.
 *
 * @param name          its name in the report (the file name)
 * @param bytes         the whole HTTP body: the SOAP envelope
 * @param claimedSha256 the dossier hash the LAS computed itself (from {@code FILE.sha256}), or null
 */
public record SenderRequest(String name, byte[] bytes, String claimedSha256) {

    public SenderRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
    }
}
