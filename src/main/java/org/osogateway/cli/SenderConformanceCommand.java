package org.osogateway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.osogateway.conformance.CheckResult;
import org.osogateway.conformance.SenderChecks;
import org.osogateway.conformance.SenderListener;
import org.osogateway.conformance.SenderRequest;
import org.osogateway.conformance.SenderRequestFiles;
import org.osogateway.conformance.SenderRouting;
import org.osogateway.conformance.SenderRun;
import org.osogateway.conformance.SenderVerdict;
import org.osogateway.validation.SchemaCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Checks DeliverDossier requests a sending LAS saved, with the gateway's own intake steps; exit 0 only when all pass. */
@Command(name = "sender", mixinStandardHelpOptions = true,
        description = {"Check DeliverDossier requests a sending LAS produced as the gateway would: well-formed, SOAP 1.1, "
                + "request schema, sender authorization (with --supplier-oin), dossier schema, business rules, routing, "
                + "envelope consistency, messageId; "
                + "and the LAS's own dossier hash when FILE.sha256 is next to FILE.",
                "Exit codes: 0 every case passed, 1 a case failed, 2 bad options."})
final class SenderConformanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Saved request envelopes (the whole HTTP body), or folders of them (*.xml).")
    List<Path> files;
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of the gateway: its dossier schemas, business rules setting and "
                    + "gateway.registry.file are used.")
    Path config;
    @Option(names = "--registry", paramLabel = "FILE", description = "Registry file to route by (default: "
            + "gateway.registry.file of --config, else the gateway's example registry).")
    Path registry;
    @Option(names = "--supplier-oin", paramLabel = "OIN", description = "The OIN the LAS's client certificate carries: "
            + "checks that supplier may send for the sender school, as the gateway does (skipped without it).")
    String supplierOin;
    @Mixin
    ConformanceReports reports;
    @Option(names = "--listen", paramLabel = "PORT", description = "Instead of files: answer DeliverDossier as the gateway "
            + "would at http://127.0.0.1:PORT" + SenderListener.PATH + " (loopback only) and check each request the LAS sends.")
    Integer listen;
    @Option(names = "--count", paramLabel = "N", description = "With --listen: stop after N requests and write the reports "
            + "(default: run until stopped with Ctrl-C, then write them).")
    Integer count;

    @Override
    public Integer call() throws Exception {
        if (listen != null) {
            return listen();
        }
        if (count != null) {
            throw new ParameterException(spec.commandLine(), "--count needs --listen");
        }
        if (files == null || files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give at least one request FILE (or a folder of them)");
        }
        List<SenderRequest> requests;
        try {
            requests = SenderRequestFiles.read(files);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (requests.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no .xml request files in " + files);
        }
        SenderRun run = new SenderRun(checks(), requests.size() == 1 ? requests.get(0).name()
                : requests.size() + " request files", Clock.systemUTC());
        List<SenderVerdict> verdicts = run.checkAll(requests,
                (n, total, name) -> spec.commandLine().getErr().printf("request %d of %d: %s%n", n, total, name));
        verdicts.forEach(v -> spec.commandLine().getOut().printf("%s: %s%n", v.request(), v.answer()));
        return reports.finish(spec, run.report());
    }

    private int listen() throws Exception {
        if (files != null && !files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give request FILEs or --listen, not both");
        }
        if (listen < 0 || listen > 65535) {
            throw new ParameterException(spec.commandLine(), "--listen must be a port from 0 to 65535; got " + listen);
        }
        if (count != null && count <= 0) {
            throw new ParameterException(spec.commandLine(), "--count must be a positive number of requests; got " + count);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SenderChecks checks = checks();
        SenderListener listener;
        try {
            listener = new SenderListener(listen, count == null ? 0 : count, maxRequestBytes(), Clock.systemUTC(),
                    v -> {
                        err.printf("%s checked: %s%n", v.request(), outcome(v));
                        out.printf("%s: %s%n", v.request(), v.answer());
                    });
        } catch (java.io.IOException e) {
            throw new ParameterException(spec.commandLine(), "--listen " + listen + ": cannot listen (" + e.getMessage() + ")", e);
        }
        // the port bound, also for --listen 0, so the report says where the LAS was pointed
        SenderRun run = new SenderRun(checks, "requests to port " + listener.port(), Clock.systemUTC());
        listener.start(run);
        err.printf("listening on %s%s; point the LAS's gateway address there%n", listener.endpoint(),
                count == null ? " until Ctrl-C" : " for " + count + " request(s)");
        // stopped with Ctrl-C: the reports are still written, and the exit code is the run's
        Thread onStop = new Thread(() -> {
            listener.close();
            int code = reports.finish(spec, run.report());
            out.flush();
            Runtime.getRuntime().halt(code);
        }, "sender-report");
        Runtime.getRuntime().addShutdownHook(onStop);
        listener.awaitCount(Long.MAX_VALUE, TimeUnit.DAYS);
        Runtime.getRuntime().removeShutdownHook(onStop);
        listener.close();
        return reports.finish(spec, run.report());
    }

    /** "all 9 cases passed", "8 of 9 cases passed, 1 skipped", or "failed at CASE" (a request stops at its first failure). */
    private static String outcome(SenderVerdict v) {
        List<CheckResult> results = v.results();
        if (results.stream().anyMatch(CheckResult::failed)) {
            return "failed at " + results.get(results.size() - 1).name();
        }
        long skipped = results.stream().filter(CheckResult::skipped).count();
        return skipped == 0 ? "all " + results.size() + " cases passed"
                : (results.size() - skipped) + " of " + results.size() + " cases passed, " + skipped + " skipped";
    }

    private long maxRequestBytes() throws Exception {
        return Long.parseLong(new CliConfig(config).get("gateway.limits.max-request-bytes", "20971520"));
    }

    /** The gateway's dossier schemas, business rules setting and registry, as it builds them at start-up. */
    private SenderChecks checks() throws Exception {
        CliConfig settings = new CliConfig(config);
        SenderRouting routing = routing(settings);
        SchemaCatalog catalog = SchemaCatalog.load(SchemasCommand.catalogDirs(settings), SchemasCommand.demoEnabled(settings));
        spec.commandLine().getErr().printf("routing by the registry %s; %s%n", routing.source(), supplierOin == null
                ? "no --supplier-oin: sender-authorization is skipped" : "as the caller with supplier OIN " + supplierOin);
        return new SenderChecks(catalog, Boolean.parseBoolean(settings.get("gateway.schemas.business-rules-enabled", "true")),
                maxRequestBytes(), routing);
    }

    private SenderRouting routing(CliConfig settings) {
        if (supplierOin != null && !supplierOin.matches("[0-9]{20}")) {
            throw new ParameterException(spec.commandLine(), "--supplier-oin must be an OIN of 20 digits; got " + supplierOin);
        }
        String location = registry != null ? registry.toString() : settings.get("gateway.registry.file", SenderRouting.EXAMPLE);
        try {
            return SenderRouting.fromFile(location, supplierOin, Clock.systemUTC());
        } catch (RuntimeException e) { // unreadable, not found, or refused with its errors listed
            throw new ParameterException(spec.commandLine(), "--registry: " + e.getMessage(), e);
        }
    }
}
