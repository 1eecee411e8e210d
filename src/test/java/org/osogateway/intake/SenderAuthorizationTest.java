package org.osogateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.registry.LocalRegistrySource;
import org.osogateway.registry.RegistryFileLoader;
import org.osogateway.soap.Caller;
import org.osogateway.validation.CanonicalDossier;
import org.osogateway.validation.SchemaCatalog;

/** Verifies who may send for a school, on the example registry: the certificate's supplier and its mandates. */
class SenderAuthorizationTest {
    private static final String DEMO = "urn:oso-gateway:demo:dossier:v1";
    private static final String ZENDER = "00000003000000000001";    // LAS of 00YY (mandate for demo, 2019, 2017)
    private static final String ONTVANGER = "00000003000000000002"; // LAS of 01AB and others, not of 00YY
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    private final SenderAuthorization authorization = new SenderAuthorization(
            new LocalRegistrySource(new RegistryFileLoader().load(Path.of("config/registry-example.yaml"))).rules(),
            SchemaCatalog.load(List.of(), true), TODAY);

    private static DossierSubmission from(String senderBrin, String supplierOin, String namespace) {
        return new DossierSubmission("m-1", senderBrin, "00", supplierOin, null, "01AB", null, null, "overstapdossier",
                new CanonicalDossier(namespace, "dossier", new byte[0], "0".repeat(64)), null, null, List.of());
    }

    private static Caller supplier(String oin) {
        return new Caller(oin, "CN=LAS, O=LAS B.V., SERIALNUMBER=" + oin + ", C=NL");
    }

    @Test
    void theMandatedSupplierIsAcceptedAndBecomesTheSendingLas() {
        DossierSubmission s = authorization.authorize(from("00YY", null, DEMO), supplier(ZENDER));

        assertThat(s.authenticatedOin()).isEqualTo(ZENDER);
        assertThat(s.senderSupplierOin()).isEqualTo(ZENDER);
        assertThat(authorization.authorize(from("00YY", ZENDER, DEMO), supplier(ZENDER)).authenticatedOin())
                .isEqualTo(ZENDER);
    }

    @Test
    void aSupplierWithoutTheSchoolsMandateIsRefusedNamingOnlyItsOinAndTheSchool() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> authorization.authorize(from("00YY", null, DEMO), supplier(ONTVANGER)));

        assertThat(e.code()).isEqualTo(GatewayErrorCode.SENDER_NOT_AUTHORIZED);
        assertThat(e.getMessage()).contains(ONTVANGER, "00YY").doesNotContain(ZENDER).doesNotContain("Demo LAS")
                .doesNotContain("http");
    }

    @Test
    void anUnregisteredSupplierAndAnUnknownSchoolAreRefusedAlike() {
        GatewayException unregistered = catchThrowableOfType(GatewayException.class,
                () -> authorization.authorize(from("00YY", null, DEMO), supplier("00000003999999990000")));
        GatewayException unknownSchool = catchThrowableOfType(GatewayException.class,
                () -> authorization.authorize(from("99ZZ", null, DEMO), supplier(ZENDER)));

        assertThat(unregistered.code()).isEqualTo(GatewayErrorCode.SENDER_NOT_AUTHORIZED);
        assertThat(unknownSchool.code()).isEqualTo(GatewayErrorCode.SENDER_NOT_AUTHORIZED);
    }

    @Test
    void aSupplierOinInTheBodyThatIsNotTheCertificatesIsRefused() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> authorization.authorize(from("00YY", ONTVANGER, DEMO), supplier(ZENDER)));

        assertThat(e.code()).isEqualTo(GatewayErrorCode.SENDER_NOT_AUTHORIZED);
        assertThat(e.getMessage()).contains(ONTVANGER, ZENDER);
    }

    @Test
    void aCallerWithoutACertificateIsNotAuthorizedByTheRegistry() {
        DossierSubmission s = from("00YY", ONTVANGER, DEMO);

        assertThat(authorization.authorize(s, Caller.ANONYMOUS)).isSameAs(s);
        assertThat(authorization.authorize(s, null)).isSameAs(s);
    }

    @Test
    void anUnknownDossierVersionIsLeftToTheValidatorsUnsupportedVersionFault() {
        DossierSubmission s = authorization.authorize(from("00YY", null, "urn:no-such-version"), supplier(ZENDER));

        assertThat(s.authenticatedOin()).isEqualTo(ZENDER);
    }
}
