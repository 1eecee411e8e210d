package org.osogateway.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Bench mode {@code --slow-clients}: the latency of normal DeliverDossier requests (one after the other) without and
 * while N connections drip their body one byte a second, and when the gateway cut those connections off.
 */
public final class SlowClientBench {
    private String gatewayUrl;
    private Path dossierFile;
    private int drippers = 64;
    private int requests = 100;
    private int timeoutSeconds = 30;
    private Path json;
    private Path tlsKeyStore;
    private Path tlsTrustStore;
    private String tlsPassword = "changeit";

    private HttpClient http;
    private SSLContext tls;
    private String envelopeHead;
    private String envelopeTail;

    public static void main(String[] args) throws Exception {
        SlowClientBench b = new SlowClientBench();
        b.parse(args);
        System.exit(b.run());
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway-url" -> gatewayUrl = args[++i];
                case "--dossier" -> dossierFile = Path.of(args[++i]);
                case "--drippers" -> drippers = Integer.parseInt(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--timeout" -> timeoutSeconds = Integer.parseInt(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                case "--tls-keystore" -> tlsKeyStore = Path.of(args[++i]);
                case "--tls-truststore" -> tlsTrustStore = Path.of(args[++i]);
                case "--tls-password" -> tlsPassword = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (gatewayUrl == null || dossierFile == null) {
            throw new IllegalArgumentException("--gateway-url and --dossier are needed");
        }
    }

    private int run() throws Exception {
        buildEnvelope(Files.readAllBytes(dossierFile));
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (tlsKeyStore != null) {
            tls = LoadGenerator.tlsContext(tlsKeyStore, tlsTrustStore, tlsPassword);
            builder.sslContext(tls);
        }
        http = builder.build();
        URI uri = URI.create(gatewayUrl);

        System.out.println("slow-clients: warm-up, " + requests + " requests");
        Phase warm = normalRequests(requests, null);
        if (warm.failed > 0) {
            System.err.println("slow-clients: " + warm.failed + " warm-up requests were not ACCEPTED: " + warm.firstError);
            return 2;
        }
        System.out.println("slow-clients: " + requests + " requests without slow clients");
        Phase before = normalRequests(requests, null);

        System.out.println("slow-clients: " + drippers + " connections dripping their body one byte a second");
        List<Drip> drips = new ArrayList<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: text/xml; charset=UTF-8\r\nSOAPAction: \"\"\r\nContent-Length: 200000\r\n\r\n";
        for (int i = 0; i < drippers; i++) {
            drips.add(Drip.open(uri.getHost(), uri.getPort(), tls, head));
        }
        ticker.scheduleAtFixedRate(() -> drips.forEach(Drip::drip), 1, 1, TimeUnit.SECONDS);
        System.out.println("slow-clients: " + requests + " requests while they drip");
        Phase during = normalRequests(requests, drips);

        long waitMillis = (timeoutSeconds + 60) * 1000L;
        long end = System.currentTimeMillis() + waitMillis;
        for (Drip d : drips) {
            d.closed.await(Math.max(0, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }
        ticker.shutdownNow();
        System.out.println("slow-clients: " + requests + " requests after they were cut off");
        Phase after = normalRequests(requests, null);

        double[] cutOff = drips.stream().filter(d -> d.closedAt > 0).mapToDouble(Drip::secondsOpen).sorted().toArray();
        long answered408 = drips.stream().filter(d -> d.answer.startsWith("HTTP/1.1 408")).count();
        long stillOpen = drips.stream().filter(d -> d.closedAt == 0).count();
        drips.forEach(Drip::close);

        long[] without = concat(before.latencies, after.latencies);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("timestamp", Instant.now().toString());
        r.put("mutualTls", tls != null ? "on" : "off");
        r.put("dossierBytes", Files.size(dossierFile));
        r.put("drippers", drippers);
        r.put("bodyTimeoutSeconds", timeoutSeconds);
        r.put("requestsPerPhase", requests);
        r.put("withoutP50Ms", ms(pct(without, 50)));
        r.put("withoutP95Ms", ms(pct(without, 95)));
        r.put("duringP50Ms", ms(pct(during.latencies, 50)));
        r.put("duringP95Ms", ms(pct(during.latencies, 95)));
        r.put("ratioP50", round2(pct(during.latencies, 50) / (double) pct(without, 50)));
        r.put("ratioP95", round2(pct(during.latencies, 95) / (double) pct(without, 95)));
        r.put("duringAnsweredWhileAllDripped", during.whileAllOpen);
        int failed = before.failed + during.failed + after.failed;
        r.put("failed", failed);
        r.put("cutOffMinSeconds", round2(cutOff.length == 0 ? Double.NaN : cutOff[0]));
        r.put("cutOffMedianSeconds", round2(cutOff.length == 0 ? Double.NaN : cutOff[cutOff.length / 2]));
        r.put("cutOffMaxSeconds", round2(cutOff.length == 0 ? Double.NaN : cutOff[cutOff.length - 1]));
        r.put("cutOffWith408", answered408);
        r.put("neverCutOff", stillOpen);

        System.out.println();
        System.out.printf(Locale.ROOT, "slow clients: %d drippers (1 byte/s), body timeout %d s, %s, dossier %d bytes%n",
                drippers, timeoutSeconds, tls != null ? "mutual TLS" : "plain HTTP", Files.size(dossierFile));
        System.out.printf(Locale.ROOT, "  normal requests without drippers (%d, before + after): p50 %s ms, p95 %s ms%n",
                without.length, r.get("withoutP50Ms"), r.get("withoutP95Ms"));
        System.out.printf(Locale.ROOT, "  normal requests while they drip   (%d, %d of them while all %d dripped): p50 %s ms,"
                        + " p95 %s ms%n", during.latencies.length, during.whileAllOpen, drippers, r.get("duringP50Ms"),
                r.get("duringP95Ms"));
        System.out.printf(Locale.ROOT, "  ratio during/without: p50 %s, p95 %s%n", r.get("ratioP50"), r.get("ratioP95"));
        System.out.printf(Locale.ROOT, "  drippers cut off after %s s (min) / %s s (median) / %s s (max); %d answered 408,"
                        + " %d never cut off; failed normal requests: %s%n", r.get("cutOffMinSeconds"),
                r.get("cutOffMedianSeconds"), r.get("cutOffMaxSeconds"), answered408, stillOpen, r.get("failed"));
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, toJson(r));
            System.out.println("  json: " + json);
        }
        return stillOpen == 0 && failed == 0 ? 0 : 1;
    }

    private record Phase(long[] latencies, int failed, String firstError, int whileAllOpen) {
    }

    /** {@code count} DeliverDossier requests one after the other; counts those answered while every drip was open. */
    private Phase normalRequests(int count, List<Drip> drips) {
        long[] lat = new long[count];
        int failed = 0;
        int whileAllOpen = 0;
        String firstError = null;
        for (int i = 0; i < count; i++) {
            byte[] body = (envelopeHead + "bench-" + UUID.randomUUID() + envelopeTail).getBytes(StandardCharsets.UTF_8);
            HttpRequest req = HttpRequest.newBuilder(URI.create(gatewayUrl)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (resp.statusCode() != 200 || !resp.body().contains(">ACCEPTED<")) {
                    failed++;
                    firstError = firstError == null ? "HTTP " + resp.statusCode() + " " + resp.body() : firstError;
                }
            } catch (IOException | InterruptedException e) {
                failed++;
                firstError = firstError == null ? e.toString() : firstError;
            }
            lat[i] = System.nanoTime() - t0;
            if (drips != null && drips.stream().allMatch(d -> d.closedAt == 0)) {
                whileAllOpen++;
            }
        }
        Arrays.sort(lat);
        return new Phase(lat, failed, firstError, whileAllOpen);
    }

    /** One connection that sent a request head and then sends one body byte a second until the server closes it. */
    private static final class Drip {
        final Socket socket;
        final long openedAt = System.nanoTime();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile long closedAt;
        volatile String answer = "";

        private Drip(Socket socket) {
            this.socket = socket;
        }

        static Drip open(String host, int port, SSLContext tls, String head) throws IOException {
            Socket s;
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(host, port);
                ssl.startHandshake();
                s = ssl;
            } else {
                s = new Socket();
                s.connect(new InetSocketAddress(host, port), 10_000);
            }
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Drip d = new Drip(s);
            Thread reader = new Thread(d::watch, "drip-watch");
            reader.setDaemon(true);
            reader.start();
            return d;
        }

        double secondsOpen() {
            return (closedAt - openedAt) / 1e9;
        }

        void watch() {
            StringBuilder got = new StringBuilder();
            try (InputStream in = socket.getInputStream()) {
                byte[] buf = new byte[512];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                // reset by the server: closed as well
            }
            answer = got.toString();
            closedAt = System.nanoTime();
            closed.countDown();
        }

        void drip() {
            if (closedAt != 0) {
                return;
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write('<');
                out.flush();
            } catch (IOException e) {
                // closed by the server; watch() records it
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void buildEnvelope(byte[] dossier) {
        String text = new String(dossier, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.startsWith("<?xml")) {
            text = text.substring(text.indexOf("?>") + 2);
        }
        envelopeHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:g=\"urn:oso-gateway:v1\">"
                + "<soap:Body><g:DeliverDossierRequest><g:messageId>";
        envelopeTail = "</g:messageId><g:sender><g:brin>00YY</g:brin><g:vestiging>00</g:vestiging></g:sender>"
                + "<g:receiver><g:brin>01AB</g:brin></g:receiver><g:overdrachtsoort>overstapdossier</g:overdrachtsoort>"
                + "<g:dossier>" + text.strip() + "</g:dossier></g:DeliverDossierRequest></soap:Body></soap:Envelope>";
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        Arrays.sort(c);
        return c;
    }

    private static Double ms(long nanos) {
        return round2(nanos / 1e6);
    }

    private static Double round2(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 100.0) / 100.0;
    }

    private static String toJson(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            sb.append("  \"").append(e.getKey()).append("\": ")
                    .append(v instanceof String s ? "\"" + s + "\"" : String.valueOf(v))
                    .append(++i < m.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }
}
