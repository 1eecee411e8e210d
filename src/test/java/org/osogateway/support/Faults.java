package org.osogateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.osogateway.contract.v1.FaultCode;
import org.osogateway.contract.v1.GatewayFault;
import org.osogateway.contract.v1.GatewayFault_Exception;

/** Assertions on contract faults received by the JAX-WS client. */
public final class Faults {
    private Faults() {
    }

    /** Runs the call, asserts it fails with exactly this GatewayFault code, and returns the detail. */
    public static GatewayFault expectFault(FaultCode code, ThrowingCallable call) {
        GatewayFault_Exception e = catchThrowableOfType(GatewayFault_Exception.class, call);
        assertThat(e).as("expected fault " + code).isNotNull();
        GatewayFault detail = e.getFaultInfo();
        assertThat(detail.getCode()).isEqualTo(code);
        assertThat(detail.getCorrelationId()).isNotBlank();
        assertThat(detail.getMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        return detail;
    }
}
