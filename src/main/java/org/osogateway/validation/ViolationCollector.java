package org.osogateway.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.osogateway.fault.Violation;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Collects schema-validity errors as violations (up to a cap); warnings are ignored, fatal errors rethrown. */
final class ViolationCollector implements ErrorHandler {

    /** Thrown to stop validation once the cap is reached: more findings would only cost time. */
    static final class CapReached extends SAXException {
        CapReached() {
            super("violation cap reached");
        }
    }

    private final int cap;
    private final Supplier<String> location;
    private final List<Violation> violations = new ArrayList<>();
    private boolean truncated;

    /**
     * @param cap      the most violations to keep
     * @param location supplies the XPath-like location of the current node (DOM validation), or null
     */
    ViolationCollector(int cap, Supplier<String> location) {
        this.cap = cap;
        this.location = location;
    }

    @Override
    public void warning(SAXParseException e) {
        // Warnings do not make a document invalid.
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
        if (violations.size() >= cap) {
            truncated = true;
            throw new CapReached();
        }
        String where = location == null ? null : location.get();
        Integer line = e.getLineNumber() > 0 ? e.getLineNumber() : null;
        Integer column = e.getColumnNumber() > 0 ? e.getColumnNumber() : null;
        violations.add(new Violation(line, column, where, null, e.getMessage()));
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        // Not well-formed (or a DTD): the caller maps this to MALFORMED_REQUEST.
        throw e;
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    boolean truncated() {
        return truncated;
    }

    /** " (N violations)" or, when capped, a note that only the first N are listed. */
    String countSuffix() {
        int n = violations.size();
        if (truncated) {
            return " (more than " + n + " violations; the first " + n + " are listed)";
        }
        return " (" + n + (n == 1 ? " violation)" : " violations)");
    }
}
