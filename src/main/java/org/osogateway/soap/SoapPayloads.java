package org.osogateway.soap;

import java.time.Instant;
import java.time.LocalDate;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamException;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.CheckConnectionRequest;
import org.osogateway.contract.v1.GetDeliveryStatusRequest;
import org.osogateway.contract.v1.DeliverDossierResponse;
import org.osogateway.contract.v1.ObjectFactory;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.intake.AcceptedDossier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Converts between CXF PAYLOAD-mode bodies and the contract's JAXB types. */
public final class SoapPayloads {
    private static final JAXBContext JAXB;
    private static final DatatypeFactory DATATYPES;
    private static final DocumentBuilderFactory DBF = DocumentBuilderFactory.newInstance();

    static {
        try {
            JAXB = JAXBContext.newInstance(ObjectFactory.class);
            DATATYPES = DatatypeFactory.newInstance();
            DBF.setNamespaceAware(true);
        } catch (JAXBException | DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The request element of the SOAP body, once the rest of the envelope proved to hold nothing else. */
    public Element requestElement(CxfPayload<?> payload) throws XMLStreamException {
        List<javax.xml.transform.Source> sources = payload.getBodySources();
        javax.xml.stream.XMLStreamReader fragment = sources == null || sources.size() != 1 ? null
                : EnvelopeEnd.readerOf(sources.get(0));
        List<Element> body = payload.getBody();
        if (body == null || body.size() != 1) {
            throw new GatewayException(GatewayErrorCode.MALFORMED_REQUEST, "The SOAP body must hold exactly one request element");
        }
        Element request = body.get(0);
        EnvelopeEnd.requireNothingAfter(fragment, request.getNamespaceURI() == null ? "" : request.getNamespaceURI(),
                request.getLocalName());
        return request;
    }

    /** Unmarshals a (small) request element into its JAXB type. */
    public <T> T unmarshal(Element request, Class<T> type) {
        try {
            return JAXB.createUnmarshaller().unmarshal(request, type).getValue();
        } catch (JAXBException e) {
            throw new GatewayException(GatewayErrorCode.SCHEMA_VIOLATION, "The request cannot be read: " + e.getMessage());
        }
    }

    public GetDeliveryStatusRequest statusRequest(Element request) {
        return unmarshal(request, GetDeliveryStatusRequest.class);
    }

    public CheckConnectionRequest connectionRequest(Element request) {
        return unmarshal(request, CheckConnectionRequest.class);
    }

    /** Marshals a JAXB response object into a PAYLOAD-mode body. */
    public CxfPayload<Object> marshal(Object response) {
        try {
            Document doc;
            synchronized (DBF) {
                doc = DBF.newDocumentBuilder().newDocument();
            }
            JAXB.createMarshaller().marshal(response, doc);
            return new CxfPayload<>(null, List.of(doc.getDocumentElement()));
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot render response", e);
        }
    }

    public CxfPayload<Object> deliverResponse(AcceptedDossier accepted) {
        DeliverDossierResponse r = new DeliverDossierResponse();
        r.setMessageId(accepted.messageId());
        r.setStatus(accepted.isNew() ? AcceptStatus.ACCEPTED : AcceptStatus.DUPLICATE);
        r.setAcceptedAt(dateTime(accepted.acceptance().acceptedAt()));
        r.setDossierSha256(accepted.acceptance().dossierSha256());
        return marshal(r);
    }

    /** An xs:dateTime in UTC with millisecond precision. */
    public static XMLGregorianCalendar dateTime(Instant instant) {
        if (instant == null) {
            return null;
        }
        GregorianCalendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        cal.setTimeInMillis(instant.toEpochMilli());
        return DATATYPES.newXMLGregorianCalendar(cal);
    }

    public static XMLGregorianCalendar date(LocalDate date) {
        if (date == null) {
            return null;
        }
        return DATATYPES.newXMLGregorianCalendarDate(date.getYear(), date.getMonthValue(), date.getDayOfMonth(),
                DatatypeConstants.FIELD_UNDEFINED);
    }

    public static LocalDate localDate(XMLGregorianCalendar c) {
        return c == null ? null : LocalDate.of(c.getYear(), c.getMonth(), c.getDay());
    }
}
