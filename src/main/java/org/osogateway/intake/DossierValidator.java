package org.osogateway.intake;

import org.osogateway.validation.SchemaCatalog;

/**
 * Validates a submission's dossier against the schema registered for its namespace, then against that
 * version's official business rules for the envelope's overdrachtsoort.
 */
public final class DossierValidator {
    private final SchemaCatalog catalog;

    public DossierValidator(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    public DossierSubmission validate(DossierSubmission s) {
        catalog.validate(s.serviceVersion(), s.dossier().bytes());
        return s.withMeldingen(catalog.checkRules(s.serviceVersion(), s.overdrachtsoort(), s.dossier().bytes()));
    }
}
