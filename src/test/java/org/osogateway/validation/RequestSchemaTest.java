package org.osogateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.w3c.dom.Element;

/** Verifies validation of DeliverDossierRequest elements (inside a SOAP envelope) against xsd/oso-gateway-v1.xsd. */
class RequestSchemaTest {

    private static final String VALID_REQUEST = """
            <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:gw="urn:oso-gateway:v1">
              <soap:Body>
                <gw:DeliverDossierRequest>
                  <gw:messageId>3f2c1a7e-demo-0001</gw:messageId>
                  <gw:sender><gw:brin>00YY</gw:brin><gw:vestiging>00</gw:vestiging></gw:sender>
                  <gw:receiver><gw:brin>00ZZ</gw:brin></gw:receiver>
                  <gw:overdrachtsoort>overstapdossier</gw:overdrachtsoort>
                  <gw:dossier>
                    <dossier xmlns="urn:oso-gateway:demo:dossier:v1"><overdrachtsoort>overstapdossier</overdrachtsoort></dossier>
                  </gw:dossier>
                </gw:DeliverDossierRequest>
              </soap:Body>
            </soap:Envelope>
            """;

    private static RequestSchema schema;

    @BeforeAll
    static void load() {
        schema = RequestSchema.load();
    }

    @Test
    void validRequestPasses() {
        assertThatCode(() -> schema.validate(requestElement(VALID_REQUEST))).doesNotThrowAnyException();
    }

    @Test
    void messageIdWithSpaceFails() {
        GatewayException e = invalid(VALID_REQUEST.replace("3f2c1a7e-demo-0001", "3f2c1a7e demo"));
        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.location()).isEqualTo("/DeliverDossierRequest/messageId");
            assertThat(v.message()).contains("3f2c1a7e demo");
            assertThat(v.line()).isNull();
        });
    }

    @Test
    void malformedBrinFails() {
        GatewayException e = invalid(VALID_REQUEST.replace("<gw:brin>00YY</gw:brin>", "<gw:brin>0YYY</gw:brin>"));
        assertThat(e.violations()).anySatisfy(v -> assertThat(v.location()).isEqualTo("/DeliverDossierRequest/sender/brin"));
    }

    @Test
    void unknownOverdrachtsoortFails() {
        GatewayException e = invalid(VALID_REQUEST.replace("<gw:overdrachtsoort>overstapdossier</gw:overdrachtsoort>",
                "<gw:overdrachtsoort>foo</gw:overdrachtsoort>"));
        assertThat(e.violations()).anySatisfy(v -> {
            assertThat(v.location()).isEqualTo("/DeliverDossierRequest/overdrachtsoort");
            assertThat(v.message()).contains("foo");
        });
    }

    @Test
    void twoDossiersFail() {
        String dossier = "<dossier xmlns=\"urn:oso-gateway:demo:dossier:v1\"><overdrachtsoort>overstapdossier</overdrachtsoort></dossier>";
        GatewayException e = invalid(VALID_REQUEST.replace(dossier, dossier + dossier));
        assertThat(e.violations()).anySatisfy(v -> assertThat(v.location()).isEqualTo("/DeliverDossierRequest/dossier/dossier[2]"));
    }

    @Test
    void emptyDossierFails() {
        String dossier = "<dossier xmlns=\"urn:oso-gateway:demo:dossier:v1\"><overdrachtsoort>overstapdossier</overdrachtsoort></dossier>";
        invalid(VALID_REQUEST.replace(dossier, ""));
    }

    @Test
    void dossierInGatewayNamespaceFails() {
        // xs:any namespace="##other": the dossier must not be in the gateway's own namespace.
        invalid(VALID_REQUEST.replace("xmlns=\"urn:oso-gateway:demo:dossier:v1\"", "xmlns=\"urn:oso-gateway:v1\""));
    }

    private static GatewayException invalid(String envelope) {
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> schema.validate(requestElement(envelope)));
        assertThat(e).as("expected a SCHEMA_VIOLATION").isNotNull();
        assertThat(e.code()).isEqualTo(GatewayErrorCode.SCHEMA_VIOLATION);
        assertThat(e.getMessage()).isEqualTo("The request does not validate against the gateway schema");
        assertThat(e.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.message()).isNotBlank());
        return e;
    }

    /** The first element child of soap:Body, as the SOAP layer hands it over. */
    private static Element requestElement(String envelope) {
        Element root = SecureXml.parse(envelope.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        Element body = (Element) root.getElementsByTagNameNS("http://schemas.xmlsoap.org/soap/envelope/", "Body").item(0);
        for (var n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element element) {
                return element;
            }
        }
        throw new IllegalStateException("empty body");
    }
}
