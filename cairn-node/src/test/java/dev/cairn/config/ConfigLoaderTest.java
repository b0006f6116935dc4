package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path home;

    private CairnConfig load(String toml, Map<String, String> env, Map<String, String> overrides) throws Exception {
        Path file = home.resolve("config.toml");
        if (toml != null) {
            Files.writeString(file, toml);
        } else {
            Files.deleteIfExists(file);
        }
        return ConfigLoader.load(home, file, env, overrides);
    }

    @Test
    void aMissingFileMeansEveryDefault() throws Exception {
        CairnConfig config = load(null, Map.of(), Map.of());

        assertThat(config.store().dataDir()).isEqualTo(home.toAbsolutePath());
        assertThat(config.store().packSizeBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(config.store().fsync()).isTrue();
        assertThat(config.importer().profile()).isEqualTo("kubo");
        assertThat(config.api().listen()).isEqualTo(new ListenAddress("127.0.0.1", 5001));
        assertThat(config.gateway().listen()).isEqualTo(new ListenAddress("127.0.0.1", 8080));
        assertThat(config.gateway().mode()).isEqualTo(GatewayMode.PINNED);
        assertThat(config.fetch().allowPrivateOrigins()).isFalse();
    }

    @Test
    void theWrittenDefaultFileLoadsToExactlyTheDefaults() throws Exception {
        CairnConfig fromFile = load(DefaultConfigFile.render(), Map.of(), Map.of());
        CairnConfig builtIn = CairnConfig.defaults(home);

        assertThat(fromFile.store()).isEqualTo(builtIn.store());
        assertThat(fromFile.importer()).isEqualTo(builtIn.importer());
        assertThat(fromFile.api()).isEqualTo(builtIn.api());
        assertThat(fromFile.gateway()).isEqualTo(builtIn.gateway());
        assertThat(fromFile.fetch()).isEqualTo(builtIn.fetch());
    }

    @Test
    void theDefaultFileWritesOutAndExplainsEveryKey() {
        String text = DefaultConfigFile.render();

        for (Setting s : ConfigSchema.SETTINGS) {
            assertThat(text).contains("[" + s.section() + "]");
            assertThat(text).contains(s.key() + " = " + s.defaultToml());
            assertThat(text).contains("(env " + s.envVar() + ")");
        }
    }

    @Test
    void fileValuesOverrideDefaults() throws Exception {
        CairnConfig config = load("""
                [store]
                data-dir = "data"
                pack-size-bytes = 1_048_576
                fsync = false
                [gateway]
                listen = "[::1]:0"
                mode = "public"
                """, Map.of(), Map.of());

        assertThat(config.store().dataDir()).isEqualTo(home.resolve("data").toAbsolutePath());
        assertThat(config.store().packSizeBytes()).isEqualTo(1_048_576);
        assertThat(config.store().fsync()).isFalse();
        assertThat(config.gateway().listen()).isEqualTo(new ListenAddress("::1", 0));
        assertThat(config.gateway().mode()).isEqualTo(GatewayMode.PUBLIC);
        assertThat(config.values().origin(StoreConfig.FSYNC)).endsWith("config.toml");
    }

    @Test
    void environmentOverridesTheFileAndTheCommandLineOverridesBoth() throws Exception {
        String toml = "[gateway]\nmode = \"public\"\n[fetch]\nallow-private-origins = false\n";
        Map<String, String> env = Map.of(
                "CAIRN_GATEWAY_MODE", "private",
                "CAIRN_FETCH_ALLOW_PRIVATE_ORIGINS", "true",
                "CAIRN_STORE_PACK_SIZE_BYTES", "4096",
                "CAIRN_HOME", "/ignored/here",
                "CAIRN_DEBUG", "1");

        CairnConfig envOnly = load(toml, env, Map.of());
        CairnConfig withCli = load(toml, env, Map.of("gateway.mode", "pinned"));

        assertThat(envOnly.gateway().mode()).isEqualTo(GatewayMode.PRIVATE);
        assertThat(envOnly.fetch().allowPrivateOrigins()).isTrue();
        assertThat(envOnly.store().packSizeBytes()).isEqualTo(4096);
        assertThat(envOnly.values().origin(GatewayConfig.MODE)).isEqualTo("CAIRN_GATEWAY_MODE");
        assertThat(withCli.gateway().mode()).isEqualTo(GatewayMode.PINNED);
        assertThat(withCli.values().origin(GatewayConfig.MODE)).isEqualTo("--set");
    }

    @Test
    void environmentVariableNamesFollowSectionAndKey() {
        assertThat(GatewayConfig.MODE.envVar()).isEqualTo("CAIRN_GATEWAY_MODE");
        assertThat(FetchConfig.ALLOW_PRIVATE_ORIGINS.envVar()).isEqualTo("CAIRN_FETCH_ALLOW_PRIVATE_ORIGINS");
        assertThat(StoreConfig.PACK_SIZE_BYTES.envVar()).isEqualTo("CAIRN_STORE_PACK_SIZE_BYTES");
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt() {
        assertThatThrownBy(() -> load("[gateway]\nmood = \"public\"\n", Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key gateway.mood");
    }

    @Test
    void anUnknownSectionIsAnErrorNamingIt() {
        assertThatThrownBy(() -> load("[gatway]\nmode = \"public\"\n", Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown section [gatway]");
    }

    @Test
    void aTopLevelKeyIsAnError() {
        assertThatThrownBy(() -> load("mode = \"public\"\n", Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'mode'");
    }

    @Test
    void anUnknownCommandLineSettingIsAnError() {
        assertThatThrownBy(() -> load(null, Map.of(), Map.of("gateway.mood", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting 'gateway.mood'");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheKey() {
        assertThatThrownBy(() -> load("[store]\nfsync = \"yes\"\n", Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("store.fsync must be true or false");
        assertThatThrownBy(() -> load("[store]\npack-size-bytes = 1.5\n", Map.of(), Map.of()))
                .hasMessageStartingWith("store.pack-size-bytes must be an integer");
        assertThatThrownBy(() -> load(null, Map.of("CAIRN_FETCH_ALLOW_PRIVATE_ORIGINS", "yes"), Map.of()))
                .hasMessageStartingWith("fetch.allow-private-origins must be true or false")
                .hasMessageContaining("CAIRN_FETCH_ALLOW_PRIVATE_ORIGINS");
    }

    @Test
    void validationMessagesNameTheKey() {
        assertThatThrownBy(() -> load("[store]\npack-size-bytes = 0\n", Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("store.pack-size-bytes must be > 0, got 0");
        assertThatThrownBy(() -> load(null, Map.of("CAIRN_GATEWAY_MODE", "open"), Map.of()))
                .hasMessage("gateway.mode must be one of public, pinned, private, got 'open' (from CAIRN_GATEWAY_MODE)");
        assertThatThrownBy(() -> load("[api]\nlisten = \"5001\"\n", Map.of(), Map.of()))
                .hasMessageStartingWith("api.listen must be host:port");
        assertThatThrownBy(() -> load("[import]\nprofile = \"fast\"\n", Map.of(), Map.of()))
                .hasMessage("import.profile must be one of " + String.join(", ", ImportConfig.PROFILES) + ", got 'fast'");
    }

    @Test
    void malformedTomlIsAConfigErrorNamingTheFile() {
        assertThatThrownBy(() -> load("[store\nfsync = true\n", Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.toml is not valid TOML");
    }

    @Test
    void listenAddressesParseHostsPortsAndBracketedIpv6() {
        assertThat(ListenAddress.parse("k", "0.0.0.0:80")).isEqualTo(new ListenAddress("0.0.0.0", 80));
        assertThat(ListenAddress.parse("k", "localhost:0")).isEqualTo(new ListenAddress("localhost", 0));
        assertThat(ListenAddress.parse("k", "[::]:5001").toString()).isEqualTo("[::]:5001");
        for (String bad : new String[] {"", ":80", "host:", "host:65536", "::1:80", "host:-1", "host:x"}) {
            assertThatThrownBy(() -> ListenAddress.parse("api.listen", bad)).as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("api.listen must be host:port");
        }
    }
}
