package org.osogateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: for requests no well-behaved client sends (no or
 * lying Content-Length, odd methods, broken chunking). One request per connection ({@code Connection: close}).
 */
public final class RawHttp {
    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** What came back: the status, the headers (names lower-cased) and the body as text (UTF-8). */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    /**
     * Sends {@code method path}, the header lines (each "Name: value", none added but Host and Connection),
     * then the body bytes; when {@code chunked}, the body goes out in 64 KiB chunks with Transfer-Encoding
     * chunked. A server that answers and closes before the body is all sent is fine: its answer is read.
     */
    public Response send(String method, String path, Iterable<String> headerLines, byte[] body, boolean chunked)
            throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Connection: close\r\n");
            for (String h : headerLines) {
                head.append(h).append("\r\n");
            }
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
            }
            head.append("\r\n");
            // Written by another thread while this one reads: a server that answers before it read the whole body
            // (a size limit) must not leave both sides waiting on full buffers.
            Thread writer = new Thread(() -> {
                try {
                    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                    if (chunked) {
                        for (int off = 0; off < body.length; off += 65536) {
                            int n = Math.min(65536, body.length - off);
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            out.write(body, off, n);
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    } else {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server refused early and closed its side; its answer is still there to read
                }
            }, "raw-http-writer");
            writer.setDaemon(true);
            writer.start();
            return read(socket.getInputStream());
        }
    }

    /** Reads one response, to its Content-Length or last chunk (not to EOF: the server may keep draining the request). */
    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        int end = -1;
        Map<String, String> headers = new LinkedHashMap<>();
        int status = 0;
        try {
            for (int n; (n = in.read(b)) >= 0; ) {
                buf.write(b, 0, n);
                byte[] all = buf.toByteArray();
                if (end < 0 && (end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))) >= 0) {
                    String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
                    status = Integer.parseInt(lines[0].split(" ")[1]);
                    for (int i = 1; i < lines.length; i++) {
                        int colon = lines[i].indexOf(':');
                        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                lines[i].substring(colon + 1).trim());
                    }
                }
                if (end >= 0 && complete(all, end + 4, headers)) {
                    break;
                }
            }
        } catch (SocketException e) {
            if (end < 0) {
                throw e; // reset before any answer
            }
        }
        if (end < 0) {
            throw new IOException("no complete HTTP response: " + buf.toString(StandardCharsets.ISO_8859_1));
        }
        byte[] all = buf.toByteArray();
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static boolean complete(byte[] all, int bodyStart, Map<String, String> headers) {
        if (headers.containsKey("content-length")) {
            return all.length - bodyStart >= Long.parseLong(headers.get("content-length"));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return indexOf(all, bodyStart, "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)) >= 0;
        }
        return false;
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length) {
            int lineEnd = indexOf(body, pos, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String size = new String(body, pos, lineEnd - pos, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(body, lineEnd + 2, n);
            pos = lineEnd + 2 + n + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        return indexOf(data, 0, pattern);
    }

    private static int indexOf(byte[] data, int from, byte[] pattern) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
