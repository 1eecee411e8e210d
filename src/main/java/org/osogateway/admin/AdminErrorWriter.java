package org.osogateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.LocalDate;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.osogateway.admin.dto.ErrorAnswer;
import org.osogateway.json.BindingErrors;
import org.osogateway.registry.InvalidRegistryException;
import org.osogateway.registry.RegistryRejectedException;
import org.osogateway.registry.RuleFinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failed admin call becomes its answer: status, the field it names, and the messages, as
 * {@link ErrorAnswer} JSON. Only the exception's own text is written; an unexpected one is logged and named by class.
 */
public final class AdminErrorWriter {
    private static final Logger LOG = LoggerFactory.getLogger(AdminErrorWriter.class);

    private final ObjectMapper json;

    public AdminErrorWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Answers the exchange's caught exception. */
    public void write(Exchange exchange) throws JsonProcessingException {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        AdminProblem problem = problem(caught);
        if (problem.status() >= 500) {
            LOG.error("admin API {} failed", exchange.getFromRouteId(), caught);
        }
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (problem.status() == 401) {
            message.setHeader("WWW-Authenticate", "Bearer realm=\"oso-gateway-admin\"");
        }
        message.setBody(json.writeValueAsString(new ErrorAnswer(problem.status(), problem.field(), problem.errors().get(0),
                problem.errors())));
    }

    /** What the caller is told for {@code caught}. */
    static AdminProblem problem(Throwable caught) {
        Throwable t = caught;
        // a request record refuses a missing field in its constructor; Jackson wraps that
        while (t instanceof ValueInstantiationException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof AdminProblem p) {
            return p;
        }
        if (t instanceof RegistryRejectedException e) {
            int status = switch (e.reason()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
            };
            String field = status == 400 ? e.findings().stream().findFirst().map(RuleFinding::field).orElse(null) : null;
            return new AdminProblem(status, field, e.errors());
        }
        if (t instanceof InvalidRegistryException e) {
            return new AdminProblem(400, null, e.errors());
        }
        if (t instanceof UnrecognizedPropertyException e) {
            String known = BindingErrors.names(e.getKnownPropertyIds());
            return AdminProblem.badField(e.getPropertyName(), "unknown field '" + BindingErrors.path(e) + "'"
                    + (known.isEmpty() ? "" : "; known fields: " + known));
        }
        if (t instanceof InvalidFormatException e && !e.getPath().isEmpty()) {
            return AdminProblem.badField(BindingErrors.field(e), "field '" + BindingErrors.path(e) + "' must be " + shape(e.getTargetType())
                    + ", not '" + e.getValue() + "'");
        }
        if (t instanceof MismatchedInputException e && !e.getPath().isEmpty()) {
            return AdminProblem.badField(BindingErrors.field(e), "field '" + BindingErrors.path(e) + "' must be " + shape(e.getTargetType()));
        }
        if (t instanceof MismatchedInputException) {
            return new AdminProblem(400, null, "the request body must be a JSON object");
        }
        if (t instanceof JsonProcessingException) {
            return new AdminProblem(400, null, "the request body is not valid JSON");
        }
        return new AdminProblem(500, null, "internal error: " + (t == null ? "unknown" : t.getClass().getSimpleName()));
    }

    private static String shape(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == LocalDate.class) {
            return "a date like 2024-01-31";
        }
        if (type == Instant.class) {
            return "an instant like 2026-11-29T00:00:00Z";
        }
        if (type == String.class) {
            return "a string (codes keep their leading zeros)";
        }
        if (List.class.isAssignableFrom(type) || java.util.Set.class.isAssignableFrom(type)) {
            return "a list of strings";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a " + type.getSimpleName();
    }


}
