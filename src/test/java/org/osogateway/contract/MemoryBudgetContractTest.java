package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.FaultCode;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.intake.DossierMemoryBudget;
import org.osogateway.mock.MockLas;
import org.osogateway.support.Faults;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;

/**
 * The memory budget for dossiers over the SOAP port: every request, answered or refused, gives its share
 * back, and a request that cannot get one within the wait gets TEMPORARILY_UNAVAILABLE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryBudgetContractTest {
    MockLas las;
    TestGateway gateway;
    GatewayClient client;
    DossierMemoryBudget budget;

    @BeforeAll
    void start() throws Exception {
        las = new MockLas(0).start();
        Properties p = new Properties();
        p.setProperty("gateway.limits.max-request-bytes", "1048576");
        p.setProperty("gateway.limits.memory-budget", "2097152");
        p.setProperty("gateway.limits.memory-budget-wait", "PT0.3S");
        gateway = TestGateway.start(Files.createTempDirectory("oso-budget"), las.endpoint().toString(), p);
        client = new GatewayClient(gateway.soapUrl());
        budget = gateway.bean("dossierMemoryBudget", DossierMemoryBudget.class);
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        las.close();
    }

    @Test
    void everyRequestGivesItsShareBackAndOneWithoutAShareIsRefusedAsRetryable() throws Exception {
        assertThat(client.deliver(GatewayClient.request(id(), "01AB", Overdrachtsoort.OVERSTAPDOSSIER,
                DeliverDossierContractTest.DEMO)).getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
        Faults.expectFault(FaultCode.SCHEMA_VIOLATION, () -> client.deliver(GatewayClient.request(id(), "01AB",
                Overdrachtsoort.OVERSTAPDOSSIER, DeliverDossierContractTest.DEMO_BAD_DATE)));
        assertThat(client.postRaw("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                .getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(500);
        assertThat(client.postRaw(new byte[2 << 20]).body()).contains("PAYLOAD_TOO_LARGE");
        // the delivery of the accepted dossier takes its share too, and gives it back
        await().atMost(Duration.ofSeconds(30)).until(() -> las.totalDelivered() == 1
                && budget.availableBytes() == budget.budgetBytes());

        // two requests of the maximum size hold the whole budget
        DossierMemoryBudget.Share one = budget.reserve(1 << 20);
        DossierMemoryBudget.Share two = budget.reserve(1 << 20);
        try {
            Faults.expectFault(FaultCode.TEMPORARILY_UNAVAILABLE, () -> client.deliver(GatewayClient.request(id(), "01AB",
                    Overdrachtsoort.OVERSTAPDOSSIER, DeliverDossierContractTest.DEMO)));
        } finally {
            one.giveBack();
            two.giveBack();
        }
        assertThat(client.deliver(GatewayClient.request(id(), "01AB", Overdrachtsoort.OVERSTAPDOSSIER,
                DeliverDossierContractTest.DEMO)).getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> budget.availableBytes() == budget.budgetBytes());
    }

    @Test
    void refusalsWithABareHttpStatusOrAnEarlyFaultGiveTheirShareBack() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        byte[] body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope>"
                .getBytes(StandardCharsets.UTF_8);
        for (String[] call : new String[][] {{"/other", "text/xml"}, {"", "application/json"}, {"", "text/xml"}}) {
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(gateway.soapUrl() + call[0])).header("Content-Type", call[1])
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(call[0] + " " + call[1]).isIn(404, 500);
            assertThat(budget.availableBytes()).as("share given back after " + call[0] + " " + call[1])
                    .isEqualTo(budget.budgetBytes());
        }
    }

    private static String id() {
        return "budget-" + UUID.randomUUID();
    }
}
