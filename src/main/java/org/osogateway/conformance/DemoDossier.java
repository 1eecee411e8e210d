package org.osogateway.conformance;

import java.util.Objects;
import org.osogateway.validation.CanonicalDossier;

/**
 * A dossier the conformance kit delivers, in the canonical form the gateway delivers.
 *
 * @param name      where it came from, for the case name and the report (a file name, never content)
 * @param canonical its exclusive canonical form and hash
 */
public record DemoDossier(String name, CanonicalDossier canonical) {

    public DemoDossier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(canonical, "canonical");
    }
}
