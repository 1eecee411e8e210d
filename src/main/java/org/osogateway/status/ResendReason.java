package org.osogateway.status;

/** The reason an operator gives for re-sending a dead letter: required, one line, at most {@link #MAX_LENGTH}. */
final class ResendReason {
    static final int MAX_LENGTH = 500;
    /** The sentence shown when a reason does not fit these rules. */
    static final String RULE = "A reason is required: 1-" + MAX_LENGTH + " characters on one line.";

    private ResendReason() {
    }

    /** The trimmed reason, or null when it breaks the rules. */
    static String check(String reason) {
        if (reason == null) {
            return null;
        }
        String r = reason.trim();
        if (r.isEmpty() || r.length() > MAX_LENGTH || r.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return r;
    }
}
