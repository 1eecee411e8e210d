package org.osogateway.admin;

import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The ops port's answers carry only the headers the gateway sets itself: the REST routes see every request header
 * (and the path and query parameters) as message headers, and none of them may travel back.
 */
public final class AdminHeaderFilter implements HeaderFilterStrategy {
    private static final Set<String> ANSWER_HEADERS = Set.of("content-type", "www-authenticate", "allow");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ANSWER_HEADERS.contains(headerName.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        // a caller may not set Camel's own headers (a response code, a URI) from outside
        String name = headerName.toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("camel") || name.startsWith("org.apache.camel");
    }
}
