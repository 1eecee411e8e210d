package org.osogateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Slow clients for tests: connections that send a request head and then one byte a second, each watched for the
 * moment the server closes it and what it answered first.
 */
public final class Drippers implements AutoCloseable {
    /** A request head whose body (of {@code bodyBytes}) is then dripped. */
    public static String bodyHead(int port, int bodyBytes) {
        return "POST /ws/oso/v1 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: text/xml; charset=UTF-8\r\n"
                + "SOAPAction: \"\"\r\nContent-Length: " + bodyBytes + "\r\n\r\n";
    }

    /** The start of a request head whose further header lines are dripped. */
    public static String partialHead(int port) {
        return "POST /ws/oso/v1 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slow: ";
    }

    /** One slow connection. */
    public static final class Drip {
        private final Socket socket;
        private final long openedAt = System.nanoTime();
        private final CountDownLatch closed = new CountDownLatch(1);
        private final ByteArrayOutputStream answer = new ByteArrayOutputStream();
        private volatile long closedAt;
        private volatile int sent;

        Drip(Socket socket) {
            this.socket = socket;
        }

        /** Seconds from opening until the server closed the connection; NaN while it is open. */
        public double secondsOpen() {
            return closedAt == 0 ? Double.NaN : (closedAt - openedAt) / 1e9;
        }

        public boolean isOpen() {
            return closed.getCount() > 0;
        }

        /** What the server sent before it closed the connection. */
        public synchronized String answer() {
            return answer.toString(StandardCharsets.ISO_8859_1);
        }

        public int bytesSent() {
            return sent;
        }

        boolean await(long millis) throws InterruptedException {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        }

        void drip() {
            if (!isOpen()) {
                return;
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write('a');
                out.flush();
                sent++;
            } catch (IOException e) {
                // the server closed it; the reader records when
            }
        }

        void watch() {
            Thread t = new Thread(() -> {
                try (InputStream in = socket.getInputStream()) {
                    byte[] buf = new byte[1024];
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        synchronized (this) {
                            answer.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // a reset is a close too
                }
                closedAt = System.nanoTime();
                closed.countDown();
            }, "drip-watch");
            t.setDaemon(true);
            t.start();
        }
    }

    private final List<Drip> drips = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "drip-ticker");
        t.setDaemon(true);
        return t;
    });

    /**
     * Opens {@code count} connections (over TLS when {@code tls} is given), sends {@code head} on each, and drips; an
     * empty head opens idle connections that send nothing.
     */
    public static Drippers open(int count, int port, SSLContext tls, String head) throws IOException {
        Drippers d = new Drippers();
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            Socket s;
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
                ssl.startHandshake();
                s = ssl;
            } else {
                s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            }
            s.setTcpNoDelay(true);
            s.getOutputStream().write(headBytes);
            s.getOutputStream().flush();
            Drip drip = new Drip(s);
            drip.watch();
            d.drips.add(drip);
        }
        if (!head.isEmpty()) {
            d.ticker.scheduleAtFixedRate(() -> d.drips.forEach(Drip::drip), 1, 1, TimeUnit.SECONDS);
        }
        return d;
    }

    public List<Drip> drips() {
        return drips;
    }

    public long openCount() {
        return drips.stream().filter(Drip::isOpen).count();
    }

    /** Waits until the server has closed every connection; false if some are still open after {@code millis}. */
    public boolean awaitAllClosed(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        for (Drip d : drips) {
            if (!d.await(Math.max(0, end - System.currentTimeMillis()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (Drip d : drips) {
            try {
                d.socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
