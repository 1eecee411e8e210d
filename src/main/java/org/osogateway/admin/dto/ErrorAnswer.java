package org.osogateway.admin.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of every refused admin call; {@code field} names the request field at fault, when there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorAnswer(int status, String field, String message, List<String> errors) {
}
