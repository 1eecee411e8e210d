package org.osogateway.status;

/**
 * HTML building blocks of the status pages: escaping of every value rendered (text and attributes alike) and the
 * page frame. Pages load only their own stylesheet; there is no script.
 */
final class Html {
    private Html() {
    }

    /** The value as text safe in element content and in double-quoted attributes; null renders as empty. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch < 0x20 && ch != '\n' && ch != '\t' ? '\uFFFD' : ch);
            }
        }
        return b.toString();
    }

    /**
     * A whole page: {@code refreshSeconds} above 0 makes the browser reload it that often (meta refresh), so a load
     * run can be watched; {@code body} must already be escaped HTML.
     */
    static String page(String title, int refreshSeconds, String body) {
        StringBuilder b = new StringBuilder(body.length() + 512);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        if (refreshSeconds > 0) {
            b.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">");
        }
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append(" · OSO gateway</title>")
                .append("<link rel=\"stylesheet\" href=\"/status/status.css\"></head>\n<body>")
                .append("<header><h1>OSO gateway · ").append(esc(title)).append("</h1></header>\n<main>")
                .append(body).append("</main></body></html>\n");
        return b.toString();
    }

    /** A hidden form field with the session's CSRF token. */
    static String csrfField(String csrfToken) {
        return "<input type=\"hidden\" name=\"" + StatusSessions.CSRF_FIELD + "\" value=\"" + esc(csrfToken) + "\">";
    }
}
