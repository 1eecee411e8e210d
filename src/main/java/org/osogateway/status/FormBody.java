package org.osogateway.status;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Fields of an application/x-www-form-urlencoded body or query string; the first of repeated names wins. */
final class FormBody {
    /** Forms of the status page are small; anything longer is not one of them. */
    static final int MAX_CHARS = 8192;

    private FormBody() {
    }

    /** The fields; empty for null, an over-long or a malformed input. */
    static Map<String, String> parse(String encoded) {
        Map<String, String> fields = new HashMap<>();
        if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_CHARS) {
            return fields;
        }
        try {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            }
        } catch (IllegalArgumentException e) {
            return new HashMap<>(); // a broken %-escape: treated as no fields, so every required one is missing
        }
        return fields;
    }

    /** The value of cookie {@code name} in a Cookie header, or null. */
    static String cookie(String header, String name) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }
}
