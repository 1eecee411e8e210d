package org.osogateway.validation;

import java.util.List;

/** An official release that cannot be installed: unusable input (BAD_INPUT) or a release that fails its checks (REFUSED). */
public final class ReleaseInstallException extends Exception {
    /** Why the install stopped; the CLI maps it to its exit code. */
    public enum Kind { BAD_INPUT, REFUSED }

    private final Kind kind;
    private final List<String> reasons;

    public ReleaseInstallException(Kind kind, String message, List<String> reasons) {
        super(message);
        this.kind = kind;
        this.reasons = List.copyOf(reasons);
    }

    public ReleaseInstallException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    public Kind kind() {
        return kind;
    }

    /** Details under the message, one line each (for example one line per failing example). */
    public List<String> reasons() {
        return reasons;
    }

    static ReleaseInstallException badInput(String message) {
        return new ReleaseInstallException(Kind.BAD_INPUT, message);
    }

    static ReleaseInstallException refused(String message, List<String> reasons) {
        return new ReleaseInstallException(Kind.REFUSED, message, reasons);
    }
}
