package org.osogateway.validation;

/**
 * A dossier in Exclusive XML Canonicalization 1.0 form (without comments) with its SHA-256.
 *
 * @param namespace namespace URI of the dossier root element (empty string when it has none)
 * @param localName local name of the dossier root element
 * @param bytes     the canonical UTF-8 bytes; shared, not copied, so callers must not modify them
 * @param sha256    lower-case hex SHA-256 of {@code bytes}, as reported in {@code dossierSha256}
 */
public record CanonicalDossier(String namespace, String localName, byte[] bytes, String sha256) {
}
