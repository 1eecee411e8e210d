package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.osogateway.support.Faults.expectFault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.CheckConnectionRequest;
import org.osogateway.contract.v1.FaultCode;
import org.osogateway.contract.v1.GatewayFault;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.MockLas;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;
import org.osogateway.validation.SchemaCatalog;

/**
 * Readiness at start-up: the schemas compile in the background; a gateway whose schemas do not compile keeps
 * answering CheckConnection but accepts no dossier and says so on /health, and with background compilation off a
 * broken schema refuses the start as before.
 */
class StartupReadinessContractTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReadyGatewaySaysSoOnHealthAndAcceptsDossiers(@TempDir Path dir) throws Exception {
        try (MockLas las = new MockLas(0).start();
             TestGateway gateway = TestGateway.start(dir, las.endpoint().toString(), new Properties())) {
            HttpResponse<String> health = health(gateway);
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.path("ready").asBoolean()).isTrue();
            assertThat(body.path("dossierSchemaCatalog").asText()).isEqualTo("READY");
            assertThat(new GatewayClient(gateway.soapUrl()).deliver(GatewayClient.request("ready-1", "01AB",
                    Overdrachtsoort.OVERSTAPDOSSIER, DeliverDossierContractTest.DEMO)).getStatus())
                    .isEqualTo(AcceptStatus.ACCEPTED);
        }
    }

    @Test
    void schemasThatDoNotCompileLeaveTheGatewayUpButRefusingDossiers(@TempDir Path dir) throws Exception {
        Properties p = brokenInstalledSchema(dir);
        p.setProperty(TestGateway.NO_WAIT_FOR_SCHEMAS, "true");
        try (MockLas las = new MockLas(0).start();
             TestGateway gateway = TestGateway.start(dir.resolve("gw"), las.endpoint().toString(), p)) {
            SchemaCatalog catalog = gateway.bean("schemaCatalog", SchemaCatalog.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> catalog.state() == SchemaCatalog.State.FAILED);
            GatewayClient client = new GatewayClient(gateway.soapUrl());

            GatewayFault fault = expectFault(FaultCode.TEMPORARILY_UNAVAILABLE, () -> client.deliver(GatewayClient.request(
                    "broken-1", "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DeliverDossierContractTest.DEMO)));
            assertThat(fault.getMessage()).contains("could not be compiled");

            CheckConnectionRequest check = new CheckConnectionRequest();
            check.setBrin("01AB");
            assertThat(client.port().checkConnection(check).isConnected()).isTrue();

            HttpResponse<String> health = health(gateway);
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(health.body());
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("ready").asBoolean()).isFalse();
            assertThat(body.path("dossierSchemaCatalog").asText()).isEqualTo("FAILED");
            assertThat(body.path("store").asText()).isEqualTo("UP");
        }
    }

    @Test
    void withoutBackgroundCompilationABrokenSchemaRefusesTheStart(@TempDir Path dir) throws Exception {
        Properties p = brokenInstalledSchema(dir);
        p.setProperty("gateway.schemas.compile-in-background", "false");
        try (MockLas las = new MockLas(0).start()) {
            assertThatThrownBy(() -> TestGateway.start(dir.resolve("gw"), las.endpoint().toString(), p))
                    .hasStackTraceContaining("Cannot compile schema")
                    .hasStackTraceContaining("broken.xsd");
        }
    }

    /** An installed version folder whose dossier schema refers to a type nobody defines. */
    private static Properties brokenInstalledSchema(Path dir) throws Exception {
        Path version = Files.createDirectories(dir.resolve("installed/3000.1"));
        Files.writeString(version.resolve("broken.xsd"), "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema' "
                + "targetNamespace='urn:test:broken' xmlns='urn:test:broken'><xs:element name='a' type='Missing'/></xs:schema>");
        Properties p = new Properties();
        p.setProperty("gateway.schemas.installed-dir", dir.resolve("installed").toString());
        p.setProperty("gateway.schemas.dirs", "");
        return p;
    }

    private static HttpResponse<String> health(TestGateway gateway) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.opsUrl() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
