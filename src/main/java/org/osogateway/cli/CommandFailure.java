package org.osogateway.cli;

/**
 * A failure a command has already put into one sentence for the operator; {@link GatewayCli} prints only that
 * sentence (the cause's stack trace with OSO_CLI_DEBUG=true).
 */
final class CommandFailure extends RuntimeException {
    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
