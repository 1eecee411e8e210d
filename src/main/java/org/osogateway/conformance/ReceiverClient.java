package org.osogateway.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import org.osogateway.delivery.ReceiveDossierCall;
import org.osogateway.delivery.ReceiveDossierEnvelope;
import org.osogateway.tls.ClientTls;

/**
 * Makes ReceiveDossier calls on one receiver URL as the gateway does (the same envelope, SOAPAction and Content-Type,
 * HTTP/1.1, TLS 1.3/1.2 with host-name check), each bounded by one timeout for the whole exchange. Redirects are not
 * followed: only the URL the user gave is ever called.
 */
public final class ReceiverClient {

    /** More answer than a ReceiveDossierResponse or fault ever needs; the rest is not read. */
    static final int MAX_ANSWER_BYTES = 1 << 20;

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;
    private final Executor readers = runnable -> {
        Thread t = new Thread(runnable, "conformance-answer-reader");
        t.setDaemon(true); // a receiver that never finishes its answer must not keep the command alive
        t.start();
    };

    /**
     * @param url     the receiver's ReceiveDossier address, http:// or https://
     * @param tls     the client certificate and trust for https, or null for the JVM's trust and no certificate
     * @param timeout the limit for one call, from connecting to having read the whole answer
     */
    public ReceiverClient(URI url, ClientTls tls, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout);
        if (tls != null) {
            b.sslContext(tls.sslContext()).sslParameters(tls.sslParameters());
        }
        this.http = b.build();
    }

    public URI url() {
        return url;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Sends the call and reads the answer; never throws for what the receiver does. */
    public ReceiverAnswer send(ReceiveDossierCall call) {
        return post(ReceiveDossierEnvelope.build(call));
    }

    /** Posts these request bytes (also used for a deliberately malformed request). */
    ReceiverAnswer post(byte[] request) {
        HttpRequest req = HttpRequest.newBuilder(url)
                .header("Content-Type", ReceiveDossierEnvelope.CONTENT_TYPE)
                .header("SOAPAction", "\"" + ReceiveDossierEnvelope.SOAP_ACTION + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
        long start = System.nanoTime();
        AtomicReference<InputStream> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<InputStream>> sent = http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<ReceiverAnswer> answered = sent.thenApplyAsync(response -> {
            body.set(response.body());
            byte[] bytes = readCapped(response.body());
            return ReceiverAnswerReader.read(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), bytes, since(start));
        }, readers);
        try {
            return answered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            closeQuietly(body.get());
            return ReceiverAnswer.without(ReceiverAnswer.Kind.NO_ANSWER, since(start),
                    "no complete answer within " + seconds(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReceiverAnswer.without(ReceiverAnswer.Kind.NO_ANSWER, since(start), "interrupted");
        } catch (ExecutionException e) {
            return ReceiverAnswer.without(kindOf(e.getCause()), since(start), describe(e.getCause()));
        }
    }

    private static byte[] readCapped(InputStream in) {
        try (in) {
            return in.readNBytes(MAX_ANSWER_BYTES);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ReceiverAnswer.Kind kindOf(Throwable cause) {
        return cause instanceof java.net.http.HttpTimeoutException ? ReceiverAnswer.Kind.NO_ANSWER
                : ReceiverAnswer.Kind.UNREACHABLE;
    }

    private String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof SSLException)) {
            root = root.getCause();
        }
        if (cause instanceof java.net.http.HttpConnectTimeoutException) {
            return "no connection to " + url.getHost() + ":" + port() + " within " + seconds(timeout);
        }
        if (root instanceof ConnectException) {
            return "connection to " + url.getHost() + ":" + port() + " refused";
        }
        if (root instanceof SSLException) {
            return "TLS handshake with " + url.getHost() + ":" + port() + " failed: " + root.getMessage();
        }
        return "no answer from " + url.getHost() + ":" + port() + ": " + root;
    }

    private int port() {
        return url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // giving up on this answer anyway
            }
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
