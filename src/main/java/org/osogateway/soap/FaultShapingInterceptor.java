package org.osogateway.soap;

import java.util.UUID;
import java.util.function.Supplier;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.osogateway.contract.v1.FaultCode;
import org.osogateway.contract.v1.GatewayFault;
import org.osogateway.fault.GatewayException;
import org.osogateway.fault.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Rewrites every outgoing SOAP fault into the contract's shape: soap:Client or soap:Server, a short
 * faultstring and a GatewayFault detail with code, message and correlation id, and audits the refusal
 * ({@link IntakeRejections}). A caller's mistake is that one audit line; the gateway's own failures are
 * logged at ERROR under the correlation id (with the stack trace, unless the store is down), never sent.
 */
public final class FaultShapingInterceptor extends AbstractPhaseInterceptor<Message> {
    private static final Logger LOG = LoggerFactory.getLogger(FaultShapingInterceptor.class);
    private static final JAXBContext JAXB = jaxb();

    private final Supplier<IntakeRejections> rejections;

    /** {@code rejections} is looked up per fault: the endpoint is built before the store's beans are bound. */
    public FaultShapingInterceptor(Supplier<IntakeRejections> rejections) {
        super(Phase.PRE_LOGICAL);
        this.rejections = rejections;
    }

    @Override
    public void handleMessage(Message message) throws Fault {
        Exception ex = message.getContent(Exception.class);
        if (ex == null) {
            return;
        }
        Object id = message.getExchange().get(RequestIntakeInterceptor.CORRELATION_ID);
        String correlationId = id != null ? id.toString() : UUID.randomUUID().toString();
        GatewayException g = FaultMapper.map(ex, Boolean.TRUE.equals(message.getExchange().get(OperationGuard.INVOKED)));
        boolean storeDown = !g.code().isClientError() && causedByStore(ex);
        if (storeDown) {
            // The store being down is an operational condition, not a bug: one line per request is enough,
            // and auditing would only wait for the same store.
            LOG.error("correlationId={} fault={} store: {}", correlationId, g.code(), rootMessage(ex));
        } else {
            if (!g.code().isClientError()) {
                LOG.error("correlationId={} fault={} cause:", correlationId, g.code(), ex);
            }
            IntakeRejections audit = rejections.get();
            if (audit != null) {
                audit.audit(message.getExchange(), g, correlationId);
            }
        }
        SoapFault fault = new SoapFault(g.getMessage(),
                g.code().isClientError() ? Soap11.getInstance().getSender() : Soap11.getInstance().getReceiver());
        fault.setDetail(detail(g, correlationId));
        message.setContent(Exception.class, fault);
    }

    private static boolean causedByStore(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    /** The contract's {@code detail} element of a fault: a GatewayFault with code, message, correlation id, violations. */
    public static Element detail(GatewayException g, String correlationId) {
        GatewayFault body = new GatewayFault();
        body.setCode(FaultCode.fromValue(g.code().name()));
        body.setMessage(g.getMessage());
        body.setCorrelationId(correlationId);
        for (Violation v : g.violations()) {
            org.osogateway.contract.v1.Violation out = new org.osogateway.contract.v1.Violation();
            out.setLine(v.line());
            out.setColumn(v.column());
            out.setLocation(v.location());
            out.setRule(v.rule());
            out.setMessage(v.message());
            body.getViolation().add(out);
        }
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            Document doc = dbf.newDocumentBuilder().newDocument();
            Element detail = doc.createElementNS(null, "detail");
            doc.appendChild(detail);
            JAXB.createMarshaller().marshal(body, detail);
            return detail;
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot render fault detail", e);
        }
    }

    private static JAXBContext jaxb() {
        try {
            return JAXBContext.newInstance(GatewayFault.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
