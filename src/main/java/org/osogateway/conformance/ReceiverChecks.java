package org.osogateway.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.osogateway.delivery.ReceiveDossierCall;
import org.osogateway.delivery.ReceiveDossierEnvelope;
import org.osogateway.validation.DossierCanonicalizer;

/**
 * The receiver conformance cases: each dossier is received, a repeated messageId gets the same answer, a wrong hash
 * and an incomplete request are refused with a well-formed {@code soap:Client} fault, and every answer comes in time.
 */
public final class ReceiverChecks {

    static final String REPEAT = "repeat-same-messageid";
    static final String WRONG_HASH = "refuse-wrong-hash";
    static final String FAULT_FORM = "fault-well-formed";
    static final String INCOMPLETE = "refuse-incomplete-request";
    static final String IN_TIME = "answer-within-timeout";
    /** The cases besides one per dossier. */
    static final int FIXED_CASES = 5;

    /**
     * Who the calls are from and to: the receiver must accept a dossier for {@code receiverBrin} on this
     * routeringskenmerk.
     */
    public record Addressing(String senderBrin, String receiverBrin, String routeringskenmerk, String overdrachtsoort) {
        public Addressing {
            Objects.requireNonNull(senderBrin, "senderBrin");
            Objects.requireNonNull(receiverBrin, "receiverBrin");
            Objects.requireNonNull(routeringskenmerk, "routeringskenmerk");
            Objects.requireNonNull(overdrachtsoort, "overdrachtsoort");
        }
    }

    private final ReceiverClient client;
    private final Addressing addressing;
    private final Clock clock;
    private final List<ReceiverAnswer> answers = new ArrayList<>();

    public ReceiverChecks(ReceiverClient client, Addressing addressing, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.addressing = Objects.requireNonNull(addressing, "addressing");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How many cases a run with this many dossiers has. */
    public static int caseCount(int dossiers) {
        return dossiers + FIXED_CASES;
    }

    /** Runs every case in order; needs at least one dossier. */
    public ConformanceRun run(List<DemoDossier> dossiers, Progress progress) {
        if (dossiers.isEmpty()) {
            throw new IllegalArgumentException("no dossiers to deliver");
        }
        Instant started = clock.instant();
        int total = caseCount(dossiers.size());
        List<CheckResult> results = new ArrayList<>();
        ReceiveDossierCall first = null;
        boolean firstReceived = false;
        for (DemoDossier dossier : dossiers) {
            String name = "receive-" + stem(dossier.name());
            progress.starting(results.size() + 1, total, name);
            ReceiveDossierCall call = call(dossier, 1, dossier.canonical().sha256());
            CheckResult result = timed(name, () -> {
                ReceiverAnswer a = send(call);
                return a.isReceivedFor(call.messageId())
                        ? new Verdict(true, "RECEIVED for messageId " + call.messageId() + " in " + a.elapsed().toMillis() + " ms")
                        : new Verdict(false, "expected HTTP 200 with a ReceiveDossierResponse for messageId "
                                + call.messageId() + " and result RECEIVED; got " + a.mismatchWith(call.messageId()));
            });
            results.add(result);
            if (first == null) {
                first = call;
                firstReceived = result.passed();
            }
        }
        results.add(repeat(results.size() + 1, total, progress, first, firstReceived));
        ReceiverAnswer[] hashAnswer = new ReceiverAnswer[1];
        results.add(wrongHash(results.size() + 1, total, progress, dossiers.get(0), hashAnswer));
        results.add(faultForm(results.size() + 1, total, progress, hashAnswer[0]));
        results.add(incomplete(results.size() + 1, total, progress));
        progress.starting(results.size() + 1, total, IN_TIME);
        results.add(inTime());
        return new ConformanceRun("receiver", client.url().toString(), started, results);
    }

    private CheckResult repeat(int number, int total, Progress progress, ReceiveDossierCall first, boolean firstReceived) {
        progress.starting(number, total, REPEAT);
        return timed(REPEAT, () -> {
            // the gateway's retry after a lost answer: the same call, one attempt later
            ReceiveDossierCall again = withAttempt(first, 2);
            ReceiverAnswer a = send(again);
            if (a.isReceivedFor(again.messageId())) {
                return new Verdict(firstReceived, firstReceived
                        ? "the repeated messageId " + again.messageId() + " got the same RECEIVED answer"
                        : "the repeat was RECEIVED, but the first delivery of this messageId was not");
            }
            return new Verdict(false, "a repeated messageId must get the same RECEIVED answer (the gateway retries after "
                    + "a lost answer); got " + a.mismatchWith(again.messageId()));
        });
    }

    private CheckResult wrongHash(int number, int total, Progress progress, DemoDossier dossier, ReceiverAnswer[] seen) {
        progress.starting(number, total, WRONG_HASH);
        return timed(WRONG_HASH, () -> {
            byte[] other = (new String(dossier.canonical().bytes(), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
            ReceiveDossierCall call = call(dossier, 1, DossierCanonicalizer.sha256Hex(other));
            ReceiverAnswer a = send(call);
            seen[0] = a;
            if (a.kind() == ReceiverAnswer.Kind.FAULT && "Client".equals(a.faultCode())) {
                return new Verdict(true, "refused with soap:Client " + a.detailCode());
            }
            if (a.isReceivedFor(call.messageId())) {
                return new Verdict(false, "answered RECEIVED for a dossier that does not hash to its dossierSha256; "
                        + "a receiver must recompute the SHA-256 of the dossier element's bytes and refuse a mismatch with soap:Client");
            }
            if (a.kind() == ReceiverAnswer.Kind.FAULT) {
                return new Verdict(false, "refused with faultcode " + a.faultCode() + "; a wrong hash never gets right "
                        + "on a retry, so the fault must be soap:Client");
            }
            return new Verdict(false, "expected a soap:Client fault for a wrong dossierSha256; got " + a.describe());
        });
    }

    private CheckResult faultForm(int number, int total, Progress progress, ReceiverAnswer fault) {
        progress.starting(number, total, FAULT_FORM);
        return timed(FAULT_FORM, () -> {
            List<String> problems = fault.faultProblems();
            return problems.isEmpty()
                    ? new Verdict(true, "the wrong-hash fault is HTTP 500, text/xml, soap:" + fault.faultCode()
                            + " with faultstring and ReceiverFault code " + fault.detailCode())
                    : new Verdict(false, "the answer to " + WRONG_HASH + ": " + String.join("; ", problems));
        });
    }

    private CheckResult incomplete(int number, int total, Progress progress) {
        progress.starting(number, total, INCOMPLETE);
        return timed(INCOMPLETE, () -> {
            String messageId = messageId();
            byte[] request = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\""
                    + ReceiveDossierEnvelope.SOAP11_ENV_NS + "\"><s:Body><l:ReceiveDossierRequest xmlns:l=\""
                    + ReceiveDossierEnvelope.LAS_NS + "\"><l:messageId>" + messageId
                    + "</l:messageId></l:ReceiveDossierRequest></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
            ReceiverAnswer a = record(client.post(request));
            if (a.kind() == ReceiverAnswer.Kind.FAULT && "Client".equals(a.faultCode())) {
                List<String> problems = a.faultProblems();
                return problems.isEmpty() ? new Verdict(true, "a request without sender, receiver and dossier was refused with soap:Client "
                        + a.detailCode()) : new Verdict(false, "refused, but the fault is not well-formed: " + String.join("; ", problems));
            }
            return new Verdict(false, "expected a soap:Client fault for a request without sender, receiver and dossier; got "
                    + a.describe());
        });
    }

    private CheckResult inTime() {
        List<ReceiverAnswer> late = answers.stream().filter(a -> a.kind() == ReceiverAnswer.Kind.NO_ANSWER).toList();
        Duration slowest = answers.stream().map(ReceiverAnswer::elapsed).max(Duration::compareTo).orElse(Duration.ZERO);
        String limit = ReceiverClient.seconds(client.timeout());
        return late.isEmpty()
                ? CheckResult.pass(IN_TIME, "all " + answers.size() + " calls answered; the slowest in "
                        + slowest.toMillis() + " ms (limit " + limit + ")", Duration.ZERO)
                : CheckResult.fail(IN_TIME, late.size() + " of " + answers.size() + " calls got no complete answer within "
                        + limit + " (the gateway gives up and retries later)", Duration.ZERO);
    }

    private ReceiverAnswer send(ReceiveDossierCall call) {
        return record(client.send(call));
    }

    private ReceiverAnswer record(ReceiverAnswer answer) {
        answers.add(answer);
        return answer;
    }

    private ReceiveDossierCall call(DemoDossier dossier, int attempt, String sha256) {
        return new ReceiveDossierCall(messageId(), addressing.senderBrin(), null, addressing.receiverBrin(), null,
                addressing.routeringskenmerk(), addressing.overdrachtsoort(), attempt, sha256, dossier.canonical().bytes());
    }

    private static ReceiveDossierCall withAttempt(ReceiveDossierCall c, int attempt) {
        return new ReceiveDossierCall(c.messageId(), c.senderBrin(), c.senderVestiging(), c.receiverBrin(),
                c.receiverVestiging(), c.routeringskenmerk(), c.overdrachtsoort(), attempt, c.dossierSha256(),
                c.canonicalDossier());
    }

    /** A fresh id per call, so that runs never collide with each other or with real traffic. */
    private static String messageId() {
        return "conformance-" + UUID.randomUUID();
    }

    static String stem(String fileName) {
        String s = fileName.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.xml$", "");
        return s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** A case's outcome before it is timed. */
    private record Verdict(boolean passed, String reason) {
    }

    private static CheckResult timed(String name, java.util.function.Supplier<Verdict> body) {
        long start = System.nanoTime();
        Verdict v = body.get();
        return new CheckResult(name, v.passed(), v.reason(), Duration.ofNanos(System.nanoTime() - start));
    }
}
