package org.osogateway.status;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * One request to the status page and its answer: the request's few inputs are read first, then every request
 * header is dropped, so that no answer ever carries one back; the answer gets the page's security headers.
 */
final class OpsAnswer {
    /** Only the page's own stylesheet; forms post only to the page; never framed. */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    /** The headers an answer may have; the route removes every other one. */
    static final String[] ANSWER_HEADERS = {Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE, "Cache-Control",
            "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Location",
            "Set-Cookie"};

    final String method;
    final String sessionCookie;
    final Map<String, String> query;
    final Map<String, String> form;
    final boolean https;
    private final Message message;

    OpsAnswer(Exchange exchange) {
        message = exchange.getMessage();
        method = message.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        sessionCookie = FormBody.cookie(message.getHeader("Cookie", String.class), StatusSessions.COOKIE);
        query = FormBody.parse(message.getHeader(Exchange.HTTP_QUERY, String.class));
        form = "POST".equals(method) ? form(message.getBody()) : Map.of();
        String url = message.getHeader(Exchange.HTTP_URL, "", String.class);
        https = url.regionMatches(true, 0, "https:", 0, 6);
        message.getHeaders().clear();
        message.setBody(null);
    }

    // platform-http hands a form post over as its decoded fields (a map) or, without its body handler, as text
    private static Map<String, String> form(Object body) {
        if (body instanceof Map<?, ?> fields) {
            Map<String, String> out = new java.util.HashMap<>();
            fields.forEach((k, v) -> out.put(String.valueOf(k), v instanceof java.util.List<?> l
                    ? (l.isEmpty() ? "" : String.valueOf(l.get(0))) : String.valueOf(v)));
            return out;
        }
        return FormBody.parse(body == null ? null : body instanceof byte[] b
                ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : body.toString());
    }

    /** An HTML page with {@code status}. */
    void html(int status, String page) {
        security(status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        message.setBody(page);
    }

    /** A 303 to one of the page's own paths (never a value from the request). */
    void seeOther(String path) {
        security(303);
        message.setHeader("Location", path);
        message.setBody("");
    }

    /** The page's stylesheet. */
    void css(String css) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/css; charset=utf-8");
        message.setHeader("Cache-Control", "max-age=3600");
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setBody(css);
    }

    /** Sets the session cookie: HttpOnly, SameSite=Strict, only under /status, Secure when the ops port is https. */
    void sessionCookie(String value, long maxAgeSeconds) {
        message.setHeader("Set-Cookie", StatusSessions.COOKIE + "=" + value + "; Path=/status; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
    }

    private void security(int status) {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("Content-Security-Policy", CSP);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("X-Frame-Options", "DENY");
        message.setHeader("Referrer-Policy", "no-referrer");
    }
}
