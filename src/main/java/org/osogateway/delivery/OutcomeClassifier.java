package org.osogateway.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.osogateway.delivery.DeliveryOutcome.Kind;

/** Classifies a receiving LAS's answer (or the failure to get one) into delivered, transient or permanent. */
public final class OutcomeClassifier {

    /** Bodies larger than this are not parsed: a receiver has no reason to answer with more. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public static final String DELIVERED = "DELIVERED";
    public static final String RECEIVER_SOAP_FAULT = "RECEIVER_SOAP_FAULT";
    public static final String RECEIVER_UNREACHABLE = "RECEIVER_UNREACHABLE";
    public static final String RECEIVER_TIMEOUT = "RECEIVER_TIMEOUT";
    public static final String RECEIVER_TLS_HANDSHAKE_FAILED = "RECEIVER_TLS_HANDSHAKE_FAILED";
    /** Set before the call: the endpoint's URL is plain http to a host other than loopback. */
    public static final String RECEIVER_URL_NOT_HTTPS = "RECEIVER_URL_NOT_HTTPS";
    public static final String RECEIVER_CALL_FAILED = "RECEIVER_CALL_FAILED";
    /** Not an attempt: the job waits because its endpoint's circuit is open (see EndpointGate). */
    public static final String RECEIVER_CIRCUIT_OPEN = "RECEIVER_CIRCUIT_OPEN";
    public static final String RECEIVER_BAD_RESPONSE = "RECEIVER_BAD_RESPONSE";
    public static final String RECEIVER_RESPONSE_TOO_LARGE = "RECEIVER_RESPONSE_TOO_LARGE";
    /** Prefix of the HTTP status codes, e.g. {@code RECEIVER_HTTP_503}. */
    public static final String RECEIVER_HTTP_PREFIX = "RECEIVER_HTTP_";

    private static final String SOAP11_ENV_NS = ReceiveDossierEnvelope.SOAP11_ENV_NS;
    private static final String LAS_NS = ReceiveDossierEnvelope.LAS_NS;
    /** Receiver-controlled text is cut to this length before it goes into logs and status answers. */
    private static final int MAX_ECHO_CHARS = 160;

    private final Clock clock;
    private final int maxBodyBytes;
    private final XMLInputFactory xmlInputFactory;

    /** A classifier using the system clock and the default body limit. */
    public OutcomeClassifier() {
        this(Clock.systemUTC(), DEFAULT_MAX_BODY_BYTES);
    }

    /** @param clock to turn a Retry-After HTTP-date into a delay; @param maxBodyBytes larger bodies are not parsed */
    public OutcomeClassifier(Clock clock, int maxBodyBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.xmlInputFactory = secureFactory();
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Classifies an HTTP answer whose body is read from a stream; reads at most {@link #maxBodyBytes()} + 1
     * bytes so that a huge answer never fills the heap. The caller closes the stream.
     */
    public DeliveryOutcome classify(int status, String retryAfterHeader, InputStream body, String expectedMessageId)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(maxBodyBytes + 1);
        return classify(status, retryAfterHeader, bytes, expectedMessageId);
    }

    /** Classifies an HTTP answer. */
    public DeliveryOutcome classify(int status, String retryAfterHeader, byte[] body, String expectedMessageId) {
        Objects.requireNonNull(expectedMessageId, "expectedMessageId");
        byte[] bytes = body == null ? new byte[0] : body;
        boolean tooLarge = bytes.length > maxBodyBytes;
        boolean statusTransient = status == 408 || status == 429 || (status >= 500 && status <= 599);

        // A SOAP fault is only looked for where SOAP 1.1 puts it (500) or where lenient stacks do (200, other 5xx).
        if ((status == 200 || (status >= 500 && status <= 599)) && !tooLarge && bytes.length > 0) {
            ParsedBody parsed = parse(bytes);
            if (parsed.fault != null) {
                return faultOutcome(parsed.fault, status, retryAfterHeader);
            }
            if (status == 200) {
                return okOutcome(parsed, expectedMessageId);
            }
        }
        if (status == 200) {
            return tooLarge
                    ? permanent(RECEIVER_RESPONSE_TOO_LARGE, "response too large (over " + maxBodyBytes + " bytes)", status)
                    : permanent(RECEIVER_BAD_RESPONSE, "HTTP 200 with an empty body", status);
        }
        if (statusTransient) {
            return new DeliveryOutcome(Kind.TRANSIENT, RECEIVER_HTTP_PREFIX + status,
                    "receiver answered HTTP " + status, parseRetryAfter(retryAfterHeader), status);
        }
        // Other 4xx, other 2xx (no ReceiveDossierResponse), 3xx (a redirect is a configuration error) and anything odd.
        return permanent(RECEIVER_HTTP_PREFIX + status, "receiver answered HTTP " + status, status);
    }

    /**
     * Classifies a failure to get an answer at all (connection refused or reset, timeout, TLS, ...). The message
     * goes to the sender (GetDeliveryStatus): it names what went wrong, never the URL, a class or a stack trace.
     */
    public DeliveryOutcome classify(Throwable error) {
        Objects.requireNonNull(error, "error");
        // Look through wrappers (Camel, CompletionException, ...) for the first cause we recognise.
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException || t instanceof TimeoutException) {
                // SocketTimeoutException and HttpClient 5's ConnectTimeoutException are InterruptedIOExceptions.
                return transientNoResponse(RECEIVER_TIMEOUT, "receiver did not answer in time");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return transientNoResponse(RECEIVER_UNREACHABLE, "connection to receiver refused or impossible");
            }
            if (t instanceof UnknownHostException) {
                return transientNoResponse(RECEIVER_UNREACHABLE, "receiver host name does not resolve");
            }
            if (t instanceof SSLException) {
                // A certificate or protocol problem an operator can fix within the retry window; retrying costs little.
                return transientNoResponse(RECEIVER_TLS_HANDSHAKE_FAILED, TlsFailure.describe(t));
            }
            if (t instanceof SocketException) {
                return transientNoResponse(RECEIVER_UNREACHABLE, "connection to receiver lost");
            }
        }
        if (hasCause(error, IOException.class)) {
            // Any other I/O failure (e.g. no response, connection closed) is a network problem: worth retrying.
            return transientNoResponse(RECEIVER_UNREACHABLE, "I/O error talking to receiver");
        }
        // Not the network: e.g. an invalid endpoint URL. Retrying would give the same result.
        return new DeliveryOutcome(Kind.PERMANENT, RECEIVER_CALL_FAILED, "call to receiver could not be made", null, null);
    }

    private DeliveryOutcome okOutcome(ParsedBody parsed, String expectedMessageId) {
        if (parsed.error != null) {
            return permanent(RECEIVER_BAD_RESPONSE, "HTTP 200 but " + parsed.error, 200);
        }
        if (!parsed.isResponse) {
            return permanent(RECEIVER_BAD_RESPONSE, "HTTP 200 but the body is not a ReceiveDossierResponse"
                    + (parsed.bodyChild == null ? "" : " (found " + clip(parsed.bodyChild) + ")"), 200);
        }
        if (!expectedMessageId.equals(parsed.messageId)) {
            return permanent(RECEIVER_BAD_RESPONSE, "ReceiveDossierResponse for another messageId ("
                    + clip(String.valueOf(parsed.messageId)) + ", expected " + clip(expectedMessageId) + ")", 200);
        }
        if (!"RECEIVED".equals(parsed.result)) {
            return permanent(RECEIVER_BAD_RESPONSE, "ReceiveDossierResponse with result "
                    + clip(String.valueOf(parsed.result)) + " instead of RECEIVED", 200);
        }
        return new DeliveryOutcome(Kind.DELIVERED, DELIVERED, "receiver confirmed RECEIVED", null, 200);
    }

    private DeliveryOutcome faultOutcome(Fault fault, int status, String retryAfterHeader) {
        String local = fault.codeLocal == null ? "" : fault.codeLocal;
        boolean soapNs = fault.codeNs == null || SOAP11_ENV_NS.equals(fault.codeNs);
        // SOAP 1.1 allows dotted refinements such as Server.Busy.
        boolean server = local.equals("Server") || (soapNs && local.startsWith("Server."));
        boolean client = local.equals("Client") || (soapNs && local.startsWith("Client."));
        String described = "SOAP fault " + clip(fault.codeRaw == null ? "(no faultcode)" : fault.codeRaw)
                + " from receiver (HTTP " + status + ")"
                + (fault.detailCode == null ? "" : " code " + clip(fault.detailCode))
                + (fault.faultString == null ? "" : ": " + clip(fault.faultString));
        if (server && !client) {
            return new DeliveryOutcome(Kind.TRANSIENT, RECEIVER_SOAP_FAULT, described, parseRetryAfter(retryAfterHeader), status);
        }
        // soap:Client, and faults we cannot interpret (VersionMismatch, MustUnderstand, garbage): retrying won't help.
        return permanent(RECEIVER_SOAP_FAULT, described, status);
    }

    private static DeliveryOutcome permanent(String code, String message, int status) {
        return new DeliveryOutcome(Kind.PERMANENT, code, message, null, status);
    }

    private static DeliveryOutcome transientNoResponse(String code, String message) {
        return new DeliveryOutcome(Kind.TRANSIENT, code, message, null, null);
    }

    /** Retry-After as delta-seconds or HTTP-date (RFC 9110 10.2.3); null when absent or unreadable. */
    Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException tooBig) {
                return null;
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** Reads just enough of a SOAP 1.1 answer: the Body's first child, and of a fault or response its fields. */
    private ParsedBody parse(byte[] body) {
        ParsedBody p = new ParsedBody();
        XMLStreamReader r = null;
        try {
            r = xmlInputFactory.createXMLStreamReader(new ByteArrayInputStream(body));
            int depth = 0;
            boolean inBody = false;
            String inField = null;
            StringBuilder text = new StringBuilder();
            Fault fault = null;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD -> {
                        p.error = "the response contains a DTD";
                        return p;
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        String ns = r.getNamespaceURI();
                        String local = r.getLocalName();
                        if (depth == 1 && !(SOAP11_ENV_NS.equals(ns) && "Envelope".equals(local))) {
                            p.error = "the body is not a SOAP 1.1 envelope";
                            return p;
                        }
                        if (depth == 2 && SOAP11_ENV_NS.equals(ns) && "Body".equals(local)) {
                            inBody = true;
                        } else if (depth == 3 && inBody) {
                            p.bodyChild = local;
                            if (SOAP11_ENV_NS.equals(ns) && "Fault".equals(local)) {
                                fault = new Fault();
                            } else if (LAS_NS.equals(ns) && "ReceiveDossierResponse".equals(local)) {
                                p.isResponse = true;
                            } else {
                                return p; // neither a fault nor our response: nothing more to learn
                            }
                        } else if (depth == 4 && inBody && fault != null) {
                            // faultcode and faultstring are unqualified in SOAP 1.1.
                            if ("faultcode".equals(local)) {
                                inField = "faultcode";
                            } else if ("faultstring".equals(local)) {
                                inField = "faultstring";
                            }
                        } else if (depth == 4 && inBody && p.isResponse && LAS_NS.equals(ns)
                                && ("messageId".equals(local) || "result".equals(local))) {
                            inField = local;
                        } else if (depth == 6 && inBody && fault != null && "code".equals(local)) {
                            inField = "detailCode"; // detail/ReceiverFault/code
                        }
                        text.setLength(0);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (inField != null && text.length() < 4096) {
                            text.append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (inField != null) {
                            String value = text.toString().trim();
                            switch (inField) {
                                // At END_ELEMENT the reader still has the faultcode element's namespace scope.
                                case "faultcode" -> fault.setCode(value, r.getNamespaceContext());
                                case "faultstring" -> fault.faultString = value;
                                case "detailCode" -> fault.detailCode = value;
                                case "messageId" -> p.messageId = value;
                                case "result" -> p.result = value;
                                default -> { }
                            }
                            inField = null;
                        }
                        if (depth == 3 && inBody) {
                            p.fault = fault;
                            return p;
                        }
                        depth--;
                    }
                    default -> { }
                }
            }
            if (p.bodyChild == null) {
                p.error = "the SOAP Body is empty";
            }
            p.fault = fault;
            return p;
        } catch (XMLStreamException | RuntimeException e) {
            p.error = "the body is not well-formed XML";
            return p;
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release beyond the byte array
                }
            }
        }
    }

    /** Namespace-aware StAX without DTDs or external entities: a receiver's answer is untrusted input. */
    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external entities are not allowed");
        });
        try {
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException notSupported) {
            // SUPPORT_DTD=false already keeps DTDs out
        }
        return f;
    }

    /** Keeps receiver-controlled text short and on one line. */
    private static String clip(String s) {
        String oneLine = s.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return oneLine.length() <= MAX_ECHO_CHARS ? oneLine : oneLine.substring(0, MAX_ECHO_CHARS) + "...";
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        return firstCause(error, type) != null;
    }

    private static Throwable firstCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static final class ParsedBody {
        String error;
        String bodyChild;
        boolean isResponse;
        String messageId;
        String result;
        Fault fault;
    }

    private static final class Fault {
        String codeRaw;
        String codeNs;
        String codeLocal;
        String faultString;
        String detailCode;

        /** faultcode is a QName: resolve its prefix in the scope of the faultcode element. */
        void setCode(String raw, javax.xml.namespace.NamespaceContext scope) {
            codeRaw = raw;
            int colon = raw.indexOf(':');
            if (colon < 0) {
                codeLocal = raw;
                codeNs = null;
            } else {
                codeLocal = raw.substring(colon + 1);
                String uri = scope.getNamespaceURI(raw.substring(0, colon));
                codeNs = uri == null || uri.isEmpty() ? "(unbound)" : uri;
            }
        }
    }
}
