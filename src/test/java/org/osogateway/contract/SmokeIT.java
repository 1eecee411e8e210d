package org.osogateway.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.contract.v1.AcceptStatus;
import org.osogateway.contract.v1.DeliverDossierResponse;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;

class SmokeIT {
    @TempDir
    Path tmp;

    @Test
    void acceptsDemoDossier() throws Exception {
        try (TestGateway gw = TestGateway.start(tmp, "http://127.0.0.1:1/las/oso/v1", new Properties())) {
            GatewayClient client = new GatewayClient(gw.soapUrl());
            DeliverDossierResponse r = client.deliver(GatewayClient.request("m-1", "01AB", Overdrachtsoort.OVERSTAPDOSSIER,
                    Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml")));
            assertThat(r.getStatus()).isEqualTo(AcceptStatus.ACCEPTED);
        }
    }
}
