package org.osogateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osogateway.validation.DossierCanonicalizer;

/**
 * The memory bench (bench/memory): one official dossier grown to just under the request limit with
 * base64 in an attachment's bestandsinhoud, sent once and checked byte-identical at the mock LAS;
 * then N concurrent senders of the official dossier for a fixed time. Exits 1 on any error.
 */
public final class MemoryBench {
    private static final Pattern TOTAL_DELIVERED = Pattern.compile("\"totalDelivered\"\\s*:\\s*(\\d+)");
    private static final String CONTENT_OPEN = "<bestandsinhoud>";
    private static final String CONTENT_CLOSE = "</bestandsinhoud>";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String gatewayUrl;
    private final String mockUrl;
    private final Map<String, Object> result = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    private MemoryBench(String gatewayUrl, String mockUrl) {
        this.gatewayUrl = gatewayUrl;
        this.mockUrl = mockUrl;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        MemoryBench b = new MemoryBench(o.get("--gateway-url"), o.get("--mock-url"));
        byte[] official = Files.readAllBytes(Path.of(o.get("--dossier")));
        long requestBytes = Long.parseLong(o.getOrDefault("--request-bytes", "20905984"));
        int bigCount = Integer.parseInt(o.getOrDefault("--big", "1"));
        int senders = Integer.parseInt(o.getOrDefault("--senders", "50"));
        int seconds = Integer.parseInt(o.getOrDefault("--duration", "60"));
        String phase = o.getOrDefault("--phase", "all");
        if (!phase.equals("senders")) {
            b.bigDossiers(official, requestBytes, bigCount);
        }
        if (!phase.equals("big")) {
            b.concurrentSenders(official, senders, seconds);
            b.drain(Duration.ofSeconds(120));
        }
        String json = toJson(b.result);
        System.out.println(json);
        if (o.containsKey("--json")) {
            Files.writeString(Path.of(o.get("--json")), json);
        }
        if (!b.failures.isEmpty()) {
            b.failures.forEach(f -> System.err.println("memory bench: FAILED: " + f));
            System.exit(1);
        }
    }

    /** Sends {@code count} grown dossiers at once; each must be ACCEPTED and arrive byte-identical. */
    private void bigDossiers(byte[] official, long requestBytes, int count) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try {
                    bigDossier(official, requestBytes, count, n);
                } catch (Exception e) {
                    fail("grown dossier " + n + ": " + e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private synchronized void fail(String why) {
        failures.add(why);
    }

    private synchronized void put(String key, Object value) {
        result.put(key, value);
    }

    private void bigDossier(byte[] official, long requestBytes, int count, int i) throws Exception {
        String id = "memory-big-" + UUID.randomUUID();
        byte[] dossier = grow(official, requestBytes - envelope(id, "").length, i);
        byte[] request = envelope(id, new String(dossier, StandardCharsets.UTF_8));
        String expected = DossierCanonicalizer.sha256Hex(new DossierCanonicalizer().canonicalize(dossier).bytes());
        long t0 = System.nanoTime();
        Answer a = send(request);
        long acceptMs = (System.nanoTime() - t0) / 1_000_000;
        put("bigRequestBytes", request.length);
        put("bigDossierBytes", dossier.length);
        put("bigAcceptMs" + (count > 1 ? "#" + i : ""), acceptMs);
        System.out.printf("memory bench: %d-byte request (dossier %d bytes): HTTP %d in %d ms%n", request.length,
                dossier.length, a.status, acceptMs);
        if (!a.accepted()) {
            fail("the grown dossier was not ACCEPTED: HTTP " + a.status + " " + abbreviate(a.body));
            return;
        }
        byte[] delivered = awaitDelivered(id, Duration.ofSeconds(120));
        long deliveredMs = (System.nanoTime() - t0) / 1_000_000;
        if (delivered == null) {
            fail("the grown dossier " + id + " did not reach the mock LAS within 120 s");
            return;
        }
        String got = DossierCanonicalizer.sha256Hex(delivered);
        put("bigDeliveredMs" + (count > 1 ? "#" + i : ""), deliveredMs);
        put("bigSha256" + (count > 1 ? "#" + i : ""), expected);
        put("bigDeliveredIdentical" + (count > 1 ? "#" + i : ""), got.equals(expected));
        System.out.printf("memory bench: delivered after %d ms, sha256 %s (%s)%n", deliveredMs, got,
                got.equals(expected) ? "identical" : "DIFFERS from " + expected);
        if (!got.equals(expected)) {
            fail("the delivered dossier differs: sha256 " + got + ", expected " + expected);
        }
    }

    /** Closed-loop senders of the official dossier; every answer must be ACCEPTED. */
    private void concurrentSenders(byte[] official, int senders, int seconds) throws Exception {
        deliveredBefore = totalDelivered();
        String text = dossierText(official);
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    Answer a = send(envelope("memory-small-" + UUID.randomUUID(), text));
                    if (a.accepted()) {
                        accepted.incrementAndGet();
                    } else if (errors.incrementAndGet() <= 5) {
                        System.err.println("memory bench: error: HTTP " + a.status + " " + abbreviate(a.body));
                    }
                }
            }, "sender-" + s);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        result.put("senders", senders);
        result.put("senderSeconds", seconds);
        result.put("sendersAccepted", accepted.get());
        result.put("sendersErrors", errors.get());
        result.put("sendersAcceptedPerSecond", Math.round(accepted.get() * 10.0 / seconds) / 10.0);
        System.out.printf("memory bench: %d senders for %d s: %d ACCEPTED (%.1f/s), %d errors%n", senders, seconds,
                accepted.get(), accepted.get() / (double) seconds, errors.get());
        if (errors.get() > 0) {
            failures.add(errors.get() + " of the concurrent requests were not ACCEPTED");
        }
        expectedDelivered += accepted.get();
    }

    private long expectedDelivered;
    private long deliveredBefore;

    /** Waits until the mock has everything that was accepted (the big dossiers were awaited already). */
    private void drain(Duration max) throws Exception {
        long base = deliveredBefore;
        long deadline = System.nanoTime() + max.toNanos();
        long delivered = -1;
        while (System.nanoTime() < deadline) {
            delivered = totalDelivered();
            if (delivered >= expectedDelivered + base) {
                break;
            }
            Thread.sleep(500);
        }
        result.put("mockTotalDelivered", delivered);
        if (delivered < expectedDelivered + base) {
            failures.add("the mock LAS has " + delivered + " dossiers, expected at least " + (expectedDelivered + base));
        }
    }

    /** The official dossier with its first bestandsinhoud replaced by random base64 so the dossier has {@code size} bytes. */
    static byte[] grow(byte[] official, long size, int seed) {
        String text = dossierText(official);
        int open = text.indexOf(CONTENT_OPEN);
        int close = text.indexOf(CONTENT_CLOSE, open);
        if (open < 0 || close < 0) {
            throw new IllegalArgumentException("the dossier has no bestandsinhoud to grow");
        }
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + text.substring(0, open + CONTENT_OPEN.length());
        String tail = text.substring(close);
        long room = size - head.length() - tail.length();
        // MIME base64: 76-character lines, the usual shape of an attachment; 77 characters per 57 bytes
        int raw = (int) (room / 77 * 57);
        byte[] zip = new byte[raw];
        new Random(seed).nextBytes(zip);
        String base64 = Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(zip);
        return (head + base64 + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static String dossierText(byte[] dossier) {
        String text = new String(dossier, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.startsWith("<?xml")) {
            text = text.substring(text.indexOf("?>") + 2);
        }
        return text.strip();
    }

    private static byte[] envelope(String messageId, String dossier) {
        String d = dossierText(dossier.getBytes(StandardCharsets.UTF_8));
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:g=\"urn:oso-gateway:v1\">"
                + "<soap:Body><g:DeliverDossierRequest><g:messageId>" + messageId + "</g:messageId>"
                + "<g:sender><g:brin>00YY</g:brin><g:vestiging>00</g:vestiging></g:sender>"
                + "<g:receiver><g:brin>01AB</g:brin></g:receiver>"
                + "<g:overdrachtsoort>overstapdossier</g:overdrachtsoort>"
                + "<g:dossier>" + d + "</g:dossier>"
                + "</g:DeliverDossierRequest></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private record Answer(int status, String body) {
        boolean accepted() {
            return status == 200 && body.contains(">ACCEPTED<");
        }
    }

    private Answer send(byte[] body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(gatewayUrl)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        }
    }

    private byte[] awaitDelivered(String messageId, Duration max) throws Exception {
        URI uri = URI.create(mockUrl + "/mock/received/" + URLEncoder.encode(messageId, StandardCharsets.UTF_8) + "/dossier");
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 200) {
                return r.body();
            }
            Thread.sleep(200);
        }
        return null;
    }

    private long totalDelivered() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(mockUrl + "/mock/received"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = TOTAL_DELIVERED.matcher(r.body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "...";
    }

    private static String toJson(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(k).append("\": ")
                .append(v instanceof String ? "\"" + v + "\"" : String.valueOf(v)));
        return sb.append('}').toString();
    }
}
