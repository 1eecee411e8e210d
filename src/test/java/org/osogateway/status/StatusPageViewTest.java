package org.osogateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osogateway.admin.AdminTokens;
import org.osogateway.store.DeliveryState;
import org.osogateway.store.Store;
import org.osogateway.store.StoreSettings;

/** Verifies escaping of rendered values, the chart scale, form parsing, reasons and the queries on an empty store. */
class StatusPageViewTest {
    static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");

    @TempDir
    Path dir;

    @Test
    void everyRenderedValueIsEscaped() {
        assertThat(Html.esc("<script>\"x\"&'y'</script>")).isEqualTo("&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;");
        DeadLetter dl = new DeadLetter(1, List.of(new DeadLetter.Entry(7, "<img src=x>", "00YY", "01AB", "\"rk", 3, NOW,
                "CODE<b>", true)));
        StatusSessions.Session s = new StatusSessions.Session("id", new AdminTokens.Principal("a<b",
                EnumSet.of(AdminTokens.Role.DELIVERIES)), "csrf", NOW, NOW);
        String page = StatusPageView.render(new StatusSnapshot(NOW, Map.of(DeliveryState.FAILED, 1L), List.of(),
                List.of(), dl), s, 10, null);
        assertThat(page).doesNotContain("<img src=x>", "CODE<b>", "a<b").contains("&lt;img src=x&gt;", "a&lt;b");
    }

    @Test
    void anOpenCircuitShowsItsNextProbeAndAFailingEndpointItsReSendAll() {
        StatusSessions.Session operator = new StatusSessions.Session("id", new AdminTokens.Principal("ops",
                EnumSet.of(AdminTokens.Role.DELIVERIES)), "csrf", NOW, NOW);
        StatusSessions.Session reader = new StatusSessions.Session("id", new AdminTokens.Principal("look",
                EnumSet.of(AdminTokens.Role.READ)), "csrf", NOW, NOW);
        List<FailingReceiver> receivers = List.of(new FailingReceiver("0000000700002CD00001", 4, 2, "RECEIVER_HTTP_503",
                "OPEN", Instant.parse("2026-12-02T10:17:00Z")));
        StatusSnapshot snapshot = new StatusSnapshot(NOW, Map.of(), List.of(), receivers, new DeadLetter(0, List.of()));
        String page = StatusPageView.render(snapshot, operator, 10, null);
        assertThat(page).contains("OPEN <span class=\"probe\">next probe 10:17:00 UTC</span>")
                .contains("name=\"endpoint\" value=\"0000000700002CD00001\"").contains("Re-send its dead letter");
        assertThat(StatusPageView.render(snapshot, reader, 10, null)).doesNotContain("Re-send its dead letter");
    }

    @Test
    void chartScaleAndFormsAndReasons() {
        assertThat(FlowChart.niceCeiling(1)).isEqualTo(1);
        assertThat(FlowChart.niceCeiling(3)).isEqualTo(5);
        assertThat(FlowChart.niceCeiling(101)).isEqualTo(200);
        assertThat(FormBody.parse("token=a%2Bb&token=c&x")).containsEntry("token", "a+b").containsEntry("x", "");
        assertThat(FormBody.parse("bad=%zz")).isEmpty();
        assertThat(FormBody.cookie("a=1; oso_status_session=abc", StatusSessions.COOKIE)).isEqualTo("abc");
        assertThat(ResendReason.check("  fixed  ")).isEqualTo("fixed");
        assertThat(ResendReason.check("   ")).isNull();
        assertThat(ResendReason.check("two\nlines")).isNull();
    }

    @Test
    void anEmptyStoreHasZeroTotalsAFlatChartAndAnEmptyDeadLetter() throws Exception {
        try (Store store = Store.open(new StoreSettings("jdbc:h2:file:" + dir.toAbsolutePath().resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2, false))) {
            FlowQueries q = new FlowQueries(store);
            assertThat(q.totals()).hasSize(DeliveryState.values().length).allSatisfy((k, v) -> assertThat(v).isZero());
            List<MinuteCount> minutes = q.perMinute(NOW, 180);
            assertThat(minutes).hasSize(180).allSatisfy(m -> assertThat(m.accepted() + m.delivered()).isZero());
            assertThat(minutes.get(179).minute()).isEqualTo(Instant.parse("2026-12-02T10:15:00Z"));
            assertThat(q.failingReceivers(NOW, 10)).isEmpty();
            assertThat(q.deadLetter(50).total()).isZero();
        }
    }
}
