package org.osogateway.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The corpus of hostile and broken requests, generated: each {@link Case} is one raw HTTP request with the exact
 * answer the contract gives it (HTTP status, and for SOAP faults the faultcode and the GatewayFault code).
 */
final class HostileRequests {
    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String PATH = "/ws/oso/v1";
    static final List<String> SOAP_HEADERS = List.of("Content-Type: text/xml; charset=UTF-8", "SOAPAction: \"\"");
    static final int MIB = 1024 * 1024;

    /** One request and its expected answer; {@code faultcode} and {@code code} are null where no SOAP fault comes back. */
    record Case(String name, String method, String path, List<String> headers, byte[] body, boolean chunked,
                boolean declareLength, int status, String faultcode, String code) {
        @Override
        public String toString() {
            return name;
        }

        List<String> headerLines() {
            List<String> lines = new ArrayList<>(headers);
            if (declareLength && !chunked) {
                lines.add("Content-Length: " + body.length);
            }
            return lines;
        }
    }

    private final String demoDossier;
    private final List<Case> cases = new ArrayList<>();

    HostileRequests(Path demoDossier) {
        try {
            this.demoDossier = Files.readString(demoDossier).replaceFirst("<\\?xml[^>]*>", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    String deliver(String messageId) {
        return deliver(messageId, "<brin>00YY</brin><vestiging>00</vestiging>", "overstapdossier", demoDossier);
    }

    String deliver(String messageId, String senderFields, String soort, String dossier) {
        return "<DeliverDossierRequest xmlns=\"urn:oso-gateway:v1\"><messageId>" + messageId + "</messageId>"
                + "<sender>" + senderFields + "</sender><receiver><brin>01AB</brin></receiver>"
                + "<overdrachtsoort>" + soort + "</overdrachtsoort><dossier>" + dossier + "</dossier></DeliverDossierRequest>";
    }

    static String newId() {
        return "corpus-" + UUID.randomUUID();
    }

    /** The whole corpus, in a fixed order. */
    List<Case> all() {
        malformedXml();
        dtdsAndEntities();
        envelopeMistakes();
        operationMistakes();
        oversizeFields();
        wrongTypes();
        structuralLimits();
        oversizeBodies();
        encodings();
        contentTypes();
        methodsAndPaths();
        return cases;
    }

    private void malformedXml() {
        fault("unclosed elements", envelope("<DeliverDossierRequest xmlns=\"urn:oso-gateway:v1\"><messageId>x"),
                "MALFORMED_REQUEST");
        fault("mismatched end tag", envelope("<a></b>"), "MALFORMED_REQUEST");
        fault("not XML at all", "hello, gateway", "MALFORMED_REQUEST");
        fault("JSON body", "{\"messageId\": \"x\"}", "MALFORMED_REQUEST");
        fault("empty request body", "", "MALFORMED_REQUEST");
        fault("undeclared namespace prefix", envelope("<x:DeliverDossierRequest/>"), "MALFORMED_REQUEST");
        fault("a NUL character reference", envelope(deliver("a&#0;b")), "MALFORMED_REQUEST");
        fault("a raw control character", envelope(deliver("a\u0001b")), "MALFORMED_REQUEST");
        fault("duplicate attribute", envelope("<DeliverDossierRequest xmlns=\"urn:oso-gateway:v1\" a=\"1\" a=\"2\"/>"),
                "MALFORMED_REQUEST");
    }

    private void dtdsAndEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>";
        fault("external entity (XXE)", xxe + envelope(deliver("&e;")), "MALFORMED_REQUEST");
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]>");
        fault("entity expansion (billion laughs)", laughs + envelope(deliver("&l9;")), "MALFORMED_REQUEST");
        fault("external DTD", "<!DOCTYPE soap:Envelope SYSTEM \"http://127.0.0.1:1/evil.dtd\">" + envelope(deliver(newId())),
                "MALFORMED_REQUEST");
        fault("parameter entity", "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p\"> %p;]>" + envelope(""),
                "MALFORMED_REQUEST");
    }

    private void envelopeMistakes() {
        fault("envelope without a body", "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"/>", "MALFORMED_REQUEST");
        fault("envelope with only a header", "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"><soap:Header/></soap:Envelope>",
                "MALFORMED_REQUEST");
        fault("empty body", envelope(""), "MALFORMED_REQUEST");
        fault("comment-only body", envelope("<!-- nothing here -->"), "MALFORMED_REQUEST");
        fault("whitespace-only body", envelope("\n   \n"), "MALFORMED_REQUEST");
        fault("text in the body", envelope("just text"), "MALFORMED_REQUEST");
        fault("two bodies", "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"><soap:Body>" + deliver(newId())
                + "</soap:Body><soap:Body>" + deliver(newId()) + "</soap:Body></soap:Envelope>", "MALFORMED_REQUEST");
        fault("an element after the envelope", envelope(deliver(newId())) + "<more/>", "MALFORMED_REQUEST");
        fault("text after the envelope", envelope(deliver(newId())) + "trailing", "MALFORMED_REQUEST");
        fault("a second envelope", envelope(deliver(newId())) + envelope(deliver(newId())), "MALFORMED_REQUEST");
        fault("two request elements in the body", envelope(deliver(newId()) + deliver(newId())), "MALFORMED_REQUEST");
        fault("SOAP 1.2 envelope as text/xml",
                "<env:Envelope xmlns:env=\"" + SOAP12 + "\"><env:Body>" + deliver(newId()) + "</env:Body></env:Envelope>",
                "MALFORMED_REQUEST");
        add(new Case("SOAP 1.2 envelope as application/soap+xml", "POST", PATH,
                List.of("Content-Type: application/soap+xml; charset=UTF-8"),
                utf8("<env:Envelope xmlns:env=\"" + SOAP12 + "\"><env:Body>" + deliver(newId()) + "</env:Body></env:Envelope>"),
                false, true, 500, "Client", "MALFORMED_REQUEST"));
        fault("the envelope in no namespace", "<Envelope><Body>" + deliver(newId()) + "</Body></Envelope>", "MALFORMED_REQUEST");
        fault("an unknown mustUnderstand header", "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"><soap:Header>"
                + "<x:Secret xmlns:x=\"urn:example\" soap:mustUnderstand=\"1\"/></soap:Header><soap:Body>" + deliver(newId())
                + "</soap:Body></soap:Envelope>", "MALFORMED_REQUEST");
    }

    private void operationMistakes() {
        fault("unknown operation", envelope("<StealDossier xmlns=\"urn:oso-gateway:v1\"/>"), "MALFORMED_REQUEST");
        fault("operation in another namespace",
                envelope(deliver(newId()).replace("urn:oso-gateway:v1", "urn:oso-gateway:v2")), "MALFORMED_REQUEST");
        fault("operation in no namespace", envelope("<DeliverDossierRequest><messageId>x</messageId></DeliverDossierRequest>"),
                "MALFORMED_REQUEST");
        add(new Case("a SOAPAction naming another operation", "POST", PATH,
                List.of("Content-Type: text/xml; charset=UTF-8", "SOAPAction: \"urn:oso-gateway:v1:GetDeliveryStatus\""),
                utf8(envelope(deliver(newId()))), false, true, 500, "Client", "MALFORMED_REQUEST"));
        add(new Case("an unknown SOAPAction", "POST", PATH,
                List.of("Content-Type: text/xml; charset=UTF-8", "SOAPAction: \"urn:example:Evil\""),
                utf8(envelope(deliver(newId()))), false, true, 500, "Client", "MALFORMED_REQUEST"));
    }

    private void oversizeFields() {
        // Each must be refused by length before any pattern is tried: cheap, whatever the size.
        fault("a 20 MiB messageId", envelope(deliver("a".repeat(20 * MIB - 2048))), "PAYLOAD_TOO_LARGE");
        fault("a 1 MiB messageId", envelope(deliver("a".repeat(MIB))), "PAYLOAD_TOO_LARGE");
        fault("a 64 KiB messageId", envelope(deliver("a".repeat(64 * 1024))), "PAYLOAD_TOO_LARGE");
        fault("a 1 MiB sender brin", envelope(deliver(newId(), "<brin>" + "0".repeat(MIB) + "</brin>", "overstapdossier",
                demoDossier)), "PAYLOAD_TOO_LARGE");
        fault("a 1 MiB overdrachtsoort", envelope(deliver(newId(), "<brin>00YY</brin>", "x".repeat(MIB), demoDossier)),
                "PAYLOAD_TOO_LARGE");
        fault("a 60 KiB attribute on the request", envelope(deliver(newId())
                .replace("<messageId>", "<messageId note=\"" + "n".repeat(60 * 1024) + "\">")), "PAYLOAD_TOO_LARGE");
        fault("many small unknown elements in the request", envelope(deliver(newId())
                .replace("</overdrachtsoort>", "</overdrachtsoort>" + "<junk>xxxxxxxxxx</junk>".repeat(2000))),
                "PAYLOAD_TOO_LARGE");
        fault("a 1 MiB messageId in GetDeliveryStatus", envelope("<GetDeliveryStatusRequest xmlns=\"urn:oso-gateway:v1\">"
                + "<messageId>" + "a".repeat(MIB) + "</messageId><senderBrin>00YY</senderBrin></GetDeliveryStatusRequest>"),
                "PAYLOAD_TOO_LARGE");
        fault("a 1 MiB brin in CheckConnection", envelope("<CheckConnectionRequest xmlns=\"urn:oso-gateway:v1\"><brin>"
                + "0".repeat(MIB) + "</brin></CheckConnectionRequest>"), "PAYLOAD_TOO_LARGE");
        fault("a 1 MiB SOAP header", "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\"><soap:Header><x:Note xmlns:x=\"urn:example\">"
                + "h".repeat(MIB) + "</x:Note></soap:Header><soap:Body>" + deliver(newId()) + "</soap:Body></soap:Envelope>",
                "PAYLOAD_TOO_LARGE");
        fault("a 1 MiB wsa:MessageID", "<soap:Envelope xmlns:soap=\"" + SOAP11 + "\" xmlns:wsa=\"http://www.w3.org/2005/08/addressing\">"
                + "<soap:Header><wsa:MessageID>urn:" + "m".repeat(MIB) + "</wsa:MessageID></soap:Header><soap:Body>"
                + deliver(newId()) + "</soap:Body></soap:Envelope>", "PAYLOAD_TOO_LARGE");
        // Within the field limit but over the schema's length: an ordinary schema violation.
        fault("a 200-character messageId", envelope(deliver("a".repeat(200))), "SCHEMA_VIOLATION");
    }

    private void wrongTypes() {
        fault("messageId with spaces", envelope(deliver("bad id")), "SCHEMA_VIOLATION");
        fault("empty messageId", envelope(deliver("")), "SCHEMA_VIOLATION");
        fault("brin of the wrong shape", envelope(deliver(newId(), "<brin>YY00</brin>", "overstapdossier", demoDossier)),
                "SCHEMA_VIOLATION");
        fault("unknown overdrachtsoort", envelope(deliver(newId(), "<brin>00YY</brin>", "verhuizing", demoDossier)),
                "SCHEMA_VIOLATION");
        fault("missing messageId", envelope(deliver(newId()).replaceFirst("<messageId>[^<]*</messageId>", "")),
                "SCHEMA_VIOLATION");
        fault("missing dossier", envelope(deliver(newId()).replaceFirst("(?s)<dossier>.*</dossier>", "")), "SCHEMA_VIOLATION");
        fault("two dossiers", envelope(deliver(newId(), "<brin>00YY</brin>", "overstapdossier", demoDossier + demoDossier)),
                "SCHEMA_VIOLATION");
        fault("a referenceDate that is no date", envelope("<CheckConnectionRequest xmlns=\"urn:oso-gateway:v1\">"
                + "<brin>01AB</brin><referenceDate>yesterday</referenceDate></CheckConnectionRequest>"), "SCHEMA_VIOLATION");
        fault("a status request without senderBrin", envelope("<GetDeliveryStatusRequest xmlns=\"urn:oso-gateway:v1\">"
                + "<messageId>x</messageId></GetDeliveryStatusRequest>"), "SCHEMA_VIOLATION");
        fault("a dossier in an unknown namespace", envelope(deliver(newId(), "<brin>00YY</brin>", "overstapdossier",
                "<dossier xmlns=\"urn:example:unknown:v9\"><a>1</a></dossier>")), "UNSUPPORTED_DOSSIER_VERSION");
        fault("a dossier with a bad date", envelope(deliver(newId(), "<brin>00YY</brin><vestiging>00</vestiging>",
                "overstapdossier", demoDossier.replace("2013-05-01", "2013-13-45"))), "SCHEMA_VIOLATION");
        fault("a dossier name of spaces only", envelope(deliver(newId(), "<brin>00YY</brin><vestiging>00</vestiging>",
                "overstapdossier", demoDossier.replace(">Testleerling<", ">      <"))), "SCHEMA_VIOLATION");
        fault("a 4 MiB dossier name", envelope(deliver(newId(), "<brin>00YY</brin><vestiging>00</vestiging>",
                "overstapdossier", demoDossier.replace(">Testleerling<", ">" + "T".repeat(4 * MIB) + "<"))), "SCHEMA_VIOLATION");
    }

    private void structuralLimits() {
        fault("request nested 500 deep", envelope("<DeliverDossierRequest xmlns=\"urn:oso-gateway:v1\"><messageId>deep</messageId>"
                + "<a>".repeat(500) + "</a>".repeat(500) + "</DeliverDossierRequest>"), "PAYLOAD_TOO_LARGE");
        fault("dossier nested 500 deep", envelope(deliver(newId(), "<brin>00YY</brin>", "overstapdossier",
                "<dossier xmlns=\"urn:oso-gateway:demo:dossier:v1\">" + "<a>".repeat(500) + "</a>".repeat(500) + "</dossier>")),
                "PAYLOAD_TOO_LARGE");
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            attrs.append(" a").append(i).append("=\"1\"");
        }
        fault("600 attributes on one element", envelope(deliver(newId(), "<brin>00YY</brin>", "overstapdossier",
                "<dossier xmlns=\"urn:oso-gateway:demo:dossier:v1\"" + attrs + "/>")), "PAYLOAD_TOO_LARGE");
        fault("250,000 elements", envelope(deliver(newId(), "<brin>00YY</brin>", "overstapdossier",
                "<dossier xmlns=\"urn:oso-gateway:demo:dossier:v1\">" + "<a/>".repeat(250_000) + "</dossier>")),
                "PAYLOAD_TOO_LARGE");
    }

    private void oversizeBodies() {
        // the fault comes at once, from the declared length, although the 2 GB body never follows
        List<String> declared2g = new ArrayList<>(SOAP_HEADERS);
        declared2g.add("Content-Length: 2000000000");
        add(new Case("declared 2 GB Content-Length, short body", "POST", PATH, declared2g,
                utf8(envelope(deliver(newId()))), false, false, 500, "Client", "PAYLOAD_TOO_LARGE"));
        byte[] big = new byte[21 * MIB];
        Arrays.fill(big, (byte) 'a');
        add(new Case("21 MiB chunked body", "POST", PATH, SOAP_HEADERS, big, true, false, 500, "Client",
                "PAYLOAD_TOO_LARGE"));
        // (a 21 MiB body with its Content-Length: DeliverDossierContractTest.oversizedOrTooDeepRequestsArePayloadTooLarge)
    }

    private void encodings() {
        byte[] valid = utf8(envelope(deliver(newId())));
        byte[] invalidUtf8 = concat(utf8(envelope(deliver("a"))), new byte[0]);
        int at = indexOf(invalidUtf8, utf8("<messageId>a")) + "<messageId>".length();
        invalidUtf8[at] = (byte) 0xC3; // a lead byte followed by '<': no UTF-8 sequence
        fault("invalid UTF-8 bytes", invalidUtf8, "MALFORMED_REQUEST");
        add(new Case("UTF-16 (with its BOM) labelled UTF-8", "POST", PATH, SOAP_HEADERS,
                concat(new byte[]{(byte) 0xFE, (byte) 0xFF}, envelope(deliver(newId())).getBytes(StandardCharsets.UTF_16BE)),
                false, true, 500, "Client", "MALFORMED_REQUEST"));
        add(new Case("a UTF-32 BOM", "POST", PATH, SOAP_HEADERS,
                concat(new byte[]{0, 0, (byte) 0xFE, (byte) 0xFF}, envelope(deliver(newId())).getBytes(Charset.forName("UTF-32BE"))),
                false, true, 500, "Client", "MALFORMED_REQUEST"));
        fault("two UTF-8 BOMs", concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                valid), "MALFORMED_REQUEST");
        add(new Case("a charset other than UTF-8", "POST", PATH, List.of("Content-Type: text/xml; charset=ISO-8859-1",
                "SOAPAction: \"\""), utf8(envelope(deliver(newId()))), false, true, 500, "Client", "MALFORMED_REQUEST"));
    }

    private void contentTypes() {
        byte[] request = utf8(envelope(deliver(newId())));
        add(new Case("no Content-Type", "POST", PATH, List.of("SOAPAction: \"\""), request, false, true, 500, "Client",
                "MALFORMED_REQUEST"));
        add(new Case("Content-Type application/json", "POST", PATH, List.of("Content-Type: application/json",
                "SOAPAction: \"\""), request, false, true, 500, "Client", "MALFORMED_REQUEST"));
        add(new Case("Content-Type text/plain", "POST", PATH, List.of("Content-Type: text/plain", "SOAPAction: \"\""),
                request, false, true, 500, "Client", "MALFORMED_REQUEST"));
        add(new Case("Content-Type application/x-www-form-urlencoded", "POST", PATH,
                List.of("Content-Type: application/x-www-form-urlencoded", "SOAPAction: \"\""), request, false, true, 500,
                "Client", "MALFORMED_REQUEST"));
        String boundary = "MIME_boundary";
        byte[] multipart = utf8("--" + boundary + "\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-ID: <root>\r\n\r\n"
                + envelope(deliver(newId())) + "\r\n--" + boundary + "--\r\n");
        add(new Case("multipart/related (SwA/MTOM)", "POST", PATH, List.of("Content-Type: multipart/related; type=\"text/xml\"; "
                + "boundary=" + boundary + "; start=\"<root>\"", "SOAPAction: \"\""), multipart, false, true, 500, "Client",
                "MALFORMED_REQUEST"));
    }

    private void methodsAndPaths() {
        byte[] request = utf8(envelope(deliver(newId())));
        for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH")) {
            boolean hasBody = method.equals("PUT") || method.equals("PATCH");
            add(new Case(method + " on the endpoint", method, PATH, hasBody ? SOAP_HEADERS : List.of(),
                    hasBody ? request : new byte[0], false, hasBody, 405, null, null));
        }
        add(new Case("GET with another query", "GET", PATH + "?foo=bar", List.of(), new byte[0], false, false, 405, null, null));
        for (String path : List.of(PATH + "/other", PATH + "/DeliverDossier", PATH + "/", "/ws/oso", "/ws/oso/v2", "/", "/admin")) {
            add(new Case("POST " + path, "POST", path, SOAP_HEADERS, request, false, true, 404, null, null));
        }
        add(new Case("GET an unknown path", "GET", PATH + "/x?wsdl", List.of(), new byte[0], false, false, 404, null, null));
    }

    private void fault(String name, String body, String code) {
        fault(name, utf8(body), code);
    }

    private void fault(String name, byte[] body, String code) {
        add(new Case(name, "POST", PATH, SOAP_HEADERS, body, false, true, 500, "Client", code));
    }

    private void add(Case c) {
        cases.add(c);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
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
