package org.osogateway.ops;

import org.osogateway.validation.SchemaCatalog;

/** Readiness of the dossier schema catalog: up once READY; COMPILING (start-up) and FAILED are down. */
public final class SchemaCatalogCheck implements ReadinessCheck {
    private final SchemaCatalog catalog;

    public SchemaCatalogCheck(SchemaCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "dossierSchemaCatalog";
    }

    @Override
    public Status status() {
        SchemaCatalog.State s = catalog.state();
        return new Status(s == SchemaCatalog.State.READY, s.name());
    }
}
