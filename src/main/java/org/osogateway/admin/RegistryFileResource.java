package org.osogateway.admin;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.osogateway.admin.dto.ImportAnswer;
import org.osogateway.registry.RegistryFileLoader;
import org.osogateway.registry.RegistryFileWriter;
import org.osogateway.registry.RegistryService;

/** {@code /admin/registry}: the whole registry as a registry file (YAML), what 'registry export|import' use. */
public final class RegistryFileResource {
    private final RegistryService service;

    public RegistryFileResource(RegistryService service) {
        this.service = service;
    }

    public String export() {
        return new RegistryFileWriter().write(service.current());
    }

    /** Makes the registry what the file says, through the same rules as every single change; or, dry run, only tells. */
    public ImportAnswer importFile(@ExchangeProperty(AdminGuard.ACTOR) String actor, @Header("dryRun") String dryRun,
                                   @Body String file) {
        if (file == null || file.isBlank()) {
            throw new AdminProblem(400, null, "the request body must be a registry file (YAML)");
        }
        boolean onlyTell = AdminParams.flag(dryRun, "dryRun");
        RegistryService.Result result = service.importData(actor, new RegistryFileLoader().parse(file, "request body"),
                onlyTell);
        return new ImportAnswer(onlyTell, result.changes(), result.stored());
    }
}
