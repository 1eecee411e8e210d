package org.osogateway.mock;

import java.nio.charset.StandardCharsets;
import org.osogateway.delivery.ReceiveDossierEnvelope;

/** The SOAP bodies the mock LAS answers with. */
final class MockLasResponses {

    private static final String ENV_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<soap:Envelope xmlns:soap=\"" + ReceiveDossierEnvelope.SOAP11_ENV_NS + "\"><soap:Body>";
    private static final String ENV_END = "</soap:Body></soap:Envelope>";

    private MockLasResponses() {
    }

    /** A ReceiveDossierResponse echoing the messageId with result RECEIVED. */
    static byte[] received(String messageId) {
        StringBuilder sb = new StringBuilder(320).append(ENV_START)
                .append("<las:ReceiveDossierResponse xmlns:las=\"").append(ReceiveDossierEnvelope.LAS_NS).append("\">")
                .append("<las:messageId>");
        escape(sb, messageId);
        sb.append("</las:messageId><las:result>RECEIVED</las:result></las:ReceiveDossierResponse>").append(ENV_END);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A SOAP 1.1 fault with a ReceiverFault detail. */
    static byte[] fault(String faultCode, String code, String message) {
        StringBuilder sb = new StringBuilder(512).append(ENV_START)
                .append("<soap:Fault><faultcode>soap:").append(faultCode).append("</faultcode><faultstring>");
        escape(sb, message);
        sb.append("</faultstring><detail><las:ReceiverFault xmlns:las=\"").append(ReceiveDossierEnvelope.LAS_NS)
                .append("\"><las:code>");
        escape(sb, code);
        sb.append("</las:code><las:message>");
        escape(sb, message);
        sb.append("</las:message></las:ReceiverFault></detail></soap:Fault>").append(ENV_END);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
            }
        }
    }
}
