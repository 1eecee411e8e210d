package org.osogateway.cli;

import java.io.PrintWriter;
import java.util.List;

/** The password of development key stores: the option, else the first environment variable set, else 'changeit'. */
final class StorePassword {
    /** Only for local development; the warning on stderr says so whenever it is used. */
    static final String DEVELOPMENT_PASSWORD = "changeit";

    private StorePassword() {
    }

    /** Warns on {@code err} when it falls back to the development password; never prints a password. */
    static char[] resolve(char[] option, List<String> environment, PrintWriter err) {
        if (option != null && option.length > 0) {
            return option;
        }
        for (String name : environment) {
            String value = System.getenv(name);
            if (value != null && !value.isEmpty()) {
                return value.toCharArray();
            }
        }
        err.println("warning: no --password and no " + String.join(" or ", environment)
                + " set: using the development password; fine for local testing only");
        return DEVELOPMENT_PASSWORD.toCharArray();
    }
}
