package org.osogateway.soap.listener;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.http_undertow.ThreadingParameters;
import org.apache.cxf.transport.http_undertow.UndertowHTTPServerEngine;
import org.apache.cxf.transport.http_undertow.UndertowHTTPServerEngineFactory;
import org.apache.cxf.transport.http_undertow.handlers.CxfRequestLimitingHandler;
import org.xnio.Options;

/**
 * CXF's Undertow engine for the SOAP port with the {@link ConnectionLimits} applied: header, body and idle timeouts,
 * a cap on connections, bodies read without a worker thread, and a cap on requests handed to CXF at once.
 */
public final class GuardedServerEngine extends UndertowHTTPServerEngine {
    private final ConnectionLimits limits;
    private final BodyReadingHandler bodyReader;

    private GuardedServerEngine(String host, int port, ConnectionLimits limits) {
        super(host, port);
        this.limits = limits;
        this.bodyReader = new BodyReadingHandler(limits);
        ThreadingParameters threads = new ThreadingParameters();
        threads.setMinThreads(limits.workerThreads());
        threads.setMaxThreads(limits.workerThreads());
        setThreadingParameters(threads);
        // CXF nests these from the first (innermost, just before its own handlers) to the last (outermost): the
        // concurrency cap counts only requests whose body is complete, so slow senders never take its places.
        setHandlers(List.of(
                new CxfRequestLimitingHandler(limits.maxConcurrentRequests(), limits.requestQueueSize()),
                bodyReader));
    }

    /**
     * Registers the engine for {@code address}'s port with the bus's Undertow engine factory, before the endpoint
     * (and any TLS set-up for the port) asks for it.
     */
    public static GuardedServerEngine install(UndertowHTTPServerEngineFactory factory, String host, int port,
                                              String address, ConnectionLimits limits) {
        UndertowHTTPServerEngine existing = factory.retrieveUndertowHTTPServerEngine(port);
        if (existing != null) {
            if (existing.getServant(url(address)) != null) {
                throw new IllegalStateException("the SOAP port " + port + " is already served in this JVM");
            }
            // left behind by an endpoint stopped earlier in this JVM: it serves nothing
            UndertowHTTPServerEngineFactory.destroyForPort(port);
        }
        GuardedServerEngine engine = new GuardedServerEngine(host, port, limits);
        engine.finalizeConfig();
        factory.setEnginesList(List.of(engine));
        if (factory.retrieveUndertowHTTPServerEngine(port) != engine) {
            throw new IllegalStateException("another engine took the SOAP port " + port + " while it was set up");
        }
        return engine;
    }

    /** Bytes of request bodies the port holds in memory right now. */
    public long bufferedBytes() {
        return bodyReader.bufferedBytes();
    }

    public ConnectionLimits limits() {
        return limits;
    }

    /**
     * HTTP/1.1 only. HTTP/2 would multiplex requests beyond the connection cap, and over TLS its protocol
     * negotiation holds a connection outside the idle timeout until the handshake ends.
     */
    @Override
    public boolean isHttp2Enabled(Bus bus) {
        return false;
    }

    @Override
    public Undertow.Builder decorateUndertowSocketConnection(Undertow.Builder builder) {
        return super.decorateUndertowSocketConnection(builder)
                // from the first byte of a request to its last header
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) limits.headerTimeout().toMillis())
                // a connection, new or kept alive, on which no request starts
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, (int) limits.idleTimeout().toMillis())
                // beyond this XNIO stops accepting: new connections wait in the listen backlog until one closes
                .setSocketOption(Options.CONNECTION_HIGH_WATER, limits.maxConnections())
                .setSocketOption(Options.CONNECTION_LOW_WATER, limits.maxConnections());
    }

    private static URL url(String address) {
        try {
            return new URL(address);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + address, e);
        }
    }
}
