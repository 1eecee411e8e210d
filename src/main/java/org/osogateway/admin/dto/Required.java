package org.osogateway.admin.dto;

import java.util.List;
import org.osogateway.admin.AdminProblem;

/** Checks of request fields that JSON binding cannot make: present, not blank. */
public final class Required {
    private Required() {
    }

    /** {@code value}, or 400 naming {@code field} when it is missing. */
    public static <T> T present(T value, String field) {
        if (value == null) {
            throw AdminProblem.badField(field, "missing field '" + field + "'");
        }
        return value;
    }

    /** {@code value}, or 400 naming {@code field} when it is missing or blank. */
    public static String text(String value, String field) {
        if (present(value, field).isBlank()) {
            throw AdminProblem.badField(field, "field '" + field + "' must not be blank");
        }
        return value;
    }

    /** A list without null entries (null stays null: "not given"). */
    public static List<String> texts(List<String> values, String field) {
        if (values != null && values.stream().anyMatch(v -> v == null)) {
            throw AdminProblem.badField(field, "field '" + field + "' must be a list of strings");
        }
        return values == null ? null : List.copyOf(values);
    }
}
