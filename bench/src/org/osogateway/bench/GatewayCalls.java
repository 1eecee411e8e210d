package org.osogateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calls the kill tests make: DeliverDossier of the demo dossier under a chosen messageId, GetDeliveryStatus,
 * and the arrivals the mock LAS recorded.
 */
final class GatewayCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCEPT_STATUS = Pattern.compile("<(?:\\w+:)?status>(ACCEPTED|DUPLICATE)</");
    private static final Pattern ACCEPT_SHA = Pattern.compile("<(?:\\w+:)?dossierSha256>([0-9a-f]{64})</");
    private static final Pattern FAULT_CODE = Pattern.compile("<(?:\\w+:)?code>([A-Z_]+)</");
    private static final Pattern STATE = Pattern.compile("<(?:\\w+:)?state>([A-Z_]+)</");
    private static final Pattern ATTEMPTS = Pattern.compile("<(?:\\w+:)?attempts>(\\d+)</");
    private static final Pattern EVENT_TYPE = Pattern.compile("<(?:\\w+:)?type>([A-Z_]+)</");

    /** One call the mock LAS answered RECEIVED. */
    record Arrival(int attempt, Instant at, String sha) {
    }

    /** What the gateway holds of one message: its state, attempts counted, and attempts with a recorded outcome. */
    record Status(String state, int attempts, int recordedAttempts) {
    }

    /**
     * The gateway's answer to one DeliverDossier: {@code status} ACCEPTED or DUPLICATE with the dossier's hash, or
     * the fault {@code code}; {@code text} is the whole answer.
     */
    record Answer(String status, String sha, String code, String text) {
        boolean accepted() {
            return status != null;
        }
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final byte[] prefix;
    private final byte[] suffix;

    /** Requests that carry {@code dossier} (the demo dossier's XML) from sender 00YY to receiver 01AB. */
    GatewayCalls(byte[] dossier) {
        String text = new String(dossier, StandardCharsets.UTF_8);
        if (text.startsWith("<?xml")) {
            text = text.substring(text.indexOf("?>") + 2);
        }
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:g=\"urn:oso-gateway:v1\">"
                + "<soap:Body><g:DeliverDossierRequest><g:messageId>";
        String tail = "</g:messageId>"
                + "<g:sender><g:brin>00YY</g:brin><g:vestiging>00</g:vestiging></g:sender>"
                + "<g:receiver><g:brin>01AB</g:brin></g:receiver>"
                + "<g:overdrachtsoort>overstapdossier</g:overdrachtsoort>"
                + "<g:dossier>" + text.strip() + "</g:dossier>"
                + "</g:DeliverDossierRequest></soap:Body></soap:Envelope>";
        prefix = head.getBytes(StandardCharsets.UTF_8);
        suffix = tail.getBytes(StandardCharsets.UTF_8);
    }

    /** The DeliverDossier request body for {@code messageId}. */
    byte[] request(String messageId) {
        byte[] id = messageId.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[prefix.length + id.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(id, 0, body, prefix.length, id.length);
        System.arraycopy(suffix, 0, body, prefix.length + id.length, suffix.length);
        return body;
    }

    /** The gateway's answer, or null when the connection failed (refused, reset, or cut by a kill). */
    Answer deliver(String gatewayUrl, byte[] body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(gatewayUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        String text;
        try {
            text = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Matcher m = ACCEPT_STATUS.matcher(text);
        Matcher sha = ACCEPT_SHA.matcher(text);
        if (m.find() && sha.find()) {
            return new Answer(m.group(1), sha.group(1), null, text);
        }
        Matcher code = FAULT_CODE.matcher(text);
        return new Answer(null, null, code.find() ? code.group(1) : null, text);
    }

    /** A read-only call, tried again when it times out or the connection fails (the machine may be busy). */
    <T> HttpResponse<T> read(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        for (int tries = 1; ; tries++) {
            try {
                return http.send(request, handler);
            } catch (IOException e) {
                if (tries == 5) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Per messageId, the calls the mock LAS answered RECEIVED. */
    Map<String, List<Arrival>> mockArrivals(String mockUrl) throws IOException, InterruptedException {
        HttpResponse<byte[]> resp = read(HttpRequest.newBuilder(URI.create(mockUrl + "/mock/received"))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode root = JSON.readTree(resp.body());
        if (root.get("totalCalls").asLong() > root.get("keepCalls").asLong()) {
            throw new IllegalStateException("the mock LAS kept only " + root.get("keepCalls") + " of "
                    + root.get("totalCalls") + " calls; start it with a larger --keep-calls");
        }
        Map<String, List<Arrival>> out = new HashMap<>();
        for (JsonNode c : root.get("calls")) {
            if ("RECEIVED".equals(c.path("answer").asText())) {
                out.computeIfAbsent(c.get("messageId").asText(), k -> new ArrayList<>())
                        .add(new Arrival(c.get("attempt").asInt(), Instant.parse(c.get("receivedAt").asText()),
                                c.get("dossierSha256").asText()));
            }
        }
        return out;
    }

    /** GetDeliveryStatus of one message over SOAP. */
    Status status(String gatewayUrl, String messageId) throws IOException, InterruptedException {
        String body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:g=\"urn:oso-gateway:v1\">"
                + "<soap:Body><g:GetDeliveryStatusRequest><g:messageId>" + messageId + "</g:messageId>"
                + "<g:senderBrin>00YY</g:senderBrin></g:GetDeliveryStatusRequest></soap:Body></soap:Envelope>";
        String answer = read(HttpRequest.newBuilder(URI.create(gatewayUrl)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        Matcher state = STATE.matcher(answer);
        Matcher attempts = ATTEMPTS.matcher(answer);
        if (!state.find() || !attempts.find()) {
            throw new IllegalStateException("GetDeliveryStatus of " + messageId + " answered " + abbreviate(answer));
        }
        int recorded = 0;
        Matcher type = EVENT_TYPE.matcher(answer);
        while (type.find()) {
            if (type.group(1).equals("ATTEMPT")) {
                recorded++; // an ATTEMPT event is written only with the attempt's outcome
            }
        }
        return new Status(state.group(1), Integer.parseInt(attempts.group(1)), recorded);
    }

    static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= 400 ? flat : flat.substring(0, 400) + "...";
    }
}
