package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchConfigTest {
    @TempDir
    Path home;

    private FetchConfig load(String toml, Map<String, String> env) throws Exception {
        Path file = home.resolve("config.toml");
        java.nio.file.Files.writeString(file, toml);
        return ConfigLoader.load(home, file, env, Map.of()).fetch();
    }

    @Test
    void defaultsFailAStalledFetchWithinAMinuteAndAskNoGatewayOrRouter() {
        FetchConfig defaults = CairnConfig.defaults(home).fetch();

        assertThat(defaults.inactivityTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.sourceIdleTimeout()).isLessThan(defaults.inactivityTimeout());
        assertThat(defaults.upstreamGateways()).isEmpty();
        assertThat(defaults.routingEndpoints()).isEmpty();
        assertThat(defaults.maxBlockSize()).isEqualTo(2 * 1024 * 1024);
        assertThat(defaults).isEqualTo(new FetchConfig(false));
    }

    @Test
    void gatewaysAndRoutingEndpointsAreCommaSeparatedBaseUrls() throws Exception {
        FetchConfig config = load("""
                [fetch]
                upstream-gateways = "https://trustless-gateway.link/, http://10.0.0.5:8080"
                inactivity-timeout = "2m"
                connect-timeout = "500ms"
                """, Map.of("CAIRN_FETCH_ROUTING_ENDPOINTS", "https://delegated-ipfs.dev"));

        assertThat(config.upstreamGateways()).containsExactly(
                URI.create("https://trustless-gateway.link"), URI.create("http://10.0.0.5:8080"));
        assertThat(config.routingEndpoints()).containsExactly(URI.create("https://delegated-ipfs.dev"));
        assertThat(config.inactivityTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndWhereTheValueCameFrom() {
        assertThatThrownBy(() -> load("[fetch]\ninactivity-timeout = \"60\"\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fetch.inactivity-timeout must be a duration")
                .hasMessageContaining("config.toml");
        assertThatThrownBy(() -> load("", Map.of("CAIRN_FETCH_UPSTREAM_GATEWAYS", "ftp://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fetch.upstream-gateways must list http(s) base URLs")
                .hasMessageContaining("CAIRN_FETCH_UPSTREAM_GATEWAYS");
        assertThatThrownBy(() -> load("[fetch]\nmax-block-size = 4194304\n", Map.of()))
                .hasMessageContaining("fetch.max-block-size must be between 1 and 2097152");
        assertThatThrownBy(() -> load("[fetch]\nsource-idle-timeout = \"0s\"\n", Map.of()))
                .hasMessageContaining("fetch.source-idle-timeout must be > 0");
    }

    @Test
    void durationsReadBackWhatTheyFormat() {
        for (Duration d : List.of(Duration.ofMillis(1), Duration.ofMillis(1500), Duration.ofSeconds(59),
                Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofSeconds(3600 + 1))) {
            assertThat(Durations.parse("k", Durations.format(d))).isEqualTo(d);
        }
        assertThat(Durations.parse("k", " 20 S ")).isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> Durations.parse("fetch.x", "-5s")).hasMessageStartingWith("fetch.x must be a duration");
        assertThatThrownBy(() -> Durations.parse("fetch.x", "5 days")).isInstanceOf(ConfigException.class);
    }
}
