package org.osogateway.json;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Collection;
import java.util.TreeSet;

/** Jackson binding errors told in the words of the file or body at fault: where, and which keys are known. */
public final class BindingErrors {
    private BindingErrors() {
    }

    /** The error's place as the input writes it: {@code rules[1].status}, {@code services[0]}; empty at the top. */
    public static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The innermost field name of the error's place, or null. */
    public static String field(JsonMappingException e) {
        var path = e.getPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).getFieldName() != null) {
                return path.get(i).getFieldName();
            }
        }
        return null;
    }

    /** Known key names (Jackson's known property ids), sorted and comma-separated; empty when there are none. */
    public static String names(Collection<Object> ids) {
        if (ids == null) {
            return "";
        }
        TreeSet<String> sorted = new TreeSet<>();
        ids.forEach(id -> sorted.add(String.valueOf(id)));
        return String.join(", ", sorted);
    }
}
