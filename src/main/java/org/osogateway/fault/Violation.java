package org.osogateway.fault;

/**
 * One validation finding: line/column for XSD errors, location (XPath) for official business rules,
 * rule for the gateway's own rules. Absent parts are null (line/column: null, not 0).
 */
public record Violation(Integer line, Integer column, String location, String rule, String message) {

    public static Violation atPosition(int line, int column, String message) {
        return new Violation(line > 0 ? line : null, column > 0 ? column : null, null, null, message);
    }

    public static Violation atLocation(String location, String message) {
        return new Violation(null, null, location, null, message);
    }

    public static Violation ofRule(String rule, String message) {
        return new Violation(null, null, null, rule, message);
    }
}
