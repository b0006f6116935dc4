package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's limits and announced addresses as an operator writes them. */
class GatewayConfigTest {
    @TempDir
    Path home;

    private GatewayConfig load(String toml, Map<String, String> env) throws Exception {
        Path file = home.resolve("config.toml");
        Files.writeString(file, toml);
        return ConfigLoader.load(home, file, env, Map.of()).gateway();
    }

    @Test
    void defaultsAdvertiseTheBoundAddressAndLimitGenerously() {
        GatewayConfig defaults = CairnConfig.defaults(home).gateway();
        assertThat(defaults.announceAddrs()).isEmpty();
        assertThat(defaults.limits()).isEqualTo(GatewayLimitsConfig.defaults());
        assertThat(defaults.limits().maxConcurrentRequests()).isGreaterThanOrEqualTo(1000);
        assertThat(defaults.limits().maxRangeBytes()).as("no range size limit by default").isZero();
    }

    @Test
    void limitsAndAddressesAreReadFromTheFileAndTheEnvironment() throws Exception {
        GatewayConfig config = load("""
                [gateway]
                max-concurrent-requests = 64
                max-request-duration = "30m"
                max-ranges = 4
                announce-addrs = "/dns/gw.example.com/tcp/443/https, /ip4/203.0.113.7/tcp/8080/http"
                """, Map.of("CAIRN_GATEWAY_MAX_RANGE_BYTES", "1048576"));

        assertThat(config.limits()).isEqualTo(new GatewayLimitsConfig(64, Duration.ofMinutes(30), 4, 1_048_576));
        assertThat(config.announceAddrs()).isEqualTo(List.of("/dns/gw.example.com/tcp/443/https",
                "/ip4/203.0.113.7/tcp/8080/http"));
    }

    @Test
    void everyBadValueIsRefusedNamingItsKey() {
        Map<String, String> bad = Map.of(
                "CAIRN_GATEWAY_MAX_CONCURRENT_REQUESTS", "0",
                "CAIRN_GATEWAY_MAX_REQUEST_DURATION", "0s",
                "CAIRN_GATEWAY_MAX_RANGES", "-1",
                "CAIRN_GATEWAY_MAX_RANGE_BYTES", "-5",
                "CAIRN_GATEWAY_ANNOUNCE_ADDRS", "/ip4/1.2.3.4/tcp/4001");
        bad.forEach((env, value) -> {
            String key = "gateway." + env.substring("CAIRN_GATEWAY_".length()).toLowerCase().replace('_', '-');
            assertThatThrownBy(() -> load("", Map.of(env, value)))
                    .as(env + "=" + value).isInstanceOf(ConfigException.class).hasMessageContaining(key);
        });
    }
}
