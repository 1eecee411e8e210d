package org.osogateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.osogateway.admin.AdminTokens;
import org.osogateway.contract.v1.Overdrachtsoort;
import org.osogateway.mock.FailureMode;
import org.osogateway.mock.MockLas;
import org.osogateway.store.Store;
import org.osogateway.support.GatewayClient;
import org.osogateway.support.TestGateway;

/**
 * The status page end to end in headless Chromium: log in with a named token, check a school's connection, watch a
 * dossier fail into the dead letter, fix the receiver, re-send it from the page with a reason, and see it delivered
 * (and audited with the token's name). Skipped without /usr/bin/chromedriver unless -Doso.test.browser.required=true.
 */
class StatusPageBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path DEMO = Path.of("src/test/resources/samples/DeliverDossier/valid-demo-dossier.xml");

    @TempDir
    Path tmp;

    @Test
    void anOperatorLogsInChecksAConnectionAndResendsADeadLetter() throws Exception {
        requireBrowser();
        String secret = AdminTokens.newSecret();
        Properties p = operator("alice", secret);
        p.setProperty("gateway.retry.give-up-after", "PT1S"); // a 503 receiver puts the dossier in the dead letter at once
        p.setProperty("gateway.delivery.endpoint.circuit.failure-threshold", "100");
        try (MockLas las = new MockLas(0).start();
             TestGateway gw = TestGateway.start(tmp, las.endpoint().toString(), p)) {
            WebDriver browser = browser();
            try {
                String status = gw.opsUrl() + "/status";
                browser.get(status);
                assertThat(browser.getCurrentUrl()).endsWith("/status/login");
                browser.findElement(By.id("token")).sendKeys("wrong-" + secret);
                browser.findElement(By.id("login")).click();
                assertThat(browser.findElement(By.id("error")).getText()).isEqualTo(StatusPageHandler.UNKNOWN_TOKEN);
                browser.findElement(By.id("token")).sendKeys(secret);
                browser.findElement(By.id("login")).click();
                assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("alice");
                assertThat(browser.findElement(By.id("dead-letter-empty")).isDisplayed()).isTrue();

                // "Is mijn school aangesloten op OSO?"
                browser.findElement(By.id("brin")).sendKeys("01AB");
                browser.findElement(By.id("check")).click();
                assertThat(browser.findElement(By.id("connected")).getText()).isEqualTo("connected");
                assertThat(browser.findElement(By.id("endpoints")).getText()).contains("0000000700001AB00001");

                GatewayClient client = new GatewayClient(gw.soapUrl());
                String delivered = "ok-" + UUID.randomUUID();
                client.deliver(GatewayClient.request(delivered, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
                await().atMost(Duration.ofSeconds(30)).until(() -> las.countFor(delivered) == 1);
                las.always(FailureMode.httpStatus(503));
                String failing = "dl-" + UUID.randomUUID();
                client.deliver(GatewayClient.request(failing, "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    browser.get(status);
                    return browser.findElement(By.id("dead-letter-total")).getText().equals("1")
                            && browser.findElement(By.id("total-DELIVERED")).getText().equals("1");
                });
                assertThat(browser.findElement(By.id("dead-letter")).getText()).contains(failing, "RECEIVER_HTTP_503");
                assertThat(browser.findElement(By.id("receivers")).getText()).contains("0000000700001AB00001");
                assertThat(browser.findElement(By.id("chart-accepted")).getText()).isEqualTo("2");
                screenshot(browser);

                // the receiver is fixed; re-send from the page, with a reason
                las.succeed();
                browser.findElement(By.cssSelector("#dead-letter button.resend")).click();
                assertThat(browser.findElement(By.id("resend-message-id")).getText()).isEqualTo(failing);
                browser.findElement(By.id("reason")).sendKeys("   "); // a blank reason: refused, nothing re-sent
                browser.findElement(By.id("resend-confirm")).click();
                assertThat(browser.findElement(By.id("error")).getText()).isEqualTo(ResendReason.RULE);
                browser.findElement(By.id("reason")).clear();
                browser.findElement(By.id("reason")).sendKeys("receiver fixed after the outage");
                browser.findElement(By.id("resend-confirm")).click();
                assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo(StatusPageHandler.RESENT);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    browser.get(status);
                    return browser.findElement(By.id("total-DELIVERED")).getText().equals("2");
                });
                assertThat(browser.findElement(By.id("dead-letter-total")).getText()).isEqualTo("0");
                assertThat(browser.findElement(By.id("dead-letter-empty")).isDisplayed()).isTrue();
                assertThat(browser.findElement(By.id("chart-delivered")).getText()).isEqualTo("2");
                assertThat(resentActorAndReason(gw, failing)).isEqualTo("alice|receiver fixed after the outage");
                assertThat(las.countFor(failing)).isGreaterThanOrEqualTo(1);

                browser.findElement(By.id("logout")).click();
                browser.get(status);
                assertThat(browser.getCurrentUrl()).endsWith("/status/login");
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void aFixedReceiversWholeDeadLetterIsReSentWithOneReason() throws Exception {
        requireBrowser();
        String secret = AdminTokens.newSecret();
        Properties p = operator("bob", secret);
        try (MockLas las = new MockLas(0).start();
             TestGateway gw = TestGateway.start(tmp, las.endpoint().toString(), p)) {
            las.always(FailureMode.httpStatus(400)); // a refusal: the dead letter at once
            GatewayClient client = new GatewayClient(gw.soapUrl());
            java.util.List<String> failing = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                failing.add("dl-" + UUID.randomUUID());
                client.deliver(GatewayClient.request(failing.get(i), "01AB", Overdrachtsoort.OVERSTAPDOSSIER, DEMO));
            }
            WebDriver browser = browser();
            try {
                String status = gw.opsUrl() + "/status";
                browser.get(status);
                browser.findElement(By.id("token")).sendKeys(secret);
                browser.findElement(By.id("login")).click();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    browser.get(status);
                    return browser.findElement(By.id("dead-letter-total")).getText().equals("3");
                });
                assertThat(browser.findElement(By.id("receivers")).getText()).contains("0000000700001AB00001")
                        .contains("RECEIVER_HTTP_400");

                las.succeed();
                browser.findElement(By.cssSelector("#receivers button.resend-all")).click();
                assertThat(browser.findElement(By.id("resend-endpoint")).getText()).isEqualTo("0000000700001AB00001");
                assertThat(browser.findElement(By.id("resend-count")).getText()).isEqualTo("3");
                browser.findElement(By.id("reason")).sendKeys("LAS of 01AB repaired");
                browser.findElement(By.id("resend-confirm")).click();
                assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo(StatusPageHandler.RESENT_ENDPOINT);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    browser.get(status);
                    return browser.findElement(By.id("total-DELIVERED")).getText().equals("3");
                });
                assertThat(browser.findElement(By.id("dead-letter-empty")).isDisplayed()).isTrue();
                for (String id : failing) {
                    assertThat(resentActorAndReason(gw, id)).isEqualTo("bob|LAS of 01AB repaired");
                }
                // nothing left: the page says so instead of re-sending again
                browser.get(gw.opsUrl() + "/status/resend-endpoint?endpoint=0000000700001AB00001");
                assertThat(browser.findElement(By.id("error")).getText()).isEqualTo(StatusPageHandler.NOTHING_TO_RESEND);
            } finally {
                browser.quit();
            }
        }
    }

    /** A gateway with one token of the deliveries role; the page is not reloaded under the test's clicks. */
    private static Properties operator(String name, String secret) {
        Properties p = new Properties();
        p.setProperty(AdminTokens.SETTING, AdminTokens.entry(name, EnumSet.of(AdminTokens.Role.DELIVERIES), secret));
        p.setProperty("gateway.status.refresh-seconds", "60");
        return p;
    }

    private static void requireBrowser() {
        boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (!present && Boolean.getBoolean("oso.test.browser.required")) {
            throw new AssertionError("oso.test.browser.required=true but " + CHROMEDRIVER + " or " + CHROMIUM
                    + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "status page browser test skipped: " + CHROMEDRIVER + " or " + CHROMIUM
                + " is missing (apt-get install chromium chromium-driver; -Doso.test.browser.required=true fails instead)");
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1500");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // a click that submits a form returns before the next page is there on a loaded machine: wait for elements
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        return driver;
    }

    // in target/, copied to docs/images/status-page.png by hand when the page changes
    private static void screenshot(WebDriver browser) throws Exception {
        Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target/status-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String resentActorAndReason(TestGateway gw, String messageId) throws Exception {
        try (Connection c = gw.bean("store", Store.class).dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT actor, detail FROM audit_event WHERE message_id = ? AND event_type = 'RESENT'")) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) + "|" + rs.getString(2) : null;
            }
        }
    }
}
