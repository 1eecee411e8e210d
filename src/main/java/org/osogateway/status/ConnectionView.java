package org.osogateway.status;

import static org.osogateway.status.Html.esc;

import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.registry.ConnectionReport;

/** Renders the "Is mijn school aangesloten op OSO?" form and the connection report it asks for. */
final class ConnectionView {
    private ConnectionView() {
    }

    /** The form (a GET: it changes nothing), filled in with what was asked (null: empty). */
    static String form(String brin, String vestiging, String date) {
        return "<section><h2>Is mijn school aangesloten op OSO?</h2><form method=\"get\" action=\"/status/connection\" "
                + "id=\"connection-form\"><label>BRIN <input name=\"brin\" id=\"brin\" size=\"4\" maxlength=\"4\" required "
                + "value=\"" + esc(brin) + "\"></label> <label>vestiging (optional) <input name=\"vestiging\" "
                + "id=\"vestiging\" size=\"2\" maxlength=\"2\" value=\"" + esc(vestiging) + "\"></label> <label>date "
                + "(optional) <input name=\"date\" id=\"date\" type=\"date\" value=\"" + esc(date) + "\"></label> "
                + "<button type=\"submit\" id=\"check\">Check</button></form></section>";
    }

    /** The report as a page section. */
    static String report(ConnectionReport r) {
        StringBuilder b = new StringBuilder(2048);
        b.append("<section id=\"connection-report\"><h2>").append(esc(r.brin()))
                .append(r.vestiging() == null ? "" : " vestiging " + esc(r.vestiging())).append(" on ")
                .append(esc(r.referenceDate())).append(": <span id=\"connected\">")
                .append(r.connected() ? "connected" : "not connected").append("</span></h2>");
        if (!r.reasons().isEmpty()) {
            b.append("<ul id=\"reasons\">");
            for (GatewayErrorCode code : r.reasons()) {
                b.append("<li><code>").append(esc(code.name())).append("</code>: ").append(esc(code.meaning()))
                        .append("</li>");
            }
            b.append("</ul>");
        }
        ConnectionReport.AgreementStatus a = r.agreement();
        b.append("<p>Agreement: ");
        if (a == null || !a.present()) {
            b.append("none in force");
        } else {
            b.append(a.board() == null ? "in force" : esc(a.board()) + " (" + esc(a.boardId()) + ")")
                    .append(", ").append(period(a.validFrom(), a.validTo()));
        }
        b.append("</p><h3>Mandates in force</h3>");
        if (r.mandates().isEmpty()) {
            b.append("<p>none</p>");
        } else {
            b.append("<table id=\"mandates\"><tr><th>supplier</th><th>OIN</th><th>service version</th><th>valid</th></tr>");
            for (ConnectionReport.MandateInfo m : r.mandates()) {
                b.append("<tr><td>").append(esc(m.supplierName())).append("</td><td>").append(esc(m.supplierOin()))
                        .append("</td><td>").append(esc(m.serviceVersion())).append("</td><td>")
                        .append(period(m.validFrom(), m.validTo())).append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("<h3>Endpoints in force</h3>");
        if (r.endpoints().isEmpty()) {
            b.append("<p>none</p>");
        } else {
            b.append("<table id=\"endpoints\"><tr><th>routeringskenmerk</th><th>supplier OIN</th><th>vestiging</th>"
                    + "<th>service version</th><th>valid</th></tr>");
            for (ConnectionReport.EndpointInfo e : r.endpoints()) {
                b.append("<tr><td>").append(esc(e.routeringskenmerk())).append("</td><td>").append(esc(e.supplierOin()))
                        .append("</td><td>").append(esc(e.vestiging() == null ? "all" : e.vestiging())).append("</td><td>")
                        .append(esc(e.serviceVersion())).append("</td><td>").append(period(e.validFrom(), e.validTo()))
                        .append("</td></tr>");
            }
            b.append("</table>");
        }
        return b.append("</section>").toString();
    }

    private static String period(Object from, Object to) {
        return "from " + esc(from) + (to == null ? ", open-ended" : " to " + esc(to));
    }
}
