package org.osogateway.intake;

import java.util.concurrent.TimeUnit;
import net.sf.saxon.s9api.XdmNode;
import org.osogateway.validation.SchemaCatalog;

/**
 * Validates a submission's dossier against the schema registered for its namespace, then against that
 * version's official business rules for the envelope's overdrachtsoort, on the tree built while it was read.
 */
public final class DossierValidator {
    private final SchemaCatalog catalog;
    private final boolean businessRules;
    private final ValidationTimers timers;

    public DossierValidator(SchemaCatalog catalog, boolean businessRules) {
        this(catalog, businessRules, ValidationTimers.NONE);
    }

    public DossierValidator(SchemaCatalog catalog, boolean businessRules, ValidationTimers timers) {
        this.catalog = catalog;
        this.businessRules = businessRules;
        this.timers = timers;
    }

    public DossierSubmission validate(DossierSubmission s) {
        if (s.streamedValidation() != null) {
            // validated while the request was read: a second parse would cost the CPU and the heap of it again
            s.streamedValidation().requireValid();
        } else {
            long started = System.nanoTime();
            catalog.validate(s.serviceVersion(), s.dossier().bytes()); // e.g. UNSUPPORTED_DOSSIER_VERSION
            timers.schema().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        if (!businessRules) {
            return s;
        }
        long started = System.nanoTime();
        try {
            return checkRules(s);
        } finally {
            timers.businessRules().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private DossierSubmission checkRules(DossierSubmission s) {
        XdmNode tree = s.streamedValidation() == null ? null : s.streamedValidation().rulesInput();
        if (tree == null) {
            return s.withMeldingen(catalog.checkRules(s.serviceVersion(), s.overdrachtsoort(), s.dossier().bytes()));
        }
        try {
            return s.withMeldingen(catalog.checkRules(s.serviceVersion(), s.overdrachtsoort(), tree));
        } finally {
            s.streamedValidation().releaseRulesInput();
        }
    }
}
