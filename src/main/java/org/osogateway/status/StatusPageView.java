package org.osogateway.status;

import static org.osogateway.status.Html.esc;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.osogateway.admin.AdminTokens;
import org.osogateway.store.DeliveryState;

/** Renders the status page: totals, the per-minute chart, failing receivers, the dead letter, the connection form. */
final class StatusPageView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private StatusPageView() {
    }

    /** The whole page for a logged-in session; {@code notice} is one of the page's own fixed sentences, or null. */
    static String render(StatusSnapshot s, StatusSessions.Session session, int refreshSeconds, String notice) {
        StringBuilder b = new StringBuilder(16384);
        b.append(whoAmI(session));
        if (notice != null) {
            b.append("<p class=\"notice\" id=\"notice\">").append(esc(notice)).append("</p>");
        }
        totals(b, s);
        chart(b, s);
        boolean mayResend = session.principal().may(AdminTokens.Role.DELIVERIES);
        receivers(b, s, mayResend);
        deadLetter(b, s, mayResend);
        b.append(ConnectionView.form(null, null, null));
        b.append("<footer>Read at <span id=\"read-at\">").append(esc(TIME.format(s.at())))
                .append("</span>; refreshes every ").append(refreshSeconds).append(" s.</footer>");
        return Html.page("Status", refreshSeconds, b.toString());
    }

    /** Who is logged in, and the logout button. */
    static String whoAmI(StatusSessions.Session session) {
        StringBuilder roles = new StringBuilder();
        session.principal().roles().stream().sorted().forEach(r -> roles.append(roles.length() == 0 ? "" : ", ")
                .append(r.configName()));
        return "<nav><a href=\"/status\">Status</a> · logged in as <strong id=\"who\">" + esc(session.principal().name())
                + "</strong> (" + esc(roles) + ") <form class=\"inline\" method=\"post\" action=\"/status/logout\">"
                + Html.csrfField(session.csrfToken()) + "<button type=\"submit\" id=\"logout\">Log out</button></form></nav>";
    }

    private static void totals(StringBuilder b, StatusSnapshot s) {
        b.append("<section><h2>Messages per state</h2><table id=\"totals\"><tr>");
        long all = 0;
        for (DeliveryState state : DeliveryState.values()) {
            b.append("<th>").append(esc(state.name())).append("</th>");
        }
        b.append("<th>all</th></tr><tr>");
        for (DeliveryState state : DeliveryState.values()) {
            long n = s.totals().getOrDefault(state, 0L);
            all += n;
            b.append("<td id=\"total-").append(esc(state.name())).append("\">").append(n).append("</td>");
        }
        b.append("<td id=\"total-all\">").append(all).append("</td></tr></table></section>");
    }

    private static void chart(StringBuilder b, StatusSnapshot s) {
        long accepted = s.perMinute().stream().mapToLong(MinuteCount::accepted).sum();
        long delivered = s.perMinute().stream().mapToLong(MinuteCount::delivered).sum();
        b.append("<section><h2>Per minute, last ").append(s.perMinute().size()).append(" minutes</h2>")
                .append("<p><span class=\"key accepted\">accepted</span> <span id=\"chart-accepted\">").append(accepted)
                .append("</span> · <span class=\"key delivered\">delivered</span> <span id=\"chart-delivered\">")
                .append(delivered).append("</span></p>").append(FlowChart.svg(s.perMinute())).append("</section>");
    }

    private static void receivers(StringBuilder b, StatusSnapshot s, boolean mayResend) {
        b.append("<section><h2>Receivers with the most failures</h2>");
        if (s.failingReceivers().isEmpty()) {
            b.append("<p id=\"receivers-none\">No receiver has jobs waiting for a retry or in the dead letter, "
                    + "and no circuit is open.</p></section>");
            return;
        }
        b.append("<table id=\"receivers\"><tr><th>endpoint (routeringskenmerk)</th><th>waiting for a retry</th>"
                + "<th>dead letter</th><th>most frequent error</th><th>circuit</th><th></th></tr>");
        for (FailingReceiver r : s.failingReceivers()) {
            String circuit = r.circuit() == null ? "—" : r.circuit();
            // while open, the jobs (re-sent ones too) wait for the probe: say when it comes
            String probe = r.nextProbe() == null ? "" : " <span class=\"probe\">next probe "
                    + esc(CLOCK.format(r.nextProbe())) + "</span>";
            b.append("<tr><td>").append(esc(r.endpoint())).append("</td><td>").append(r.retrying()).append("</td><td>")
                    .append(r.failed()).append("</td><td>").append(esc(r.commonError() == null ? "—" : r.commonError()))
                    .append("</td><td class=\"circuit-").append(esc(circuit)).append("\">").append(esc(circuit))
                    .append(probe).append("</td><td>").append(resendAllCell(r, mayResend)).append("</td></tr>");
        }
        b.append("</table></section>");
    }

    private static void deadLetter(StringBuilder b, StatusSnapshot s, boolean mayResend) {
        DeadLetter dl = s.deadLetter();
        b.append("<section><h2>Dead letter (FAILED): <span id=\"dead-letter-total\">").append(dl.total())
                .append("</span></h2>");
        if (dl.entries().isEmpty()) {
            b.append("<p id=\"dead-letter-empty\">The dead letter is empty.</p></section>");
            return;
        }
        if (dl.total() > dl.entries().size()) {
            b.append("<p>The newest ").append(dl.entries().size()).append(" are shown.</p>");
        }
        b.append("<table id=\"dead-letter\"><tr><th>messageId</th><th>sender</th><th>receiver</th><th>endpoint</th>"
                + "<th>attempts</th><th>accepted</th><th>last error</th><th></th></tr>");
        for (DeadLetter.Entry e : dl.entries()) {
            b.append("<tr><td class=\"message-id\">").append(esc(e.messageId())).append("</td><td>")
                    .append(esc(e.senderBrin())).append("</td><td>").append(esc(e.receiverBrin())).append("</td><td>")
                    .append(esc(e.endpoint() == null ? FlowQueries.NO_ENDPOINT : e.endpoint())).append("</td><td>")
                    .append(e.attempts()).append("</td><td>").append(esc(TIME.format(e.acceptedAt()))).append("</td><td>")
                    .append(esc(e.lastErrorCode())).append("</td><td>").append(resendCell(e, mayResend))
                    .append("</td></tr>");
        }
        b.append("</table></section>");
    }

    private static String resendAllCell(FailingReceiver r, boolean mayResend) {
        if (r.failed() == 0 || !mayResend || FlowQueries.NO_ENDPOINT.equals(r.endpoint())) {
            return "";
        }
        return "<form class=\"inline\" method=\"get\" action=\"/status/resend-endpoint\"><input type=\"hidden\" "
                + "name=\"endpoint\" value=\"" + esc(r.endpoint()) + "\"><button type=\"submit\" class=\"resend-all\">"
                + "Re-send its dead letter…</button></form>";
    }

    private static String resendCell(DeadLetter.Entry e, boolean mayResend) {
        if (!e.resendable()) {
            return "payload purged";
        }
        if (!mayResend) {
            return "re-send needs the deliveries role";
        }
        // a GET to the page that asks for the reason; only that page's POST changes anything
        return "<form class=\"inline\" method=\"get\" action=\"/status/resend\"><input type=\"hidden\" name=\"id\" value=\""
                + e.messagePk() + "\"><button type=\"submit\" class=\"resend\">Re-send…</button></form>";
    }
}
