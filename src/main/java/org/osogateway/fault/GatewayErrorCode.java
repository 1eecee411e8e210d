package org.osogateway.fault;

/** The fault catalogue of the public contract: each code with its SOAP faultcode and meaning. */
public enum GatewayErrorCode {
    MALFORMED_REQUEST(true, "not well-formed XML, not a SOAP 1.1 envelope, or a DTD present"),
    SCHEMA_VIOLATION(true, "request or dossier does not validate against its XSD"),
    BUSINESS_RULE_VIOLATION(true, "dossier breaks a business rule"),
    UNSUPPORTED_DOSSIER_VERSION(true, "no schema registered for the dossier's namespace"),
    PAYLOAD_TOO_LARGE(true, "over the configured size, depth or element-count limits"),
    UNKNOWN_SCHOOL(true, "sender or receiver BRIN (or vestiging) not in the registry"),
    NO_AGREEMENT(true, "the school's board has no valid OSO agreement"),
    NO_MANDATE(true, "no valid mandate"),
    NO_ENDPOINT(true, "receiver has a mandate but no valid endpoint for this service version"),
    AMBIGUOUS_ROUTE(true, "several endpoints fit and no routeringskenmerk picks one"),
    SENDER_NOT_AUTHORIZED(true, "authenticated supplier may not send for this school"),
    MESSAGE_ID_CONFLICT(true, "messageId reused with a different dossier"),
    UNKNOWN_MESSAGE(true, "status asked for an unknown message"),
    TEMPORARILY_UNAVAILABLE(false, "store or registry unreachable; nothing was accepted");

    private final boolean clientError;
    private final String meaning;

    GatewayErrorCode(boolean clientError, String meaning) {
        this.clientError = clientError;
        this.meaning = meaning;
    }

    /** True for soap:Client (the caller must change something), false for soap:Server (try again later). */
    public boolean isClientError() {
        return clientError;
    }

    /** A caller may retry the same request unchanged only for server-side faults. */
    public boolean isRetryable() {
        return !clientError;
    }

    public String meaning() {
        return meaning;
    }
}
