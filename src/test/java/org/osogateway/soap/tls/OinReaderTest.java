package org.osogateway.soap.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osogateway.pki.DevPki;
import org.osogateway.pki.IssuedCertificate;

class OinReaderTest {
    static final String OIN = "00000003000000000001";
    static final String ORG_OIN = "00000001823288444000";
    static IssuedCertificate ca;
    static X509Certificate supplier;

    @BeforeAll
    static void certificates() {
        Instant now = Instant.now();
        ca = DevPki.createCa("OIN Test CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
        // organisation holds another OIN-shaped value, so that the attribute choice is what decides
        supplier = DevPki.issueClient(ca, "LAS supplier", OIN, ORG_OIN, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(1))).certificate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serialNumber", "SERIALNUMBER", "2.5.4.5"})
    void readsTheOinFromTheSerialNumberByNameOrOid(String attribute) {
        assertThat(new OinReader(attribute).oin(supplier)).contains(OIN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"O", "2.5.4.10"})
    void readsTheOinFromAnotherConfiguredAttribute(String attribute) {
        assertThat(new OinReader(attribute).oin(supplier)).contains(ORG_OIN);
    }

    @Test
    void aSubjectWithoutTheAttributeHasNoOin() {
        assertThat(new OinReader("serialNumber").oin(ca.certificate())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-oin", "0000000300000000000", "000000030000000000011", "0000000300000000000-"})
    void aValueThatIsNotTwentyLettersOrDigitsIsNoOin(String value) {
        X509Certificate cert = DevPki.issueClient(ca, "LAS supplier", value, "Test Supplier",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1))).certificate();

        assertThat(new OinReader("serialNumber").oin(cert)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"noSuchAttribute", "", "2.5.4."})
    void anUnknownAttributeRefusesToStartNamingTheSetting(String attribute) {
        assertThatThrownBy(() -> new OinReader(attribute))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway.soap.tls.oin-attribute: '" + attribute + "' is neither a subject attribute name "
                        + "(such as serialNumber) nor a dotted OID (such as 2.5.4.5)");
    }
}
