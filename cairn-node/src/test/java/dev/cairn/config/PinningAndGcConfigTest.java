package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinningAndGcConfigTest {
    @TempDir
    Path home;

    private CairnConfig load(Map<String, String> env) {
        return ConfigLoader.load(home, home.resolve("config.toml"), env, Map.of());
    }

    @Test
    void defaultsAreEightWorkersAOneMinuteLeaseThreeAttemptsAndNoAutomaticGc() {
        CairnConfig c = load(Map.of());

        assertThat(c.pinning()).isEqualTo(new PinningConfig(8, 60, 3, 5, 300));
        assertThat(c.pinning().lease()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.gc().enabled()).isFalse();
        assertThat(c.gc().interval()).isEqualTo(Duration.ofHours(1));
        assertThat(c.gc().compactBelow()).isEqualTo(0.5);
        assertThat(c.gc().keepDeletedPins()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void environmentOverridesApply() {
        CairnConfig c = load(Map.of("CAIRN_PINNING_WORKERS", "2", "CAIRN_GC_ENABLED", "true",
                "CAIRN_GC_INTERVAL_SECONDS", "60", "CAIRN_GC_COMPACT_BELOW_PERCENT", "20"));

        assertThat(c.pinning().workers()).isEqualTo(2);
        assertThat(c.gc()).isEqualTo(new GcConfig(true, 60, 20, 7));
    }

    @Test
    void invalidValuesAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> load(Map.of("CAIRN_PINNING_WORKERS", "0")))
                .isInstanceOf(ConfigException.class).hasMessage("pinning.workers must be between 1 and 10000, got 0");
        assertThatThrownBy(() -> load(Map.of("CAIRN_PINNING_LEASE_SECONDS", "1")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("pinning.lease-seconds must be between 5");
        assertThatThrownBy(() -> load(Map.of("CAIRN_PINNING_RETRY_BACKOFF_MAX_SECONDS", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pinning.retry-backoff-max-seconds must be >= pinning.retry-backoff-seconds (5), got 1");
        assertThatThrownBy(() -> load(Map.of("CAIRN_GC_INTERVAL_SECONDS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("gc.interval-seconds must be between 1");
        assertThatThrownBy(() -> load(Map.of("CAIRN_GC_COMPACT_BELOW_PERCENT", "101")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("gc.compact-below-percent must be between 0 and 100, got 101");
    }
}
