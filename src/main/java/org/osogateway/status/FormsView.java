package org.osogateway.status;

import static org.osogateway.status.Html.esc;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The status page's smaller pages: the login form, the re-send form that asks for a reason, and refusals. */
final class FormsView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private FormsView() {
    }

    /** The login form; {@code error} is one of the handler's fixed sentences, or null. */
    static String login(String error) {
        return Html.page("Log in", 0, (error == null ? "" : "<p class=\"error\" id=\"error\">" + esc(error) + "</p>")
                + "<form method=\"post\" action=\"/status/login\" id=\"login-form\"><label>Admin token "
                + "<input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"off\" required></label> "
                + "<button type=\"submit\" id=\"login\">Log in</button></form>"
                + "<p>A token of <code>gateway.admin.tokens</code>; any role may look, re-sending needs "
                + "<code>deliveries</code>.</p>");
    }

    /** Asks for the reason of re-sending one dead-letter message; {@code error} as for {@link #login}. */
    static String resend(StatusSessions.Session session, DeadLetter.Entry e, String reason, String error) {
        return Html.page("Re-send a message", 0, StatusPageView.whoAmI(session)
                + (error == null ? "" : "<p class=\"error\" id=\"error\">" + esc(error) + "</p>")
                + "<p>Message <code id=\"resend-message-id\">" + esc(e.messageId()) + "</code> from " + esc(e.senderBrin())
                + " to " + esc(e.receiverBrin()) + ", accepted " + esc(TIME.format(e.acceptedAt())) + ", "
                + e.attempts() + " attempt(s), last error <code>" + esc(e.lastErrorCode()) + "</code>.</p>"
                + "<form method=\"post\" action=\"/status/resend\" id=\"resend-form\">" + Html.csrfField(session.csrfToken())
                + "<input type=\"hidden\" name=\"id\" value=\"" + e.messagePk() + "\"><label>Reason (audited with your "
                + "token's name) <input name=\"reason\" id=\"reason\" size=\"60\" maxlength=\"" + ResendReason.MAX_LENGTH
                + "\" required value=\"" + esc(reason) + "\"></label> <button type=\"submit\" id=\"resend-confirm\">"
                + "Re-send</button></form><p><a href=\"/status\">Back to the status page</a></p>");
    }

    /** Asks for the reason of re-sending the {@code waiting} dead letters of one receiver endpoint. */
    static String resendEndpoint(StatusSessions.Session session, String endpoint, int waiting, String reason,
                                 String error) {
        return Html.page("Re-send a receiver's dead letter", 0, StatusPageView.whoAmI(session)
                + (error == null ? "" : "<p class=\"error\" id=\"error\">" + esc(error) + "</p>")
                + "<p>Endpoint <code id=\"resend-endpoint\">" + esc(endpoint) + "</code> has <span id=\"resend-count\">"
                + waiting + "</span> message(s) in the dead letter. Re-send them all, oldest first"
                + (waiting > StatusPageHandler.MAX_BULK ? " (the oldest " + StatusPageHandler.MAX_BULK + " now)" : "")
                + ", once the receiver is fixed.</p>"
                + "<form method=\"post\" action=\"/status/resend-endpoint\" id=\"resend-form\">"
                + Html.csrfField(session.csrfToken())
                + "<input type=\"hidden\" name=\"endpoint\" value=\"" + esc(endpoint) + "\"><label>Reason (audited with "
                + "your token's name) <input name=\"reason\" id=\"reason\" size=\"60\" maxlength=\"" + ResendReason.MAX_LENGTH
                + "\" required value=\"" + esc(reason) + "\"></label> <button type=\"submit\" id=\"resend-confirm\">"
                + "Re-send all</button></form><p><a href=\"/status\">Back to the status page</a></p>");
    }

    /** A refusal or a missing thing, with a way back. */
    static String message(String title, String sentence) {
        return Html.page(title, 0, "<p class=\"error\" id=\"error\">" + esc(sentence)
                + "</p><p><a href=\"/status\">Back to the status page</a></p>");
    }
}
