package org.osogateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.Test;
import org.osogateway.delivery.DeliveryOutcome.Kind;

class OutcomeClassifierTest {

    private static final String ID = "3f1c2a9e-0000-4000-8000-00000000abcd";
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private final OutcomeClassifier classifier = new OutcomeClassifier(Clock.fixed(NOW, ZoneOffset.UTC), 4096);

    static byte[] response(String messageId, String result) {
        return ("<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>"
                + "<r:ReceiveDossierResponse xmlns:r='urn:oso-gateway:las:v1'><r:messageId>" + messageId
                + "</r:messageId><r:result>" + result + "</r:result></r:ReceiveDossierResponse></s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] fault(String prefixDecl, String faultcode) {
        return ("<?xml version='1.0'?><soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body>"
                + "<soap:Fault " + prefixDecl + "><faultcode>" + faultcode + "</faultcode><faultstring>busy\nnow</faultstring>"
                + "<detail><las:ReceiverFault xmlns:las='urn:oso-gateway:las:v1'><las:code>LAS_BUSY</las:code>"
                + "<las:message>m</las:message></las:ReceiverFault></detail></soap:Fault></soap:Body></soap:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private DeliveryOutcome http(int status, String retryAfter, byte[] body) {
        return classifier.classify(status, retryAfter, body, ID);
    }

    @Test
    void matchingResponseIsDelivered() {
        DeliveryOutcome o = http(200, null, response(ID, "RECEIVED"));
        assertThat(o.kind()).isEqualTo(Kind.DELIVERED);
        assertThat(o.code()).isEqualTo("DELIVERED");
        assertThat(o.httpStatus()).isEqualTo(200);
        assertThat(o.retryAfter()).isNull();
    }

    @Test
    void responseWithDefaultNamespaceAndWhitespaceIsDelivered() {
        String body = "<Envelope xmlns='http://schemas.xmlsoap.org/soap/envelope/'>\n <Header/>\n <Body>\n"
                + "  <ReceiveDossierResponse xmlns='urn:oso-gateway:las:v1'>\n   <messageId> " + ID + " </messageId>\n"
                + "   <result>RECEIVED</result>\n  </ReceiveDossierResponse>\n </Body>\n</Envelope>";
        assertThat(http(200, null, body.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(Kind.DELIVERED);
    }

    @Test
    void responseForAnotherMessageIdIsPermanent() {
        DeliveryOutcome o = http(200, null, response("other-id", "RECEIVED"));
        assertThat(o.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(o.code()).isEqualTo("RECEIVER_BAD_RESPONSE");
        assertThat(o.message()).contains("other-id");
    }

    @Test
    void responseWithAnotherResultIsPermanent() {
        assertThat(http(200, null, response(ID, "REJECTED")).code()).isEqualTo("RECEIVER_BAD_RESPONSE");
    }

    @Test
    void okWithSomethingElseIsPermanent() {
        assertThat(http(200, null, "<html>hi</html>".getBytes(StandardCharsets.UTF_8)))
                .extracting(DeliveryOutcome::kind, DeliveryOutcome::code).containsExactly(Kind.PERMANENT, "RECEIVER_BAD_RESPONSE");
        assertThat(http(200, null, "not xml at all".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo("RECEIVER_BAD_RESPONSE");
        assertThat(http(200, null, new byte[0]).code()).isEqualTo("RECEIVER_BAD_RESPONSE");
        String otherElement = "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>"
                + "<x:ReceiveDossierResponse xmlns:x='urn:other'><x:messageId>" + ID + "</x:messageId>"
                + "<x:result>RECEIVED</x:result></x:ReceiveDossierResponse></s:Body></s:Envelope>";
        assertThat(http(200, null, otherElement.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(Kind.PERMANENT);
        String soap12 = "<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'><s:Body/></s:Envelope>";
        assertThat(http(200, null, soap12.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(http(200, null, "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body/></s:Envelope>"
                .getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void dtdInResponseIsRefusedAndNoEntityIsExpanded() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE s:Envelope [<!ENTITY id SYSTEM 'file:///etc/hostname'>]>"
                + new String(response("&id;", "RECEIVED"), StandardCharsets.UTF_8);
        DeliveryOutcome o = http(200, null, xxe.getBytes(StandardCharsets.UTF_8));
        assertThat(o.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(o.code()).isEqualTo("RECEIVER_BAD_RESPONSE");
        assertThat(o.message()).contains("DTD");
    }

    @Test
    void tooLargeOkIsPermanentWithoutParsing() {
        byte[] big = new byte[4097];
        java.util.Arrays.fill(big, (byte) ' ');
        DeliveryOutcome o = http(200, null, big);
        assertThat(o.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(o.code()).isEqualTo("RECEIVER_RESPONSE_TOO_LARGE");
        assertThat(o.message()).contains("too large");
    }

    @Test
    void streamIsReadOnlyUpToTheLimit() throws IOException {
        byte[] big = new byte[100_000];
        java.util.Arrays.fill(big, (byte) 'x');
        ByteArrayInputStream in = new ByteArrayInputStream(big);
        assertThat(classifier.classify(200, null, in, ID).code()).isEqualTo("RECEIVER_RESPONSE_TOO_LARGE");
        assertThat(in.available()).isEqualTo(100_000 - 4097);
        InputStream ok = new ByteArrayInputStream(response(ID, "RECEIVED"));
        assertThat(classifier.classify(200, null, ok, ID).kind()).isEqualTo(Kind.DELIVERED);
    }

    @Test
    void serviceUnavailableIsTransientWithRetryAfterSeconds() {
        DeliveryOutcome o = http(503, "120", "<html>down</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(o.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(o.code()).isEqualTo("RECEIVER_HTTP_503");
        assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        assertThat(o.httpStatus()).isEqualTo(503);
    }

    @Test
    void retryAfterAsHttpDate() {
        DeliveryOutcome o = http(429, "Mon, 02 Mar 2026 09:30:00 GMT", null);
        assertThat(o.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(o.code()).isEqualTo("RECEIVER_HTTP_429");
        assertThat(o.retryAfter()).isEqualTo(Duration.ofMinutes(90));
        assertThat(http(503, "Mon, 02 Mar 2026 07:00:00 GMT", null).retryAfter()).isEqualTo(Duration.ZERO);
        assertThat(http(503, "soon", null).retryAfter()).isNull();
        assertThat(http(503, "-5", null).retryAfter()).isNull();
    }

    @Test
    void timeoutStatusAndAll5xxWithoutFaultAreTransient() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504, 599}) {
            DeliveryOutcome o = http(status, null, "oops".getBytes(StandardCharsets.UTF_8));
            assertThat(o.kind()).as("HTTP %d", status).isEqualTo(Kind.TRANSIENT);
            assertThat(o.code()).isEqualTo("RECEIVER_HTTP_" + status);
        }
        // a huge error page is not parsed but still transient
        assertThat(http(502, null, new byte[10_000]).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void other4xxArePermanent() {
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 415}) {
            DeliveryOutcome o = http(status, "30", fault("", "soap:Server"));
            assertThat(o.kind()).as("HTTP %d", status).isEqualTo(Kind.PERMANENT);
            assertThat(o.code()).isEqualTo("RECEIVER_HTTP_" + status);
            assertThat(o.retryAfter()).isNull();
        }
    }

    @Test
    void otherStatusesArePermanent() {
        assertThat(http(202, null, null).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(http(204, null, null).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(http(302, null, null).code()).isEqualTo("RECEIVER_HTTP_302");
    }

    @Test
    void serverFaultIsTransientWithRetryAfter() {
        DeliveryOutcome o = http(500, "60", fault("", "soap:Server"));
        assertThat(o.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(o.code()).isEqualTo("RECEIVER_SOAP_FAULT");
        assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.message()).contains("soap:Server").contains("LAS_BUSY").contains("busy now").doesNotContain("\n");
    }

    @Test
    void faultcodePrefixIsResolvedNotCompared() {
        assertThat(http(500, null, fault("xmlns:env='http://schemas.xmlsoap.org/soap/envelope/'", "env:Server")).kind())
                .isEqualTo(Kind.TRANSIENT);
        assertThat(http(500, null, fault("xmlns:env='http://schemas.xmlsoap.org/soap/envelope/'", "env:Client")).kind())
                .isEqualTo(Kind.PERMANENT);
        assertThat(http(500, null, fault("", "Server")).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(http(500, null, fault("", "soap:Server.Busy")).kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void clientFaultIsPermanentEvenWith5xx() {
        DeliveryOutcome o = http(500, "60", fault("", "soap:Client"));
        assertThat(o.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(o.code()).isEqualTo("RECEIVER_SOAP_FAULT");
        assertThat(o.retryAfter()).isNull();
        assertThat(http(503, null, fault("", "soap:Client")).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void faultWithHttp200IsAFaultNotADelivery() {
        assertThat(http(200, null, fault("", "soap:Server")).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(http(200, null, fault("", "soap:Client")).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void unknownFaultcodeIsPermanent() {
        assertThat(http(500, null, fault("", "soap:VersionMismatch")).kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void connectionFailuresAreTransient() {
        DeliveryOutcome refused = classifier.classify(new ConnectException("Connection refused"));
        assertThat(refused.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(refused.code()).isEqualTo("RECEIVER_UNREACHABLE");
        assertThat(refused.httpStatus()).isNull();
        assertThat(classifier.classify(new SocketException("Connection reset")).code()).isEqualTo("RECEIVER_UNREACHABLE");
        assertThat(classifier.classify(new UnknownHostException("las.example")).code()).isEqualTo("RECEIVER_UNREACHABLE");
        assertThat(classifier.classify(new IOException("closed")).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(classifier.classify(new SSLHandshakeException("bad cert")))
                .extracting(DeliveryOutcome::kind, DeliveryOutcome::code, DeliveryOutcome::message)
                .containsExactly(Kind.TRANSIENT, "RECEIVER_TLS_HANDSHAKE_FAILED", "TLS handshake with the receiving LAS failed");
    }

    @Test
    void noResponseMessagesNameNoClassOrAddress() {
        DeliveryOutcome refused = classifier.classify(new RuntimeException("wrapped",
                new ConnectException("Connect to http://las.example:8443 failed: Connection refused")));
        assertThat(refused.message()).isEqualTo("connection to receiver refused or impossible");
        assertThat(classifier.classify(new SocketTimeoutException("Read timed out")).message())
                .isEqualTo("receiver did not answer in time");
        assertThat(classifier.classify(new IllegalArgumentException("https://las.example/x y")).message())
                .isEqualTo("call to receiver could not be made");
    }

    /** What the sender reads in lastError for each TLS failure, from exceptions shaped as JSSE and HttpClient throw them. */
    @Test
    void tlsFailuresSayWhatIsWrongWithoutDetail() throws Exception {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path");
        untrusted.initCause(new CertificateException(
                new CertPathBuilderException("unable to find valid certification path to requested target")));
        assertThat(tls(untrusted)).isEqualTo("TLS handshake with the receiving LAS failed: its certificate is not trusted");

        SSLHandshakeException expired = new SSLHandshakeException("PKIX path validation failed");
        expired.initCause(new CertPathValidatorException("validity check failed",
                new CertificateExpiredException("NotAfter: ..."), null, -1,
                CertPathValidatorException.BasicReason.EXPIRED));
        assertThat(tls(expired)).isEqualTo(
                "TLS handshake with the receiving LAS failed: its certificate has expired or is not yet valid");

        String wrongHost = "TLS handshake with the receiving LAS failed: its certificate is not issued for the endpoint's host name";
        assertThat(tls(new SSLPeerUnverifiedException(
                "Certificate for <localhost> doesn't match any of the subject alternative names: [las.example]")))
                .isEqualTo(wrongHost);
        SSLHandshakeException jdkWrongHost = new SSLHandshakeException("No subject alternative names matching IP address");
        jdkWrongHost.initCause(new CertificateException(
                "No subject alternative names matching IP address 127.0.0.1 found"));
        assertThat(tls(jdkWrongHost)).isEqualTo(wrongHost);

        assertThat(tls(new SSLHandshakeException(
                "No appropriate protocol (protocol is disabled or cipher suites are inappropriate)")))
                .isEqualTo("TLS handshake with the receiving LAS failed: no common protocol version "
                        + "(the gateway uses TLS 1.2 and 1.3 only)");
        assertThat(tls(new SSLException("Received fatal alert: certificate_required")))
                .isEqualTo("TLS handshake with the receiving LAS failed: it did not accept the gateway's client certificate");
        assertThat(tls(new SSLException("Received fatal alert: internal_error")))
                .isEqualTo("TLS handshake with the receiving LAS failed");
    }

    private String tls(Exception error) {
        DeliveryOutcome o = classifier.classify(new RuntimeException("camel wrapper", error));
        assertThat(o.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(o.code()).isEqualTo(OutcomeClassifier.RECEIVER_TLS_HANDSHAKE_FAILED);
        assertThat(o.httpStatus()).isNull();
        return o.message();
    }

    @Test
    void timeoutsAreTransient() {
        assertThat(classifier.classify(new SocketTimeoutException("Read timed out")))
                .extracting(DeliveryOutcome::kind, DeliveryOutcome::code).containsExactly(Kind.TRANSIENT, "RECEIVER_TIMEOUT");
        assertThat(classifier.classify(new HttpTimeoutException("request timed out")).code()).isEqualTo("RECEIVER_TIMEOUT");
        assertThat(classifier.classify(new HttpConnectTimeoutException("connect timed out")).code()).isEqualTo("RECEIVER_TIMEOUT");
    }

    @Test
    void wrappedCausesAreFound() {
        RuntimeException wrapped = new RuntimeException("camel", new CompletionException(new ConnectException("refused")));
        assertThat(classifier.classify(wrapped).code()).isEqualTo("RECEIVER_UNREACHABLE");
    }

    @Test
    void nonNetworkErrorsArePermanent() {
        DeliveryOutcome o = classifier.classify(new IllegalArgumentException("bad URI"));
        assertThat(o.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(o.code()).isEqualTo("RECEIVER_CALL_FAILED");
    }
}
