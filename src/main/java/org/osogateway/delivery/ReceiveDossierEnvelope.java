package org.osogateway.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/** Writes the outbound SOAP 1.1 ReceiveDossier request around the stored dossier bytes, without re-parsing them. */
public final class ReceiveDossierEnvelope {

    public static final String SOAP11_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String LAS_NS = "urn:oso-gateway:las:v1";
    /** The SOAPAction HTTP header value of the ReceiveDossier operation (quote it in the header). */
    public static final String SOAP_ACTION = "urn:oso-gateway:las:v1:ReceiveDossier";
    public static final String CONTENT_TYPE = "text/xml; charset=UTF-8";

    // Prefixed, not default, namespaces: a dossier element in exclusive C14N form declares only the
    // namespaces it visibly uses, so a default namespace here could leak into its unprefixed names.
    // Unusual prefixes make a capture of undeclared QName-in-content prefixes (xsi:type values) unlikely.
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<osoenv:Envelope xmlns:osoenv=\"" + SOAP11_ENV_NS + "\"><osoenv:Body>"
            + "<osolas:ReceiveDossierRequest xmlns:osolas=\"" + LAS_NS + "\">";
    private static final byte[] TAIL_BYTES = "</osolas:dossier></osolas:ReceiveDossierRequest></osoenv:Body></osoenv:Envelope>"
            .getBytes(StandardCharsets.US_ASCII);

    private ReceiveDossierEnvelope() {
    }

    /** The request bytes (UTF-8); the dossier bytes are copied verbatim so its hash stays valid. */
    public static byte[] build(ReceiveDossierCall call) {
        Parts parts = parts(call);
        // one exact array: a ByteArrayOutputStream would hold the (up to 20 MiB) dossier twice more
        byte[] out = new byte[Math.toIntExact(parts.length())];
        System.arraycopy(parts.head(), 0, out, 0, parts.head().length);
        System.arraycopy(parts.dossier(), 0, out, parts.head().length, parts.dossier().length);
        System.arraycopy(parts.tail(), 0, out, parts.head().length + parts.dossier().length, parts.tail().length);
        return out;
    }

    /**
     * The same request as an HTTP entity that writes the head, the dossier bytes and the tail one after the other:
     * the dossier goes out of the array it was accepted or loaded in, without a copy of the whole request.
     */
    public static HttpEntity entity(ReceiveDossierCall call) {
        Parts parts = parts(call);
        return new AbstractHttpEntity(ContentType.create("text/xml", StandardCharsets.UTF_8), null) {
            @Override
            public long getContentLength() {
                return parts.length();
            }

            @Override
            public InputStream getContent() {
                return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(parts.head()),
                        new ByteArrayInputStream(parts.dossier()), new ByteArrayInputStream(parts.tail()))));
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(parts.head());
                out.write(parts.dossier());
                out.write(parts.tail());
            }

            @Override
            public boolean isRepeatable() {
                return true;
            }

            @Override
            public boolean isStreaming() {
                return false;
            }

            @Override
            public void close() {
                // nothing to release: the parts are arrays
            }
        };
    }

    /** The request's bytes before the dossier, the dossier itself, and after it. */
    private record Parts(byte[] head, byte[] dossier, byte[] tail) {
        long length() {
            return (long) head.length + dossier.length + tail.length;
        }
    }

    private static Parts parts(ReceiveDossierCall call) {
        byte[] dossier = call.canonicalDossier();
        checkLooksLikeAnElement(dossier);
        StringBuilder head = new StringBuilder(768).append(HEAD);
        element(head, "messageId", call.messageId());
        head.append("<osolas:sender>");
        element(head, "brin", call.senderBrin());
        optionalElement(head, "vestiging", call.senderVestiging());
        head.append("</osolas:sender><osolas:receiver>");
        element(head, "brin", call.receiverBrin());
        optionalElement(head, "vestiging", call.receiverVestiging());
        element(head, "routeringskenmerk", call.routeringskenmerk());
        head.append("</osolas:receiver>");
        element(head, "overdrachtsoort", call.overdrachtsoort());
        element(head, "attempt", Integer.toString(call.attempt()));
        element(head, "dossierSha256", call.dossierSha256());
        head.append("<osolas:dossier>");
        return new Parts(head.toString().getBytes(StandardCharsets.UTF_8), dossier, TAIL_BYTES);
    }

    private static void optionalElement(StringBuilder sb, String name, String value) {
        if (value != null && !value.isEmpty()) {
            element(sb, name, value);
        }
    }

    private static void element(StringBuilder sb, String name, String value) {
        sb.append("<osolas:").append(name).append('>');
        escapeText(sb, value);
        sb.append("</osolas:").append(name).append('>');
    }

    /** Escapes XML text content; refuses characters XML 1.0 cannot carry at all. */
    static void escapeText(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;"); // needed after "]]", harmless elsewhere
                case '\r' -> sb.append("&#13;"); // a literal CR would be normalised away by the receiver's parser
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException("character U+" + Integer.toHexString(c) + " is not allowed in XML");
                    }
                    sb.append(c);
                }
            }
        }
    }

    /** A cheap guard against storing mistakes (empty, XML declaration, BOM) without parsing the dossier again. */
    private static void checkLooksLikeAnElement(byte[] dossier) {
        if (dossier.length < 4 || dossier[0] != '<' || dossier[1] == '?' || dossier[1] == '!' || dossier[1] == '/') {
            throw new IllegalArgumentException("canonical dossier must start with its root element's start tag");
        }
        if (dossier[dossier.length - 1] != '>') {
            throw new IllegalArgumentException("canonical dossier must end with its root element's end tag");
        }
    }
}
