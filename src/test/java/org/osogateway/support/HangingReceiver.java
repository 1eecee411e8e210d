package org.osogateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver that accepts connections on loopback and never answers (or, when dripping, sends the headers of an
 * answer and then one byte at a time): the slow or hanging LAS that delivery must survive. Counts connections.
 */
public final class HangingReceiver implements AutoCloseable {
    private final ServerSocket server;
    private final Duration drip;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private HangingReceiver(Duration drip) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.drip = drip;
        Thread t = new Thread(this::acceptLoop, "hanging-receiver");
        t.setDaemon(true);
        t.start();
    }

    /** Accepts and reads, never writes. */
    public static HangingReceiver silent() throws IOException {
        return new HangingReceiver(null);
    }

    /** Answers HTTP 200 headers at once, then one body byte every {@code every}, never finishing. */
    public static HangingReceiver dripping(Duration every) throws IOException {
        return new HangingReceiver(every);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + port() + "/las/oso/v1";
    }

    public int accepted() {
        return accepted.get();
    }

    /** The most connections that were open at the same time. */
    public int maxOpen() {
        return maxOpen.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                sockets.add(s);
                Thread t = new Thread(() -> hold(s), "hanging-receiver-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void hold(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            if (drip == null) {
                byte[] buf = new byte[8192];
                while (in.read(buf) >= 0) {
                    // swallow the request, never answer
                }
            } else {
                byte[] buf = new byte[65536];
                // wait for the request's headers to start, then answer slowly
                if (in.read(buf) < 0) {
                    return;
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (true) {
                    Thread.sleep(drip.toMillis());
                    out.write(' ');
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the gateway gave up on us: what we are here to see
        } finally {
            open.decrementAndGet();
            sockets.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
