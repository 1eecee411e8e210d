package org.osogateway.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Connection settings of the gateway's SQL store. */
public record StoreSettings(String url, String user, String password, int poolSize, boolean syncCommits) {

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /**
     * The embedded H2 database's path without {@code .mv.db} ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH});
     * empty for PostgreSQL, in-memory and client/server URLs.
     */
    public Optional<Path> h2File() {
        if (!isH2()) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        String path = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (path.matches("[A-Za-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, ...
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return path.isBlank() ? Optional.empty() : Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    /** Refuses H2 settings that would open a network port: the embedded store is for this process only. */
    void refuseServerMode() {
        if (isH2() && url.toUpperCase(Locale.ROOT).replace(" ", "").contains("AUTO_SERVER=TRUE")) {
            throw new IllegalArgumentException("gateway.store.url must not set AUTO_SERVER=TRUE: it opens a TCP port for the"
                    + " embedded database; the CLI reaches a running gateway's store through its admin API instead");
        }
    }
}
