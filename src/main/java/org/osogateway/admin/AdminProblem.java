package org.osogateway.admin;

import java.util.List;

/** A refused admin call: its HTTP status, the request field it names (or null) and the messages. */
public final class AdminProblem extends RuntimeException {
    private final int status;
    private final String field;
    private final List<String> errors;

    public AdminProblem(int status, String field, List<String> errors) {
        super(errors.get(0));
        this.status = status;
        this.field = field;
        this.errors = List.copyOf(errors);
    }

    public AdminProblem(int status, String field, String error) {
        this(status, field, List.of(error));
    }

    /** 400 naming the field. */
    public static AdminProblem badField(String field, String error) {
        return new AdminProblem(400, field, error);
    }

    /** 404 for an entry that is not there. */
    public static AdminProblem notFound(String error) {
        return new AdminProblem(404, null, error);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public List<String> errors() {
        return errors;
    }
}
