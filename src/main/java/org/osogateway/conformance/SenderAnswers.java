package org.osogateway.conformance;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.DeliverDossierResponse;
import org.osogateway.fault.GatewayException;
import org.osogateway.soap.FaultShapingInterceptor;
import org.osogateway.soap.SoapPayloads;
import org.w3c.dom.Element;

/**
 * The SOAP 1.1 answer the gateway gives to a checked request: a DeliverDossierResponse (ACCEPTED or DUPLICATE) made
 * from the contract's generated types, or a fault with the contract's GatewayFault detail. Nothing of the request's
 * headers goes into it.
 */
final class SenderAnswers {

    private static final String ENVELOPE_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\""
            + SenderChecks.SOAP11_NS + "\"><soap:Body>";
    private static final String ENVELOPE_END = "</soap:Body></soap:Envelope>";

    private final SoapPayloads payloads = new SoapPayloads();

    /** The HTTP answer: 200 with the response, or 500 with the fault (as SOAP 1.1 over HTTP asks). */
    record Answer(int status, byte[] body) {
    }

    Answer accepted(SenderVerdict v, Instant acceptedAt) {
        DeliverDossierResponse r = new DeliverDossierResponse();
        r.setMessageId(v.messageId());
        r.setStatus(v.duplicate() ? AcceptStatus.DUPLICATE : AcceptStatus.ACCEPTED);
        r.setAcceptedAt(SoapPayloads.dateTime(acceptedAt));
        r.setDossierSha256(v.dossierSha256());
        CxfPayload<Object> payload = payloads.marshal(r);
        return new Answer(200, envelope(text(payload.getBody().get(0))));
    }

    Answer fault(GatewayException g, String correlationId) {
        String faultcode = g.code().isClientError() ? "soap:Client" : "soap:Server";
        String fault = "<soap:Fault><faultcode>" + faultcode + "</faultcode><faultstring>" + escape(g.getMessage())
                + "</faultstring>" + text(FaultShapingInterceptor.detail(g, correlationId)) + "</soap:Fault>";
        return new Answer(500, envelope(fault));
    }

    private static byte[] envelope(String body) {
        return (ENVELOPE_START + body + ENVELOPE_END).getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Element e) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(e), new StreamResult(w));
            return w.toString();
        } catch (TransformerException ex) {
            throw new IllegalStateException("cannot render the answer", ex);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
