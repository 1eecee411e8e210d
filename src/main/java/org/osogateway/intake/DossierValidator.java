package org.osogateway.intake;

import org.osogateway.validation.SchemaCatalog;

/** Validates a submission's dossier against the schema registered for its namespace. */
public final class DossierValidator {
    private final SchemaCatalog catalog;

    public DossierValidator(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    public DossierSubmission validate(DossierSubmission s) {
        catalog.validate(s.serviceVersion(), s.dossier().bytes());
        return s;
    }
}
