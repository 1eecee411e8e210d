package org.osogateway.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.security.SecureRandom;

/**
 * Sends one hand-made TLS ClientHello and reports the server's first answer. Independent of the test JVM's own
 * TLS settings (which refuse to even offer TLS 1.1), so it shows what the server itself accepts.
 */
public final class TlsProbe {
    public static final int TLS_1_1 = 0x0302;
    public static final int TLS_1_2 = 0x0303;
    /** ECDHE with AES-GCM, for RSA and ECDSA keys. */
    public static final int[] STRONG_SUITES = {0xC02F, 0xC030, 0xC02B, 0xC02C};
    /** Suites a weak server would take: ECDHE/RSA with CBC, RSA key exchange with GCM. */
    public static final int[] WEAK_SUITES = {0xC013, 0xC014, 0xC027, 0x002F, 0x0035, 0x009C, 0x009D, 0x000A};

    /** The server's answer: a ServerHello with its version, or an alert with its description code. */
    public record Answer(boolean serverHello, int version, int alert) {
        @Override
        public String toString() {
            return serverHello ? "ServerHello(0x" + Integer.toHexString(version) + ")"
                    : alert >= 0 ? "Alert(" + alert + ")" : "closed";
        }
    }

    /** TLS alert protocol_version. */
    public static final int ALERT_PROTOCOL_VERSION = 70;
    /** TLS alert handshake_failure (e.g. no cipher suite in common). */
    public static final int ALERT_HANDSHAKE_FAILURE = 40;

    private TlsProbe() {
    }

    /** Offers only {@code version} (no supported_versions extension, so no TLS 1.3) with these cipher suites. */
    public static Answer hello(String host, int port, int version, int[] suites) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(clientHello(version, suites));
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type;
            try {
                type = in.readUnsignedByte();
            } catch (EOFException e) {
                return new Answer(false, 0, -1);
            }
            in.readUnsignedShort(); // record version
            int length = in.readUnsignedShort();
            byte[] body = new byte[length];
            in.readFully(body);
            if (type == 0x15) {
                return new Answer(false, 0, body[1] & 0xff);
            }
            if (type == 0x16 && body[0] == 0x02) {
                return new Answer(true, ((body[4] & 0xff) << 8) | (body[5] & 0xff), -1);
            }
            throw new IOException("unexpected TLS record type " + type);
        }
    }

    private static byte[] clientHello(int version, int[] suites) {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        u16(hello, version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        hello.writeBytes(random);
        hello.write(0); // no session id
        u16(hello, suites.length * 2 + 2);
        for (int s : suites) {
            u16(hello, s);
        }
        u16(hello, 0x00FF); // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
        hello.write(1);
        hello.write(0); // null compression only
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        extension(ext, 0x000a, new int[] {0x0008, 0x001d, 0x0017, 0x0018, 0x0019}); // supported_groups (list length first)
        extension(ext, 0x000b, new byte[] {1, 0}); // ec_point_formats: uncompressed
        extension(ext, 0x000d, new int[] {0x000c, 0x0804, 0x0805, 0x0401, 0x0501, 0x0403, 0x0503}); // signature_algorithms
        extension(ext, 0x0017, new byte[0]); // extended_master_secret
        u16(hello, ext.size());
        hello.writeBytes(ext.toByteArray());

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(0x01); // ClientHello
        u24(handshake, hello.size());
        handshake.writeBytes(hello.toByteArray());
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16);
        u16(record, 0x0301);
        u16(record, handshake.size());
        record.writeBytes(handshake.toByteArray());
        return record.toByteArray();
    }

    private static void extension(ByteArrayOutputStream out, int type, int[] values) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int v : values) {
            u16(data, v);
        }
        extension(out, type, data.toByteArray());
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xff);
        out.write(v & 0xff);
    }

    private static void u24(ByteArrayOutputStream out, int v) {
        out.write((v >> 16) & 0xff);
        u16(out, v & 0xffff);
    }
}
