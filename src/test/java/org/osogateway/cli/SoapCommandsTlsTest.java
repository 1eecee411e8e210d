package org.osogateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.osogateway.mock.MockLas;
import org.osogateway.pki.DevPki;
import org.osogateway.support.TestGateway;
import org.osogateway.support.TestPki;

/**
 * send, status and check run in-process, as the jar runs them, against a gateway with mutual TLS: with a supplier
 * certificate they get their answers, and every TLS problem ends in one line naming the option or file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoapCommandsTlsTest {
    static final Path DEMO = Path.of("config/samples/demo-dossier.xml");
    /** The LAS of school 00YY in the example registry. */
    static final String ZENDER = "00000003000000000001";
    /** A registered LAS without a mandate for 00YY. */
    static final String ONTVANGER = "00000003000000000002";

    TestPki pki;
    Path dir;
    MockLas las;
    TestGateway gateway;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("oso-cli-tls");
        pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        las = new MockLas(0).start();
        gateway = TestGateway.start(dir.resolve("gw"), las.endpoint().toString(), TestGateway.mutualTls(pki));
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
        las.close();
    }

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** The command with --url, the supplier certificate of {@code oin}, the test truststore and the password. */
    CliRun as(String oin, String... command) {
        return withTls(pki.clientKeyStore(oin), pki.trustStore(), gateway.soapUrl(), command);
    }

    static CliRun withTls(Path cert, Path truststore, String url, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--url", url, "--password", TestPki.PASSWORD));
        if (cert != null) {
            args.addAll(List.of("--cert", cert.toString()));
        }
        if (truststore != null) {
            args.addAll(List.of("--truststore", truststore.toString()));
        }
        return run(args.toArray(String[]::new));
    }

    @Test
    void checkWithASupplierCertificateSaysConnected() {
        CliRun r = as(ZENDER, "check", "01AB");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("01AB: connected\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void sendIsAcceptedAndOnlyTheSendingSupplierSeesTheStatus() {
        String id = "cli-tls-" + UUID.randomUUID();
        CliRun sent = as(ZENDER, "send", "--receiver", "01AB", "--message-id", id, DEMO.toString());

        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(sent.out()).startsWith(id + " ACCEPTED at ");

        CliRun own = as(ZENDER, "status", id);
        assertThat(own.exit()).as(own.err()).isZero();
        assertThat(own.out()).startsWith(id + ": ").contains("RECEIVED");

        CliRun foreign = as(ONTVANGER, "status", id);
        assertThat(foreign.exit()).isEqualTo(2);
        assertThat(foreign.err()).startsWith("fault UNKNOWN_MESSAGE: ");
        assertThat(foreign.out()).isEmpty();
    }

    @Test
    void aSupplierOinInTheBodyOtherThanTheCertificatesIsRefusedByTheGateway() {
        CliRun r = as(ZENDER, "send", "--receiver", "01AB", "--supplier-oin", ONTVANGER, DEMO.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("fault SENDER_NOT_AUTHORIZED: ").contains(ONTVANGER, ZENDER);
    }

    @Test
    void withoutACertificateTheGatewayDemandsOne() {
        CliRun r = withTls(null, pki.trustStore(), gateway.soapUrl(), "check", "01AB");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: the gateway refused the TLS handshake: it demands a client certificate;"
                + " give one with --cert FILE.p12 (e.g. dev-pki/supplier.p12)\n");
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedNamingTheFile() {
        Path cert = pki.untrustedClientKeyStore(ZENDER);

        CliRun r = withTls(cert, pki.trustStore(), gateway.soapUrl(), "check", "01AB");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: the gateway refused the TLS handshake: it did not accept the client"
                + " certificate from --cert " + cert + " (not issued by a CA it trusts, expired or revoked)\n");
    }

    @Test
    void aGatewayCertificateOutsideTheTrustIsNamedWithTheTruststore() throws Exception {
        Path cert = pki.clientKeyStore(ZENDER);
        Path otherTrust = dir.resolve("other-trust.p12");
        DevPki.writeTrustStore(otherTrust, TestPki.PASSWORD.toCharArray(), List.of(pki.untrustedCa().certificate()));

        CliRun withOther = withTls(cert, otherTrust, gateway.soapUrl(), "check", "01AB");
        CliRun withJvm = withTls(cert, null, gateway.soapUrl(), "check", "01AB");

        assertThat(withOther.exit()).isEqualTo(1);
        assertThat(withOther.err()).isEqualTo("error: the gateway's certificate is not trusted by --truststore "
                + otherTrust + "\n");
        assertThat(withJvm.exit()).isEqualTo(1);
        assertThat(withJvm.err()).isEqualTo("error: the gateway's certificate is not trusted by the JVM's trust store;"
                + " give its CA with --truststore FILE.p12 (e.g. dev-pki/truststore.p12)\n");
    }

    @Test
    void aServerCertificateForAnotherHostIsRefused() throws Exception {
        Path otherHost = dir.resolve("other-host.p12");
        DevPki.writeKeyStore(otherHost, TestPki.PASSWORD.toCharArray(), "server", DevPki.issueServer(pki.ca(),
                "other.example", List.of("other.example"), List.of(), pki.validFrom(), pki.validUntil()));
        try (SSLServerSocket listener = (SSLServerSocket) TestPki.context(otherHost, pki.trustStore())
                .getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                } catch (IOException expected) {
                    // the client gives up on the host name
                }
            });
            String url = "https://127.0.0.1:" + listener.getLocalPort() + "/ws/oso/v1";

            CliRun r = withTls(pki.clientKeyStore(ZENDER), pki.trustStore(), url, "check", "01AB");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("error: the gateway's certificate is not issued for the host name in --url "
                    + url + "\n");
            served.join();
        }
    }

    @Test
    void aWrongPasswordNamesTheOptionAndTheFile() {
        Path cert = pki.clientKeyStore(ZENDER);

        CliRun r = run("check", "01AB", "--url", gateway.soapUrl(), "--cert", cert.toString(), "--password", "wrong-pw");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("--cert: cannot read " + cert + " as PKCS12 (wrong --password?): ")
                .doesNotContain("wrong-pw");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.p12");

        CliRun r = withTls(pki.clientKeyStore(ZENDER), missing, gateway.soapUrl(), "status", "some-id");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("--truststore: file not found: " + missing + "\n");
    }

    @Test
    void certificatesNeedAnHttpsUrl() {
        String url = gateway.soapUrl().replace("https://", "http://");

        CliRun r = withTls(pki.clientKeyStore(ZENDER), pki.trustStore(), url, "check", "01AB");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("--cert needs an https:// --url; got " + url + "\n");
    }

    @Test
    void aSchemeThatDoesNotMatchThePortIsNamed() {
        String plainPort = "https://127.0.0.1:" + las.endpoint().getPort() + "/ws/oso/v1";
        String tlsPort = gateway.soapUrl().replace("https://", "http://");

        CliRun https = withTls(null, pki.trustStore(), plainPort, "check", "01AB");
        CliRun http = run("check", "01AB", "--url", tlsPort);

        assertThat(https.exit()).isEqualTo(1);
        assertThat(https.err()).isEqualTo("error: the gateway at " + plainPort + " does not speak TLS; if it runs"
                + " without TLS, use http:// in --url\n");
        assertThat(http.exit()).isEqualTo(1);
        assertThat(http.err()).isEqualTo("error: the gateway at " + tlsPort + " closed the connection without an HTTP"
                + " answer; if it runs with TLS, use https:// in --url\n");
    }

    @Test
    void withoutAPasswordTheDevelopmentPasswordIsUsedWithAWarning() {
        GatewayConnection.PASSWORD_ENV.forEach(env -> assumeTrue(System.getenv(env) == null, env + " is set"));
        // TestPki's stores use 'changeit', the development password
        CliRun r = run("check", "01AB", "--url", gateway.soapUrl(), "--cert", pki.clientKeyStore(ZENDER).toString(),
                "--truststore", pki.trustStore().toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("warning: no --password and no OSO_TLS_PASSWORD or OSO_CERTS_PASSWORD set: using"
                + " the development password; fine for local testing only\n");
    }
}
