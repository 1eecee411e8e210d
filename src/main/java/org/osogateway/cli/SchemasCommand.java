package org.osogateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.osogateway.validation.BusinessRules;
import org.osogateway.validation.CatalogEntry;
import org.osogateway.validation.InstalledSchemas;
import org.osogateway.validation.ReleaseInstallException;
import org.osogateway.validation.ReleaseInstaller;
import org.osogateway.validation.SchemaCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** Operator commands on the dossier schemas: install an official OSO-gegevensset release, list the catalog. */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Install official OSO-gegevensset releases and list the dossier schemas the gateway loads at start-up.",
        subcommands = {SchemasCommand.Install.class, SchemasCommand.List.class})
public final class SchemasCommand {
    /** Exit code: the release was refused (a check failed, or the version is already installed). */
    public static final int REFUSED = 1;
    /** Exit code: the input is unusable (missing, not a release, unsafe ZIP). */
    public static final int BAD_INPUT = 2;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Properties file of the gateway (gateway.schemas.dirs, gateway.schemas.installed-dir).")
    Path config;

    CliConfig settings() throws Exception {
        return new CliConfig(config);
    }

    static Path installedDir(CliConfig settings) {
        return Path.of(settings.get("gateway.schemas.installed-dir", InstalledSchemas.DEFAULT_INSTALLED_DIR));
    }

    /** The folders the gateway scans for dossier schemas with these settings: configured dirs, then installed versions. */
    static java.util.List<Path> catalogDirs(CliConfig settings) throws java.io.IOException {
        return InstalledSchemas.catalogDirs(settings.get("gateway.schemas.dirs", ""), installedDir(settings));
    }

    static boolean demoEnabled(CliConfig settings) {
        return Boolean.parseBoolean(settings.get("gateway.schemas.demo-enabled", "true"));
    }

    /** Checks an official release (folder or ZIP) and installs it under the installed-schemas folder. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Check an official OSO-gegevensset release (folder or ZIP) and install it as <installed-dir>/<version>/."
                    + " Every example dossier it ships must pass its XSD and its business rules first.",
                    "Restart the gateway afterwards: the schema catalog is loaded at start-up.",
                    "Exit codes: 0 installed, 1 refused, 2 bad input."})
    static final class Install implements Callable<Integer> {
        @ParentCommand
        SchemasCommand parent;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FOLDER-OR-ZIP", description = "A release folder (e.g. oso-gegevensset/2019.1) or a ZIP of one.")
        Path source;
        @Option(names = "--target", paramLabel = "DIR", description = "Install here instead of gateway.schemas.installed-dir.")
        Path target;
        @Option(names = "--force", description = "Replace an installed folder of the same version.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            CliConfig settings = parent.settings();
            Path installed = target != null ? target : installedDir(settings);
            ReleaseInstaller installer = new ReleaseInstaller(installed,
                    InstalledSchemas.configuredDirs(settings.get("gateway.schemas.dirs", "")));
            ReleaseInstaller.Installed result;
            try {
                result = installer.install(source, force);
            } catch (ReleaseInstallException e) {
                err.println((e.kind() == ReleaseInstallException.Kind.REFUSED ? "refused: " : "error: ") + e.getMessage());
                e.reasons().forEach(r -> err.println("  " + r));
                err.flush();
                return e.kind() == ReleaseInstallException.Kind.REFUSED ? REFUSED : BAD_INPUT;
            }
            out.printf("%s version %s (%s)%n", result.replaced() ? "Replaced" : "Installed", result.version(), result.versionSource());
            out.printf("  namespace: %s%n", result.namespace());
            out.printf("  folder:    %s (%d files)%n", result.target(), result.fileCount());
            out.printf("  schema:    %s%n", result.schema());
            if (result.rules().isEmpty()) {
                out.println("  business rules: none");
            }
            Map<String, java.util.List<String>> bySheet = new TreeMap<>();
            result.rules().forEach((soort, sheet) -> bySheet.computeIfAbsent(sheet, k -> new java.util.ArrayList<>()).add(soort));
            bySheet.forEach((sheet, soorten) -> out.printf("  business rules: %s -> %s%n", sheet, String.join(", ", soorten)));
            out.printf("  examples checked: %d, all pass the XSD and the business rules%n", result.examples().size());
            result.warnings().forEach(w -> out.println("  warning: " + w));
            out.println("Restart the gateway to load it (the schema catalog is read at start-up).");
            out.flush();
            return 0;
        }
    }

    /** Lists the dossier schemas the gateway would register at start-up. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show the dossier schema catalog as the gateway builds it at start-up (configured dirs + installed versions).")
    static final class List implements Callable<Integer> {
        @ParentCommand
        SchemasCommand parent;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            CliConfig settings = parent.settings();
            Path installed = installedDir(settings);
            java.util.List<Path> dirs = catalogDirs(settings);
            boolean demo = demoEnabled(settings);
            out.printf("installed-dir: %s%s%n", installed, java.nio.file.Files.isDirectory(installed) ? "" : " (absent)");
            out.printf("scanned: %s%s%n", dirs.isEmpty() ? "(none)" : dirs, demo ? " + demo schema" : "");
            SchemaCatalog catalog;
            try {
                catalog = SchemaCatalog.load(dirs, demo);
            } catch (RuntimeException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("error: the gateway would not start with these schemas: " + e.getMessage());
                err.flush();
                return 1;
            }
            for (CatalogEntry entry : catalog.entries()) {
                out.println(entry.namespace());
                out.printf("  version: %s%n", entry.version());
                out.printf("  schema:  %s%n", entry.sourcePath());
                if (entry.rules().isEmpty()) {
                    out.println("  rules:   none");
                }
                for (Map.Entry<String, BusinessRules> r : new TreeMap<>(entry.rules()).entrySet()) {
                    out.printf("  rules:   %s -> %s%n", r.getKey(), r.getValue().source());
                }
            }
            if (catalog.entries().isEmpty()) {
                out.println("(no dossier schemas)");
            }
            out.flush();
            return 0;
        }
    }
}
