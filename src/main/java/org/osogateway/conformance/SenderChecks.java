package org.osogateway.conformance;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.cxf.staxutils.DepthXMLStreamReader;
import org.apache.cxf.staxutils.StaxSource;
import org.apache.cxf.staxutils.StaxUtils;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.intake.DeliverRequestParser;
import org.osogateway.intake.DossierSubmission;
import org.osogateway.intake.DossierValidator;
import org.osogateway.intake.EnvelopeConsistency;
import org.osogateway.intake.ParsedDeliverRequest;
import org.osogateway.intake.RoutePlanner;
import org.osogateway.intake.RoutedSubmission;
import org.osogateway.intake.SenderAuthorization;
import org.osogateway.intake.SubmissionReader;
import org.osogateway.registry.ResolvedEndpoint;
import org.osogateway.soap.Caller;
import org.osogateway.soap.FaultMapper;
import org.osogateway.soap.PayloadTooLargeException;
import org.osogateway.soap.RequestIntakeInterceptor;
import org.osogateway.validation.CatalogEntry;
import org.osogateway.validation.Melding;
import org.osogateway.validation.RequestSchema;
import org.osogateway.validation.SchemaCatalog;
import org.osogateway.validation.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The sender conformance checks: one DeliverDossier request as a sending LAS would send it goes through the
 * gateway's own intake steps (parser, request schema, sender authorization, dossier schema, business rules, routing,
 * envelope consistency), in the gateway's order, and stops where the gateway would stop, with the fault the gateway
 * would answer. Routing and sender authorization use a registry file ({@link SenderRouting}); sender authorization
 * needs the OIN of the caller's certificate and is skipped without it, as the gateway lets a caller without one through.
 */
public final class SenderChecks {

    static final String CONTENT_TYPE = "http-content-type";
    static final String WELL_FORMED = "well-formed-xml";
    static final String ENVELOPE = "soap11-envelope";
    static final String REQUEST_SCHEMA = "request-schema";
    static final String AUTHORIZATION = "sender-authorization";
    static final String DOSSIER_SCHEMA = "dossier-schema";
    static final String BUSINESS_RULES = "business-rules";
    static final String ROUTING = "routing";
    static final String CONSISTENCY = "envelope-consistency";
    static final String MESSAGE_ID = "message-id";
    static final String SHA256 = "dossier-sha256";

    static final String SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    static final String GATEWAY_NS = "urn:oso-gateway:v1";
    /** WS-Addressing headers are understood by the gateway, also when they must be. */
    static final String WSA_NS = "http://www.w3.org/2005/08/addressing";
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final SchemaCatalog catalog;
    private final boolean businessRules;
    private final long maxRequestBytes;
    private final RequestSchema requestSchema = RequestSchema.load();
    private final DeliverRequestParser parser;
    private final DossierValidator schemaOnly;
    private final SubmissionReader submissions = new SubmissionReader();
    private final EnvelopeConsistency consistency = new EnvelopeConsistency();
    private final SenderRouting routing;
    private final SenderAuthorization authorization;
    private final RoutePlanner planner;
    /** sender BRIN + messageId of every request that passed so far, with its dossier hash and name. */
    private final Map<String, String[]> seen = new HashMap<>();

    /**
     * @param businessRules   run the official business rules, as the gateway does unless they are turned off
     * @param maxRequestBytes the gateway's {@code gateway.limits.max-request-bytes}
     */
    public SenderChecks(SchemaCatalog catalog, boolean businessRules, long maxRequestBytes, SenderRouting routing) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.businessRules = businessRules;
        this.maxRequestBytes = maxRequestBytes;
        this.parser = new DeliverRequestParser(catalog, false);
        this.schemaOnly = new DossierValidator(catalog, false);
        this.routing = Objects.requireNonNull(routing, "routing");
        this.authorization = new SenderAuthorization(routing.rules(), catalog, routing.clock());
        this.planner = new RoutePlanner(routing.rules(), routing.clock());
    }

    /** Checks routed by the gateway's example registry, for a caller without a client certificate. */
    public SenderChecks(SchemaCatalog catalog, boolean businessRules, long maxRequestBytes) {
        this(catalog, businessRules, maxRequestBytes, SenderRouting.example());
    }

    /** Where the registry the requests are routed by came from. */
    public String registrySource() {
        return routing.source();
    }

    /**
     * Checks one request. {@code claimedSha256} is the dossier hash the sending LAS computed itself (to compare with
     * the gateway's answer), or null when it gave none; the hash case only runs when there is one.
     */
    public SenderVerdict check(String name, byte[] request, String claimedSha256) {
        return check(name, null, request, claimedSha256);
    }

    /** As {@link #check(String, byte[], String)} for a request that came over HTTP with this Content-Type. */
    public synchronized SenderVerdict check(String name, String contentType, byte[] request, String claimedSha256) {
        return new OneRequest(name, request).run(contentType, claimedSha256);
    }

    /** The checks of one request, stopping at the first failure as the gateway does. */
    private final class OneRequest {
        private final String name;
        private final byte[] bytes;
        private final List<CheckResult> results = new ArrayList<>();
        private GatewayException fault;
        private Document envelope;
        private ParsedDeliverRequest parsed;
        private DossierSubmission submission;
        private RoutedSubmission routed;
        private boolean duplicate;

        OneRequest(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }

        SenderVerdict run(String contentType, String claimedSha256) {
            boolean passed = (contentType == null || step(CONTENT_TYPE, () -> contentType(contentType)))
                    && step(WELL_FORMED, this::wellFormed)
                    && step(ENVELOPE, this::soapEnvelope)
                    && step(REQUEST_SCHEMA, this::requestSchema)
                    && step(AUTHORIZATION, this::senderAuthorization)
                    && step(DOSSIER_SCHEMA, this::dossierSchema)
                    && step(BUSINESS_RULES, this::businessRules)
                    && step(ROUTING, this::routing)
                    && step(CONSISTENCY, this::consistency)
                    && step(MESSAGE_ID, this::messageId)
                    && (claimedSha256 == null || step(SHA256, () -> sha256(claimedSha256)));
            if (passed) {
                seen.put(key(), new String[] {submission.dossier().sha256(), name});
            }
            return new SenderVerdict(name, results, fault, submission == null ? null : submission.messageId(),
                    submission == null ? null : submission.dossier().sha256(), duplicate);
        }

        private String contentType(String contentType) {
            RequestIntakeInterceptor.requireSoap11ContentType(contentType);
            RequestIntakeInterceptor.requireUtf8(bytes);
            return "Content-Type " + contentType + ", as SOAP 1.1 asks";
        }

        private String wellFormed() {
            if (bytes.length > maxRequestBytes) {
                throw new GatewayException(GatewayErrorCode.PAYLOAD_TOO_LARGE, new PayloadTooLargeException(maxRequestBytes)
                        .getMessage() + " (gateway.limits.max-request-bytes); it has " + bytes.length);
            }
            envelope = SecureXml.parse(bytes); // MALFORMED_REQUEST with line and column, DTDs refused
            return "well-formed XML without a DTD (" + bytes.length + " bytes)";
        }

        private String soapEnvelope() {
            Element root = envelope.getDocumentElement();
            if (SOAP12_NS.equals(root.getNamespaceURI())) {
                throw malformed("Not a SOAP 1.1 envelope: this is SOAP 1.2 (namespace " + SOAP12_NS + "); the gateway speaks SOAP 1.1 only");
            }
            if (!"Envelope".equals(root.getLocalName()) || !SOAP11_NS.equals(root.getNamespaceURI())) {
                throw malformed("Not a SOAP 1.1 envelope: the root element is {" + nullToEmpty(root.getNamespaceURI()) + "}"
                        + root.getLocalName() + ", not {" + SOAP11_NS + "}Envelope");
            }
            List<Element> parts = children(root);
            boolean header = !parts.isEmpty() && isSoap(parts.get(0), "Header");
            List<Element> rest = parts.subList(header ? 1 : 0, parts.size());
            if (header) {
                requireUnderstood(parts.get(0));
            }
            if (rest.size() != 1 || !isSoap(rest.get(0), "Body")) {
                throw malformed("The SOAP envelope must hold an optional Header and then exactly one Body, nothing else");
            }
            List<Element> body = children(rest.get(0));
            if (body.size() != 1) {
                throw malformed("The SOAP body must hold exactly one request element; it holds " + body.size());
            }
            Element request = body.get(0);
            if (!"DeliverDossierRequest".equals(request.getLocalName()) || !GATEWAY_NS.equals(request.getNamespaceURI())) {
                throw malformed("The body holds {" + nullToEmpty(request.getNamespaceURI()) + "}" + request.getLocalName()
                        + ", not a DeliverDossierRequest in " + GATEWAY_NS);
            }
            return "SOAP 1.1 envelope" + (header ? " with a Header" : "") + " and one DeliverDossierRequest in its Body";
        }

        private String requestSchema() throws XMLStreamException {
            parsed = parseAsGateway();
            requestSchema.validate(parsed.request());
            submission = submissions.read(parsed);
            return "valid against the gateway's request schema (" + RequestSchema.RESOURCE + "); messageId "
                    + submission.messageId() + ", " + submission.senderBrin() + " to " + submission.receiverBrin() + ", "
                    + submission.overdrachtsoort();
        }

        private String senderAuthorization() {
            String oin = routing.supplierOin();
            if (oin == null) {
                throw new SkippedCheck("not run: the gateway checks that the supplier of the client certificate holds a "
                        + "mandate of sender school " + submission.senderBrin() + " for " + submission.serviceVersion()
                        + "; give --supplier-oin OIN (the OIN the LAS's certificate carries) to check it");
            }
            submission = authorization.authorize(submission, new Caller(oin, null));
            return catalog.find(submission.serviceVersion()).isEmpty()
                    ? "supplier " + oin + " is the request's supplier; the dossier's version is not one the gateway knows, "
                            + "which the dossier schema case answers"
                    : "supplier " + oin + " holds a mandate of sender school " + submission.senderBrin() + " for "
                            + submission.serviceVersion() + " (registry " + routing.source() + ")";
        }

        private String dossierSchema() {
            schemaOnly.validate(submission);
            return "the dossier is valid against the schema for " + submission.serviceVersion()
                    + "; the gateway would answer dossierSha256 " + submission.dossier().sha256();
        }

        private String businessRules() {
            if (!businessRules) {
                return "not run: business rules are turned off (gateway.schemas.business-rules-enabled=false)";
            }
            CatalogEntry entry = catalog.find(submission.serviceVersion()).orElseThrow();
            if (!entry.rules().containsKey(submission.overdrachtsoort())) {
                return "no business rules are registered for " + submission.serviceVersion() + " and "
                        + submission.overdrachtsoort() + "; the gateway runs none";
            }
            List<Melding> meldingen = catalog.checkRules(submission.serviceVersion(), submission.overdrachtsoort(),
                    submission.dossier().bytes());
            return "no rejecting melding of the official rules for " + submission.overdrachtsoort()
                    + (meldingen.isEmpty() ? "" : " (" + meldingen.size() + " warning(s) or note(s), recorded by the gateway)");
        }

        private String routing() {
            routed = planner.plan(submission); // the sender's school first, then the receiver's one endpoint
            ResolvedEndpoint e = routed.endpoint();
            return "sender school " + submission.senderBrin() + " may send " + submission.serviceVersion()
                    + "; receiver " + submission.receiverBrin() + (e.vestiging() == null ? "" : " vestiging " + e.vestiging())
                    + " gets it at routeringskenmerk " + e.routeringskenmerk() + " (registry " + routing.source() + ")";
        }

        private String consistency() {
            consistency.check(routed);
            return "the envelope agrees with the dossier and the receiver's endpoint (" + EnvelopeConsistency.SAME_OVERDRACHTSOORT
                    + ", " + EnvelopeConsistency.SENDER_IS_CURRENT_SCHOOL + ", " + EnvelopeConsistency.BINNEN_BRIN_SAME_BRIN
                    + ", " + EnvelopeConsistency.ENDPOINT_SERVES_SOORT + ")";
        }

        private String messageId() {
            String id = submission.messageId();
            String[] earlier = seen.get(key());
            if (earlier != null && !earlier[0].equals(submission.dossier().sha256())) {
                throw new GatewayException(GatewayErrorCode.MESSAGE_ID_CONFLICT, "messageId '" + id + "' was already used by "
                        + "sender " + submission.senderBrin() + " for a different dossier (in " + earlier[1] + "); use a new messageId");
            }
            duplicate = earlier != null;
            String shape = UUID.matcher(id).matches() ? "a UUID (as recommended)" : "not a UUID (recommended, not required)";
            return earlier != null ? "messageId " + id + " repeats " + earlier[1] + " with the same dossier: the gateway "
                    + "answers DUPLICATE with the first acceptedAt (a retry); " + shape : "messageId " + id + " is " + shape
                    + " and not used before in this run";
        }

        private String sha256(String claimed) {
            String actual = submission.dossier().sha256();
            if (!actual.equals(claimed)) {
                throw new LasSideFailure("the LAS computed dossierSha256 " + claimed + " but the dossier's Exclusive "
                        + "XML Canonicalization 1.0 form (without comments) hashes to " + actual
                        + (actual.equalsIgnoreCase(claimed) ? " (the gateway answers lower-case hex)" : "")
                        + "; the LAS would take the gateway's answer for a changed dossier");
            }
            return "the LAS's own dossierSha256 equals the gateway's " + actual;
        }

        /** The request streamed through the gateway's own parser, as CXF hands it over: a fragment of the envelope. */
        private ParsedDeliverRequest parseAsGateway() throws XMLStreamException {
            XMLStreamReader reader = StaxUtils.createXMLStreamReader(new ByteArrayInputStream(bytes));
            try {
                int depth = 0;
                while (!(reader.getEventType() == XMLStreamConstants.START_ELEMENT && depth == 3
                        && "DeliverDossierRequest".equals(reader.getLocalName()))) {
                    int event = reader.next();
                    depth += event == XMLStreamConstants.START_ELEMENT ? 1 : event == XMLStreamConstants.END_ELEMENT ? -1 : 0;
                }
                return parser.parse(new CxfPayload<>(null, List.of(new StaxSource(new DepthXMLStreamReader(reader))), null));
            } finally {
                reader.close();
            }
        }

        /** Runs one check; a failure is answered with the fault the gateway maps it to, and ends this request. */
        private boolean step(String check, Check body) {
            long started = System.nanoTime();
            CheckResult result;
            try {
                result = CheckResult.pass(name + ": " + check, body.run(), since(started));
            } catch (SkippedCheck e) {
                result = CheckResult.skip(name + ": " + check, e.getMessage(), since(started));
            } catch (LasSideFailure e) {
                // a check of the LAS's own side, not a gateway answer
                result = CheckResult.fail(name + ": " + check, e.getMessage(), since(started));
            } catch (Exception e) {
                fault = FaultMapper.map(e);
                result = CheckResult.fail(name + ": " + check, FaultText.of(fault), since(started));
            }
            results.add(result);
            return !result.failed();
        }

        private String key() {
            return submission.senderBrin() + " " + submission.messageId();
        }
    }

    /** One check: its reason when it passes; a {@link GatewayException} (or a parser exception) when it fails. */
    @FunctionalInterface
    private interface Check {
        String run() throws Exception;
    }

    /** A failed check of the sending LAS's own side (its hash), which is no answer of the gateway. */
    private static final class LasSideFailure extends RuntimeException {
        LasSideFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** A check that cannot run with the options given; the gateway's next steps still run. */
    private static final class SkippedCheck extends RuntimeException {
        SkippedCheck(String reason) {
            super(reason, null, false, false);
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** A header the gateway must understand but does not (anything but WS-Addressing) makes CXF refuse the request. */
    private static void requireUnderstood(Element header) {
        for (Element h : children(header)) {
            String must = h.getAttributeNS(SOAP11_NS, "mustUnderstand").trim();
            if (("1".equals(must) || "true".equals(must)) && !WSA_NS.equals(h.getNamespaceURI())) {
                throw malformed("The header {" + nullToEmpty(h.getNamespaceURI()) + "}" + h.getLocalName()
                        + " has soap:mustUnderstand=\"" + must + "\", but the gateway does not understand it");
            }
        }
    }

    private static GatewayException malformed(String message) {
        return new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, message);
    }

    private static boolean isSoap(Element e, String localName) {
        return localName.equals(e.getLocalName()) && SOAP11_NS.equals(e.getNamespaceURI());
    }

    /** The element children; non-blank text beside them makes the envelope malformed. */
    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            } else if ((n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE)
                    && !n.getNodeValue().isBlank()) {
                throw malformed("Text outside the request element of the SOAP envelope (in " + parent.getLocalName() + ")");
            }
        }
        return elements;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
