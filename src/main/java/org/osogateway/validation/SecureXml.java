package org.osogateway.validation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.fault.Violation;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/** Hardened JAXP factories (no DTDs, no external entities, no network) and a safe DOM parse. */
public final class SecureXml {

    static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES = "http://xml.org/sax/features/external-parameter-entities";

    /** Only local schema files may be pulled in by xs:include/xs:import; never http(s). */
    private static final String LOCAL_SCHEMA_PROTOCOLS = "file,jar";

    // DocumentBuilder is not thread-safe but costly to create; one per thread, reset before each use.
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SecureXml::newDocumentBuilder);

    // Same for SAX parsers: the source of every dossier validation.
    private static final ThreadLocal<SAXParser> SAX_PARSER = ThreadLocal.withInitial(SecureXml::newSaxParser);

    /** Fails on the first error; also keeps the parser from printing to stderr. */
    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override public void warning(SAXParseException e) { }
        @Override public void error(SAXParseException e) throws SAXParseException { throw e; }
        @Override public void fatalError(SAXParseException e) throws SAXParseException { throw e; }
    };

    private SecureXml() {
    }

    /** A namespace-aware DocumentBuilderFactory that refuses DTDs and never resolves external entities. */
    public static DocumentBuilderFactory newDocumentBuilderFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser does not support the required hardening", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    /** A W3C XML Schema factory that may read local schema files only (for xs:include/xs:import). */
    public static SchemaFactory newSchemaFactory() {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, LOCAL_SCHEMA_PROTOCOLS);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("Schema factory does not support the required hardening", e);
        }
        return factory;
    }

    /**
     * A Validator for the schema that fetches nothing external. For bytes, validate a
     * {@link #saxSource(byte[])}: that is what refuses DTDs in the instance.
     */
    public static Validator newValidator(Schema schema) {
        Validator validator = schema.newValidator();
        harden(validator::setFeature, validator::setProperty, "Validator");
        return validator;
    }

    /** A hardened ValidatorHandler, for validating a SAX stream fed from elsewhere. */
    public static ValidatorHandler newValidatorHandler(Schema schema) {
        ValidatorHandler handler = schema.newValidatorHandler();
        harden(handler::setFeature, handler::setProperty, "ValidatorHandler");
        return handler;
    }

    /** Validator and ValidatorHandler share no interface, only these setters. */
    private interface FeatureSetter {
        void set(String name, boolean value) throws SAXNotRecognizedException, SAXNotSupportedException;
    }

    private interface PropertySetter {
        void set(String name, Object value) throws SAXNotRecognizedException, SAXNotSupportedException;
    }

    // Secure processing, no DTD in the instance, and nothing fetched from outside while validating.
    private static void harden(FeatureSetter feature, PropertySetter property, String what) {
        try {
            feature.set(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            feature.set(DISALLOW_DOCTYPE, true);
            property.set(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            property.set(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException(what + " does not support the required hardening", e);
        }
    }

    /**
     * A SAX source over the bytes whose parser refuses DTDs. Validate this instead of a StreamSource:
     * the JDK Validator does not pass its disallow-doctype-decl feature on to the parser it creates for
     * a StreamSource, so a DTD there would be read (and its entities expanded) without complaint.
     * The source uses this thread's parser; use it on this thread, for one validation at a time.
     */
    public static SAXSource saxSource(byte[] xml) {
        SAXParser parser = SAX_PARSER.get();
        parser.reset();
        try {
            return new SAXSource(parser.getXMLReader(), new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException e) {
            throw new IllegalStateException("Cannot create an XMLReader", e);
        }
    }

    /** An empty document from this thread's hardened builder. */
    public static Document newDocument() {
        return BUILDER.get().newDocument();
    }

    /**
     * Parses a standalone XML document into a namespace-aware DOM.
     *
     * @throws GatewayException MALFORMED_REQUEST when the input is not well-formed or holds a DTD
     */
    public static Document parse(byte[] xml) {
        DocumentBuilder builder = BUILDER.get();
        builder.reset();
        builder.setErrorHandler(STRICT);
        try {
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw malformed(e);
        } catch (SAXException e) {
            throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The XML is not well-formed", e);
        } catch (IOException e) {
            // Reading from a byte array only fails on broken encodings.
            throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The XML could not be read: " + e.getMessage(), e);
        }
    }

    /** Maps a fatal parse error (not well-formed, or a DTD) to the contract's MALFORMED_REQUEST fault. */
    static GatewayException malformed(SAXParseException e) {
        int line = e.getLineNumber();
        int column = e.getColumnNumber();
        String detail = isDoctype(e) ? "A DTD (DOCTYPE declaration) is not allowed" : "The XML is not well-formed";
        String message = detail + " (line " + line + ", column " + column + ")";
        return new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, message,
                List.of(Violation.atPosition(line, column, isDoctype(e) ? detail : e.getMessage())), e);
    }

    // The parser's own DTD message names internal feature URIs, which must not reach the caller.
    private static boolean isDoctype(SAXParseException e) {
        return e.getMessage() != null && e.getMessage().contains("DOCTYPE");
    }

    private static SAXParser newSaxParser() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("SAX parser does not support the required hardening", e);
        }
    }

    private static DocumentBuilder newDocumentBuilder() {
        try {
            return newDocumentBuilderFactory().newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("Cannot create a DocumentBuilder", e);
        }
    }
}
