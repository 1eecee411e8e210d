package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.osogateway.support.Faults.expectFault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.DeliveryState;
import org.osogateway.contract.v1.FaultCode;
import org.osogateway.contract.v1.GetDeliveryStatusRequest;
import org.osogateway.contract.v1.GetDeliveryStatusResponse;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.FailureMode;
import org.osogateway.mock.MockLas;
import org.osogateway.store.Store;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;

/** Store-and-forward across restarts, and the fault when the store is unreachable. */
class StoreAndForwardContractTest {
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");

    @TempDir
    Path tmp;

    @Test
    void aJobWaitingForItsRetryIsResumedAfterARestart() throws Exception {
        try (MockLas las = new MockLas(0).start()) {
            las.always(FailureMode.httpStatus(503));
            Properties slowRetry = new Properties();
            slowRetry.setProperty("gateway.retry.initial-delay", "PT3S");
            slowRetry.setProperty("gateway.retry.max-delay", "PT3S");
            String id = "restart-" + UUID.randomUUID();
            int port = TestGateway.freePort();
            try (TestGateway first = TestGateway.start(tmp, las.endpoint().toString(), port, slowRetry)) {
                GatewayClient client = new GatewayClient(first.soapUrl());
                assertThat(client.deliver(GatewayClient.request(id, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO))
                        .getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
                await().atMost(Duration.ofSeconds(20)).until(() -> status(client, id).getState() == DeliveryState.RETRY_WAIT);
            }
            las.reset();
            try (TestGateway second = TestGateway.start(tmp, las.endpoint().toString(), port, slowRetry)) {
                GatewayClient client = new GatewayClient(second.soapUrl());
                await().atMost(Duration.ofSeconds(30)).until(() -> status(client, id).getState() == DeliveryState.DELIVERED);
                assertThat(status(client, id).getAttempts()).isEqualTo(2);
                assertThat(las.countFor(id)).isEqualTo(1);
            }
        }
    }

    @Test
    void anUnreachableStoreIsTemporarilyUnavailableAndNothingIsAccepted() throws Exception {
        try (MockLas las = new MockLas(0).start();
             TestGateway gw = TestGateway.start(tmp, las.endpoint().toString(), new Properties())) {
            GatewayClient client = new GatewayClient(gw.soapUrl());
            gw.bean("store", Store.class).close();
            expectFault(FaultCode.TEMPORARILY_UNAVAILABLE, () -> client.deliver(
                    GatewayClient.request("down-" + UUID.randomUUID(), "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO)));
            assertThat(las.totalCalls()).isZero();
        }
    }

    private static GetDeliveryStatusResponse status(GatewayClient client, String id) throws Exception {
        GetDeliveryStatusRequest q = new GetDeliveryStatusRequest();
        q.setMessageId(id);
        q.setSenderBrin("00YY");
        return client.port().getDeliveryStatus(q);
    }
}
