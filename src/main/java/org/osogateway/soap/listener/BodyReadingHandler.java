package org.osogateway.soap.listener;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.Headers;
import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.cxf.transport.http_undertow.CXFUndertowHttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads each request body into memory on the IO thread, without blocking, and only then hands the request on (to
 * CXF, which reads it from memory): a client that sends slowly holds a connection and the bytes it sent, never a
 * worker thread. A body not complete within {@code gateway.soap.body-timeout} is cut off with 408 and the connection
 * closed; a body the memory budget ({@code gateway.soap.max-buffered-bytes}) cannot hold gets 503.
 */
public final class BodyReadingHandler implements CXFUndertowHttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BodyReadingHandler.class);
    /** Bodies are kept in chunks of at most this size: no copying as they grow, little waste for small ones. */
    private static final int CHUNK = 64 * 1024;
    private static final ByteBuffer TIMED_OUT = ascii("request body not received within the body timeout\n");
    private static final ByteBuffer BUSY = ascii("the gateway is busy, try again later\n");

    private final long bodyTimeoutMillis;
    private final long maxRequestBytes;
    private final BodyBudget budget;
    private HttpHandler next;

    BodyReadingHandler(ConnectionLimits limits) {
        this.bodyTimeoutMillis = limits.bodyTimeout().toMillis();
        this.maxRequestBytes = limits.maxRequestBytes();
        this.budget = new BodyBudget(limits.maxBufferedBytes());
    }

    @Override
    public void setNext(HttpHandler nextHandler) {
        this.next = nextHandler;
    }

    /** Bytes of request bodies held in memory right now (read, or handed on and not yet answered). */
    long bufferedBytes() {
        return budget.held();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long declared = exchange.getRequestContentLength();
        if (declared > maxRequestBytes) {
            // Refused from its Content-Length alone (PAYLOAD_TOO_LARGE): the body is never read, and the connection is
            // closed after the fault instead of waiting for (and draining) a body that may never come.
            exchange.setPersistent(false);
            Connectors.terminateRequest(exchange);
            next.handleRequest(exchange);
            return;
        }
        if (exchange.isRequestComplete() || declared == 0) {
            next.handleRequest(exchange);
            return;
        }
        Body body = new Body(exchange, declared);
        // Off the handler call first, so that the exchange stays open while its body arrives and can be answered
        // from the IO thread (a timeout); SameThreadExecutor runs it right after this call on this IO thread.
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {
            if (!HttpContinue.requiresContinueResponse(exchange)) {
                body.start();
                return;
            }
            // the client waits for "100 Continue" before it sends the body
            HttpContinue.sendContinueResponse(exchange, new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange ex, Sender sender) {
                    body.start();
                }

                @Override
                public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                    body.abandon();
                }
            });
        });
    }

    /** The body of one request while it arrives; all its methods run on the connection's IO thread. */
    private final class Body implements ChannelListener<StreamSourceChannel> {
        private final HttpServerExchange exchange;
        private final long declared;
        private final List<ByteBuffer> chunks = new ArrayList<>();
        private StreamSourceChannel channel;
        private XnioExecutor.Key deadline;
        private long received;
        private long reserved;
        private boolean finished;

        Body(HttpServerExchange exchange, long declared) {
            this.exchange = exchange;
            this.declared = declared;
        }

        void start() {
            deadline = exchange.getIoThread().executeAfter(this::timedOut, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
            // whatever the outcome, the bytes go back to the budget when the exchange ends
            exchange.addExchangeCompleteListener((ex, nextListener) -> {
                releaseBudget();
                nextListener.proceed();
            });
            channel = exchange.getRequestChannel();
            if (channel == null) {
                finished = true;
                deadline.remove();
                abandon();
                return;
            }
            if (read()) {
                handOn();
            } else if (!finished) {
                channel.getReadSetter().set(this);
                channel.resumeReads();
            }
        }

        @Override
        public void handleEvent(StreamSourceChannel ch) {
            if (read()) {
                ch.getReadSetter().set(null);
                ch.suspendReads();
                handOn();
            }
        }

        /** Reads what is there; true once the body is complete (or one byte over the limit, for CXF to refuse). */
        private boolean read() {
            try {
                while (!finished) {
                    ByteBuffer chunk = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
                    if (chunk == null || !chunk.hasRemaining()) {
                        if (received > maxRequestBytes) {
                            return complete();
                        }
                        chunk = newChunk();
                        if (chunk == null) {
                            refuse(StatusCodes.SERVICE_UNAVAILABLE, BUSY, "memory budget for request bodies used up");
                            return false;
                        }
                    }
                    int n = channel.read(chunk);
                    if (n == -1) {
                        return complete();
                    }
                    if (n == 0) {
                        return false;
                    }
                    received += n;
                }
                return false;
            } catch (IOException e) {
                // the client went away or broke the stream: nothing to answer
                LOG.debug("request body read failed: {}", e.toString());
                finished = true;
                deadline.remove();
                abandon();
                return false;
            }
        }

        /** A chunk for the next bytes: sized to what is still expected, plus one so the end of the body is seen. */
        private ByteBuffer newChunk() {
            long wanted = declared > 0 ? declared - received + 1 : maxRequestBytes + 1 - received;
            int size = (int) Math.min(CHUNK, Math.max(1, wanted));
            if (!budget.reserve(size)) {
                return null;
            }
            reserved += size;
            ByteBuffer chunk = ByteBuffer.allocate(size);
            chunks.add(chunk);
            return chunk;
        }

        private boolean complete() {
            finished = true;
            deadline.remove();
            return true;
        }

        /** Puts the body back as the request's content, read from memory by whoever handles it next. */
        private void handOn() {
            if (received > maxRequestBytes) {
                exchange.setPersistent(false); // refused for its size: the rest of the body is not drained
            }
            PooledByteBuffer[] data = new PooledByteBuffer[chunks.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = new ImmediatePooledByteBuffer(chunks.get(i).flip());
            }
            Connectors.ungetRequestBytes(exchange, data);
            Connectors.resetRequestChannel(exchange);
            Connectors.executeRootHandler(next, exchange);
        }

        private void timedOut() {
            if (finished) {
                return;
            }
            LOG.info("request body cut off after {} ms: {} of {} bytes received", bodyTimeoutMillis, received,
                    declared < 0 ? "?" : declared);
            refuse(StatusCodes.REQUEST_TIME_OUT, TIMED_OUT, null);
        }

        /** Answers {@code status} and closes the connection: the rest of the body is never read. */
        private void refuse(int status, ByteBuffer text, String why) {
            finished = true;
            deadline.remove();
            if (why != null) {
                LOG.warn("request refused with HTTP {}: {}", status, why);
            }
            if (channel != null) {
                channel.getReadSetter().set(null);
                channel.suspendReads();
            }
            releaseBudget();
            if (!exchange.isResponseChannelAvailable()) {
                abandon();
                return;
            }
            exchange.setStatusCode(status);
            exchange.setPersistent(false);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=US-ASCII");
            exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
            exchange.getResponseSender().send(text.duplicate(), new IoCallback() {
                @Override
                public void onComplete(HttpServerExchange ex, Sender sender) {
                    abandon();
                }

                @Override
                public void onException(HttpServerExchange ex, Sender sender, IOException e) {
                    abandon();
                }
            });
        }

        private void abandon() {
            releaseBudget();
            IoUtils.safeClose(exchange.getConnection());
        }

        private void releaseBudget() {
            if (reserved > 0) {
                budget.release(reserved);
                reserved = 0;
                chunks.clear();
            }
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    }
}
