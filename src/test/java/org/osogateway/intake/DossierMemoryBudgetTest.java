package org.osogateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;

/** Requests share the intake memory budget by their Content-Length and give it back when their exchange ends. */
class DossierMemoryBudgetTest {
    private static final long MIB = 1 << 20;
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @Test
    void aRequestWaitsForItsShareAndIsRefusedAsRetryableWhenItStaysTaken() throws Exception {
        DossierMemoryBudget budget = new DossierMemoryBudget(3 * MIB, 2 * MIB, Duration.ofMillis(200));
        Exchange big = request(2 * MIB);
        budget.acquire(big);
        Exchange small = request(MIB);
        budget.acquire(small);
        assertThat(budget.availableBytes()).isZero();

        long t0 = System.nanoTime();
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> budget.acquire(request(1000)));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.TEMPORARILY_UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(190));

        done(big); // however the exchange ended, its share comes back
        Exchange next = request(1000);
        budget.acquire(next);
        assertThat(budget.availableBytes()).isEqualTo(2 * MIB - 1024); // 1000 bytes take 1 KiB
        budget.release(small); // given back once stored ...
        done(small); // ... not twice when the exchange ends
        assertThat(budget.availableBytes()).isEqualTo(3 * MIB - 1024);
        done(next);
        assertThat(budget.availableBytes()).isEqualTo(3 * MIB);
    }

    @Test
    void aDeliveryTakesItsDossierSizeOrIsLeftForALaterPoll() throws Exception {
        DossierMemoryBudget budget = new DossierMemoryBudget(3 * MIB, 2 * MIB, Duration.ofMillis(100));
        Exchange intake = request(2 * MIB);
        budget.acquire(intake);
        Exchange delivery = new DefaultExchange(camel);
        assertThat(budget.tryAcquire(delivery, 2 * MIB)).isFalse();
        assertThat(budget.availableBytes()).isEqualTo(MIB); // nothing held by the delivery that did not start
        done(intake);
        assertThat(budget.tryAcquire(delivery, 2 * MIB)).isTrue();
        assertThat(budget.availableBytes()).isEqualTo(MIB);
        done(delivery);
        assertThat(budget.availableBytes()).isEqualTo(3 * MIB);
    }

    @Test
    void aRequestWithoutContentLengthWeighsTheSizeLimit() throws Exception {
        DossierMemoryBudget budget = new DossierMemoryBudget(3 * MIB, 2 * MIB, Duration.ofMillis(10));
        Exchange chunked = new DefaultExchange(camel);
        budget.acquire(chunked);
        assertThat(budget.availableBytes()).isEqualTo(MIB);
        Exchange lying = request(50 * MIB); // more than the limit lets through: never more than the limit
        done(chunked);
        budget.acquire(lying);
        assertThat(budget.availableBytes()).isEqualTo(MIB);
    }

    @Test
    void theBudgetHoldsAtLeastOneRequestOfTheMaximumSize() {
        assertThatThrownBy(() -> new DossierMemoryBudget(MIB, 2 * MIB, Duration.ZERO))
                .hasMessageContaining("gateway.limits.memory-budget");
        assertThat(DossierMemoryBudget.defaultBudget(384 * MIB, 20 * MIB)).isEqualTo(32 * MIB);
        assertThat(DossierMemoryBudget.defaultBudget(64 * MIB, 20 * MIB)).isEqualTo(20 * MIB);
    }

    private Exchange request(long contentLength) {
        Exchange exchange = new DefaultExchange(camel);
        Message cxf = new MessageImpl();
        cxf.put(Message.PROTOCOL_HEADERS, Map.of("content-length", List.of(Long.toString(contentLength))));
        exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxf);
        return exchange;
    }

    private static void done(Exchange exchange) {
        exchange.getExchangeExtension().handoverCompletions().forEach(s -> s.onComplete(exchange));
    }
}
