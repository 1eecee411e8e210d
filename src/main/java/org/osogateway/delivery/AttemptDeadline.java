package org.osogateway.delivery;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * A total deadline for one delivery call (gateway.delivery.attempt-deadline): connect, handshake, sending the
 * dossier and reading the whole answer together. The per-read response timeout alone would let a receiver that
 * trickles its answer hold a worker for ever; at the deadline the call is aborted and its connection closed.
 */
public final class AttemptDeadline implements ExecChainHandler, AutoCloseable {
    private final Duration deadline;
    private final ScheduledThreadPoolExecutor timer;

    public AttemptDeadline(Duration deadline) {
        this.deadline = deadline;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "oso-delivery-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    public Duration deadline() {
        return deadline;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        // the task holds the connection's runtime only, never the scope with its request (and the dossier in it)
        ExecRuntime runtime = scope.execRuntime;
        ScheduledFuture<?> abort = timer.schedule(() -> abort(runtime), deadline.toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException | HttpException | RuntimeException e) {
            abort.cancel(false);
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            abort.cancel(false);
            return response;
        }
        // The answer is read after this returns: the deadline stays armed until it is read or closed. Callers close
        // the entity, or only its content stream (EntityUtils.consume, as camel-http does): either disarms it.
        response.setEntity(new HttpEntityWrapper(entity) {
            @Override
            public InputStream getContent() throws IOException {
                return new FilterInputStream(super.getContent()) {
                    @Override
                    public void close() throws IOException {
                        closeThenDisarm(super::close, abort);
                    }
                };
            }

            @Override
            public void close() throws IOException {
                closeThenDisarm(super::close, abort);
            }
        });
        return response;
    }

    private static void closeThenDisarm(Closeable closing, ScheduledFuture<?> abort) throws IOException {
        try {
            closing.close();
        } finally {
            abort.cancel(false);
        }
    }

    /** Attempts whose deadline is still armed (answers not yet read or closed). */
    public int armed() {
        return timer.getQueue().size();
    }

    private static void abort(ExecRuntime runtime) {
        if (runtime instanceof Cancellable c) {
            c.cancel();
        } else {
            runtime.discardEndpoint();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
