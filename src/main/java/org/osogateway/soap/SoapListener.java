package org.osogateway.soap;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_undertow.UndertowHTTPServerEngineFactory;
import org.osogateway.soap.listener.ConnectionLimits;
import org.osogateway.soap.listener.GuardedServerEngine;
import org.osogateway.soap.tls.ClientAuth;
import org.osogateway.soap.tls.OinReader;
import org.osogateway.soap.tls.SoapTls;
import org.osogateway.soap.tls.SoapTlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOAP port as configured ({@code gateway.soap.host|port|path}, {@code gateway.soap.tls.*},
 * {@code gateway.soap.allow-insecure}, the timeouts and caps of {@link ConnectionLimits}): its address, its TLS
 * set-up, the secure-by-default decision, and what /health shows of it.
 */
public final class SoapListener {
    private static final Logger LOG = LoggerFactory.getLogger(SoapListener.class);

    private final String host;
    private final int port;
    private final String path;
    private final SoapTls tls;
    private final ClientAuth clientAuth;
    private final OinReader oinReader;
    private final ListenerPolicy.Decision decision;
    private final ConnectionLimits limits;

    private SoapListener(String host, int port, String path, SoapTls tls, ClientAuth clientAuth, OinReader oinReader,
                         ListenerPolicy.Decision decision, ConnectionLimits limits) {
        this.host = host;
        this.port = port;
        this.path = path;
        this.tls = tls;
        this.clientAuth = clientAuth;
        this.oinReader = oinReader;
        this.decision = decision;
        this.limits = limits;
    }

    /** Reads and checks the settings ({@code lookup} answers null for a key that is not set); refuses what is unsafe. */
    public static SoapListener configure(Function<String, String> lookup, Clock clock, int workerThreads) {
        String host = orDefault(lookup.apply("gateway.soap.host"), "127.0.0.1");
        int port = port(orDefault(lookup.apply("gateway.soap.port"), "8080"));
        String path = orDefault(lookup.apply("gateway.soap.path"), "/ws/oso/v1");
        boolean allowInsecure = Boolean.parseBoolean(orDefault(lookup.apply("gateway.soap.allow-insecure"), "false"));
        SoapTlsSettings settings = SoapTlsSettings.from(lookup);
        ClientAuth clientAuth = settings.enabled() ? settings.clientAuth() : ClientAuth.NONE;
        // decided before any file is read: an unsafe listener is refused whatever else is wrong
        ListenerPolicy.Decision decision = ListenerPolicy.decide(host, settings.enabled(), clientAuth, allowInsecure);
        ConnectionLimits limits = ConnectionLimits.from(lookup, workerThreads);
        SoapTls tls = settings.enabled() ? SoapTls.create(settings, clock) : null;
        SoapListener listener = new SoapListener(host, port, path, tls, clientAuth, new OinReader(settings.oinAttribute()),
                decision, limits);
        listener.logStart();
        return listener;
    }

    /** The endpoint address for CXF: https when TLS is on. */
    public String address() {
        return (tls != null ? "https" : "http") + "://" + host + ":" + port + path;
    }

    /**
     * Sets up the bus's Undertow engine for this port (timeouts and caps, then TLS); must run before the endpoint
     * starts.
     */
    public void install(Bus bus) {
        UndertowHTTPServerEngineFactory factory = bus.getExtension(UndertowHTTPServerEngineFactory.class);
        if (factory == null) {
            throw new IllegalStateException("the CXF Undertow transport is not on the classpath");
        }
        GuardedServerEngine.install(factory, host, port, address(), limits);
        if (tls != null) {
            tls.install(bus, host, port);
        }
    }

    /** The bean that puts the caller of each request on the exchange. */
    public CallerIdentification callerIdentification() {
        return new CallerIdentification(oinReader, tls == null ? null : tls.trustManager());
    }

    /** The "soap" section of /health: no paths, no passwords. */
    public Map<String, Object> health() {
        Map<String, Object> soap = new LinkedHashMap<>();
        soap.put("tls", tls != null);
        soap.put("clientAuth", clientAuth.value());
        soap.put("insecureOverride", decision.insecureOverride());
        return soap;
    }

    /** What is insecure about the port; empty unless the insecure override is in use. */
    public List<String> warnings() {
        return decision.warnings();
    }

    public ConnectionLimits limits() {
        return limits;
    }

    private void logStart() {
        LOG.info("SOAP port limits: header {} ms, body {} ms, idle {} ms, {} connections, {} concurrent requests "
                        + "(+{} queued) on {} worker threads, {} bytes of bodies in memory", limits.headerTimeout().toMillis(),
                limits.bodyTimeout().toMillis(), limits.idleTimeout().toMillis(), limits.maxConnections(),
                limits.maxConcurrentRequests(), limits.requestQueueSize(), limits.workerThreads(), limits.maxBufferedBytes());
        for (String warning : decision.warnings()) {
            LOG.warn("INSECURE (gateway.soap.allow-insecure=true): {}", warning);
        }
        if (tls == null) {
            LOG.info("SOAP port {} over plain HTTP", address());
            return;
        }
        LOG.info("SOAP port {}: {}, client-auth {}, {} cipher suites, client OIN from subject {}", address(),
                tls.protocols(), clientAuth.value(), tls.cipherSuites().size(), oinReader.attribute());
        if (clientAuth != ClientAuth.NONE && tls.crls().isEmpty()) {
            LOG.warn("no CRL files configured (gateway.soap.tls.crl-files): revoked client certificates are not refused");
        } else if (!tls.crls().isEmpty()) {
            LOG.info("client certificates checked against the CRLs in {}", tls.crls().files());
        }
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gateway.soap.port must be a port number, not '" + value + "'");
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
