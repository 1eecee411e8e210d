package org.osogateway.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.security.transport.TLSSessionInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.fault.GatewayErrorCode;
import org.osogateway.fault.GatewayException;
import org.osogateway.pki.DevPki;
import org.osogateway.soap.tls.ClientCertificateTrustManager;
import org.osogateway.soap.tls.CrlSource;
import org.osogateway.soap.tls.OinReader;
import org.osogateway.support.TestPki;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallerIdentificationTest {
    static final String OIN = "00000003000000000001";

    @TempDir
    static Path dir;
    TestPki pki;
    KeyStore trustStore;

    @BeforeAll
    void makePki() throws Exception {
        pki = TestPki.create(dir);
        trustStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.trustStore())) {
            trustStore.load(in, TestPki.PASSWORD.toCharArray());
        }
    }

    @Test
    void theCallerIsTheSupplierWhoseOinIsInTheCertificate() {
        Caller caller = new CallerIdentification(new OinReader("serialNumber"), null)
                .caller(chain(pki.clientKeyStore(OIN)));

        assertThat(caller.oin()).isEqualTo(OIN);
        assertThat(caller.subject()).isEqualTo("CN=LAS supplier " + OIN + ",O=Test Supplier,SERIALNUMBER=" + OIN + ",C=NL");
        assertThat(caller.isAnonymous()).isFalse();
    }

    @Test
    void noCertificateIsTheAnonymousCaller() {
        CallerIdentification identification = new CallerIdentification(new OinReader("serialNumber"), null);

        assertThat(identification.caller(null)).isSameAs(Caller.ANONYMOUS);
        assertThat(identification.caller(new X509Certificate[0])).isSameAs(Caller.ANONYMOUS);
        assertThat(Caller.ANONYMOUS.isAnonymous()).isTrue();
    }

    @Test
    void aCertificateWithoutAnOinIsNotAuthorized() {
        X509Certificate[] noOin = {pki.ca().certificate()};

        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> new CallerIdentification(new OinReader("serialNumber"), null).caller(noOin));

        assertThat(e.code()).isEqualTo(GatewayErrorCode.SENDER_NOT_AUTHORIZED);
        assertThat(e).hasMessage("the client certificate carries no OIN in its subject serialNumber");
    }

    @Test
    void theMessageNamesTheConfiguredAttribute() {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> new CallerIdentification(new OinReader("2.5.4.97"), null).caller(chain(pki.clientKeyStore(OIN))));

        assertThat(e).hasMessage("the client certificate carries no OIN in its subject 2.5.4.97");
    }

    @Test
    void aConnectionWhoseCertificateWasRevokedSinceItsHandshakeIsNotAuthorized() throws Exception {
        Path crl = dir.resolve("recheck.crl");
        Instant now = Instant.now().minusSeconds(60);
        X509Certificate[] chain = chain(pki.clientKeyStore("00000003000000000055"));
        DevPki.writeCrl(crl, DevPki.createCrl(pki.ca(), List.of(), now, now.plus(Duration.ofDays(1))));
        ClientCertificateTrustManager trust = new ClientCertificateTrustManager(trustStore,
                new CrlSource(List.of(crl), Duration.ZERO, Clock.systemUTC()));
        CallerIdentification identification = new CallerIdentification(new OinReader("serialNumber"), trust);
        assertThat(identification.caller(chain).oin()).isEqualTo("00000003000000000055");

        DevPki.writeCrl(crl, DevPki.createCrl(pki.ca(), List.of(chain[0]), now.plusSeconds(1), now.plus(Duration.ofDays(1))));
        Files.setLastModifiedTime(crl, FileTime.from(Instant.now().plusSeconds(5)));

        GatewayException e = catchThrowableOfType(GatewayException.class, () -> identification.caller(chain));
        assertThat(e.code()).isEqualTo(GatewayErrorCode.SENDER_NOT_AUTHORIZED);
        assertThat(e).hasMessage("the client certificate is no longer valid (expired or revoked)");
    }

    @Test
    void identifyReadsTheChainThatCxfStoredOnTheMessage() {
        Message cxf = new MessageImpl();
        ExchangeImpl cxfExchange = new ExchangeImpl();
        cxfExchange.setInMessage(cxf);
        cxf.setExchange(cxfExchange);
        cxf.put(TLSSessionInfo.class, new TLSSessionInfo("TLS_AES_128_GCM_SHA256", null,
                new Certificate[] {TestPki.certificateIn(pki.clientKeyStore(OIN))}));
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxf);

        new CallerIdentification(new OinReader("serialNumber"), null).identify(exchange);

        assertThat(exchange.getProperty(Caller.PROPERTY, Caller.class).oin()).isEqualTo(OIN);
    }

    @Test
    void identifyWithoutTlsGivesTheAnonymousCaller() {
        Message cxf = new MessageImpl();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxf);

        new CallerIdentification(new OinReader("serialNumber"), null).identify(exchange);

        assertThat(exchange.getProperty(Caller.PROPERTY)).isSameAs(Caller.ANONYMOUS);
    }

    private static X509Certificate[] chain(Path keyStore) {
        return new X509Certificate[] {TestPki.certificateIn(keyStore)};
    }
}
