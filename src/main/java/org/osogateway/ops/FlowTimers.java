package org.osogateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;

/**
 * Latency histograms of the dossier flow: {@code oso_accept_latency_seconds} (a DeliverDossier request in → its
 * ACCEPTED answer) and {@code oso_delivery_latency_seconds} (accepted, or re-sent → delivered). Buckets are fixed
 * service-level bounds, so a histogram is a dozen series, whatever the traffic.
 */
public final class FlowTimers {
    private final Timer accept;
    private final Timer delivery;

    public FlowTimers(MeterRegistry registry) {
        accept = Timer.builder("oso.accept.latency")
                .description("DeliverDossier: from the request (its body read) to the ACCEPTED answer")
                .serviceLevelObjectives(ms(10), ms(25), ms(50), ms(100), ms(250), ms(500), ms(1000), ms(2500),
                        ms(5000), ms(10000), ms(30000))
                .register(registry);
        delivery = Timer.builder("oso.delivery.latency")
                .description("from acceptance (or a re-send) to delivery to the receiver")
                .serviceLevelObjectives(ms(100), ms(500), ms(1000), ms(5000), Duration.ofSeconds(30),
                        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
                        Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7))
                .register(registry);
    }

    /** The last step of the DeliverDossier route: the answer is ready; the exchange began with the request. */
    public void accepted(Exchange exchange) {
        accept.record(Math.max(0, exchange.getClock().elapsed()), TimeUnit.MILLISECONDS);
    }

    /** The delivery latency timer, for the delivery worker. */
    public Timer delivery() {
        return delivery;
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
