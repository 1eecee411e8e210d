package org.osogateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadModelTest {

    @Test
    void defaultsFollowTheCores() {
        assertThat(ThreadModel.from(2, k -> null)).isEqualTo(new ThreadModel(2, 4, 8));
        assertThat(ThreadModel.from(8, k -> "")).isEqualTo(new ThreadModel(8, 16, 32));
        // one core still gets room for a request that waits on its commit and a delivery that waits on its receiver
        assertThat(ThreadModel.from(1, k -> null)).isEqualTo(new ThreadModel(1, 2, 4));
    }

    @Test
    void configuredCountsWin() {
        Map<String, String> set = Map.of("gateway.soap.worker-threads", " 16 ", "gateway.delivery.workers", "3");
        assertThat(ThreadModel.from(2, set::get)).isEqualTo(new ThreadModel(2, 16, 3));
    }

    @Test
    void wrongCountsNameTheirSetting() {
        assertThatThrownBy(() -> ThreadModel.from(2, Map.of("gateway.delivery.workers", "many")::get))
                .hasMessage("gateway.delivery.workers must be a whole number, not 'many'");
        assertThatThrownBy(() -> ThreadModel.from(2, Map.of("gateway.soap.worker-threads", "0")::get))
                .hasMessage("gateway.soap.worker-threads must be at least 1, not 0");
    }
}
