package org.osogateway.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.osogateway.audit.AuditTrail;
import org.osogateway.registry.ConnectionReport;
import org.osogateway.registry.InvalidRegistryException;
import org.osogateway.registry.JdbcRegistryStore;
import org.osogateway.registry.LocalRegistrySource;
import org.osogateway.registry.RegistryChange;
import org.osogateway.registry.RegistryData;
import org.osogateway.registry.RegistryFileLoader;
import org.osogateway.registry.RegistryFileWriter;
import org.osogateway.registry.RegistryRejectedException;
import org.osogateway.registry.RegistryService;
import org.osogateway.registry.RoutingRegistry;
import org.osogateway.registry.School;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Operator commands on the routing registry in the store: directly, or through the running gateway's admin API
 * while that gateway holds the embedded store.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Import, export and check the routing registry (on the store; through the running gateway's admin"
                + " API while it holds the embedded store, which needs gateway.admin.client-token; other running gateways on a"
                + " shared store pick a change up within gateway.registry.refresh-interval-ms).",
        subcommands = {RegistryCommand.Import.class, RegistryCommand.Export.class, RegistryCommand.Check.class})
public final class RegistryCommand {

    @Option(names = "--config", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Properties file of the gateway whose store to use.")
    Path config;

    CliConfig cli() throws Exception {
        return new CliConfig(config);
    }

    boolean allowHttpLoopback() throws Exception {
        return Boolean.parseBoolean(cli().get("gateway.admin.allow-http-loopback", "true"));
    }

    /** Replaces the store's registry with a file: all or nothing, idempotent, with a report of the differences. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Make the store's registry equal to FILE (registry file format); all or nothing. Reports what"
                    + " was created, changed, ended and removed, by entity key; nothing when they are equal.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        RegistryCommand parent;
        @Parameters(paramLabel = "FILE", description = "Registry YAML file.")
        Path file;
        @Option(names = "--dry-run", description = "Check and report only; store nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            RegistryData data;
            try {
                data = new RegistryFileLoader().load(file);
            } catch (InvalidRegistryException e) {
                e.errors().forEach(System.err::println);
                System.err.println("nothing imported");
                return 1;
            }
            // progress on stderr: the import is one transaction, so these are its phases, not a count of rows
            System.err.printf("read %s: %d boards, %d agreements, %d schools, %d suppliers, %d mandates, %d endpoints%n",
                    file, data.boards().size(), data.agreements().size(), data.schools().size(), data.suppliers().size(),
                    data.mandates().size(), data.endpoints().size());
            System.err.println(dryRun ? "checking against the store (dry run)..." : "checking and importing in one transaction...");
            long started = System.nanoTime();
            String who = CliConfig.actor();
            java.util.List<RegistryChange> changes;
            try {
                changes = parent.cli().withStore(store -> new RegistryService(new JdbcRegistryStore(store.dataSource()),
                        null, new AuditTrail(), parent.allowHttpLoopback(), Clock.systemUTC())
                        .importData(who, data, dryRun).changes(), admin -> {
                            AdminClient.Response r = admin.put("/registry", Map.of("dryRun", String.valueOf(dryRun)),
                                    "application/yaml", Files.readString(file, StandardCharsets.UTF_8));
                            if (r.status() == 400 || r.status() == 409) {
                                throw new InvalidRegistryException(AdminClient.JSON.convertValue(r.json().get("errors"),
                                        AdminClient.JSON.getTypeFactory().constructCollectionType(List.class, String.class)));
                            }
                            return java.util.Arrays.asList(AdminClient.JSON.treeToValue(r.orFail().json().get("changes"),
                                    RegistryChange[].class));
                        });
            } catch (RegistryRejectedException e) {
                e.errors().forEach(System.err::println);
                System.err.println("nothing imported");
                return 1;
            } catch (InvalidRegistryException e) {
                e.errors().forEach(System.err::println);
                System.err.println("nothing imported");
                return 1;
            }
            System.err.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            for (RegistryChange change : changes) {
                System.out.println(change.kind().name().toLowerCase() + " " + change.entity() + " " + change.key());
            }
            System.out.printf("%s: %d created, %d changed, %d ended, %d removed%s%n", dryRun ? "dry run" : "imported",
                    count(changes, RegistryChange.Kind.CREATED), count(changes, RegistryChange.Kind.CHANGED),
                    count(changes, RegistryChange.Kind.ENDED), count(changes, RegistryChange.Kind.REMOVED),
                    changes.isEmpty() ? " (the store already holds this registry)" : dryRun ? " (nothing stored)" : "");
            return 0;
        }

        private static long count(List<RegistryChange> changes, RegistryChange.Kind kind) {
            return changes.stream().filter(c -> c.kind() == kind).count();
        }
    }

    /** Writes the store's registry in the registry file format. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the store's registry as a registry file (loadable again with 'registry import').")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        RegistryCommand parent;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
        Path output;

        @Override
        public Integer call() throws Exception {
            String yaml = parent.cli().withStore(
                    store -> new RegistryFileWriter().write(new JdbcRegistryStore(store.dataSource()).load()),
                    admin -> admin.get("/registry", Map.of()).orFail().body());
            if (output == null) {
                System.out.print(yaml);
            } else {
                Files.writeString(output, yaml, StandardCharsets.UTF_8);
                System.err.println("registry written to " + output);
            }
            return 0;
        }
    }

    /** Is a school (or every school of a board) connected to OSO? Same content as CheckConnection. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Is this school connected to OSO? One line per school: connected, or the reasons."
                    + " Exit code 0 when all are connected.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        RegistryCommand parent;
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Reference date (default: today).")
        LocalDate date;

        static final class Target {
            @Parameters(paramLabel = "BRIN", description = "The school's BRIN.")
            String brin;
            @Option(names = "--board", paramLabel = "ID", description = "Every school of this board.")
            String board;
        }

        @Override
        public Integer call() throws Exception {
            LocalDate on = date != null ? date : LocalDate.now(Clock.systemUTC());
            Optional<List<ConnectionReport>> reports = parent.cli().withStore(store -> {
                RegistryData data = new JdbcRegistryStore(store.dataSource()).load();
                RoutingRegistry routing = new LocalRegistrySource(data).rules();
                if (target.board != null && data.boards().stream().noneMatch(b -> b.id().equals(target.board))) {
                    return Optional.empty();
                }
                List<String> brins = target.board == null ? List.of(target.brin) : data.schools().stream()
                        .filter(s -> s.boardId().equals(target.board)).map(School::brin).toList();
                return Optional.of(brins.stream().map(brin -> routing.checkConnection(brin, null, on)).toList());
            }, admin -> {
                // the running gateway answers from the registry it routes with (the OSR with gateway.registry.source=remote)
                if (target.board == null) {
                    return Optional.of(List.of(admin.get("/schools/" + target.brin + "/connection",
                            Map.of("date", on.toString())).orFail().as(ConnectionReport.class)));
                }
                AdminClient.Response r = admin.get("/boards/" + target.board + "/connection", Map.of("date", on.toString()));
                return r.status() == 404 ? Optional.empty() : Optional.of(java.util.Arrays.asList(
                        AdminClient.JSON.treeToValue(r.orFail().json().get("schools"), ConnectionReport[].class)));
            });
            if (reports.isEmpty()) {
                System.err.println("no board " + target.board);
                return 1;
            }
            boolean all = true;
            for (ConnectionReport r : reports.get()) {
                all &= r.connected();
                System.out.println(line(r));
            }
            return all ? 0 : 1;
        }
    }

    /** One line: "00YY 2026-11-29 connected (3 endpoints)" or "04GH 2026-11-29 NOT connected: NO_MANDATE". */
    static String line(ConnectionReport r) {
        return r.brin() + " " + r.referenceDate() + " " + (r.connected()
                ? "connected (" + r.endpoints().size() + " endpoint" + (r.endpoints().size() == 1 ? "" : "s") + ": "
                + String.join(", ", r.endpoints().stream().map(e -> e.routeringskenmerk()).toList()) + ")"
                : "NOT connected: " + String.join(", ", r.reasons().stream().map(Enum::name).toList()));
    }
}
