package org.osogateway.store;

/** Connection settings of the gateway's SQL store. */
public record StoreSettings(String url, String user, String password, int poolSize, boolean syncCommits) {

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }
}
