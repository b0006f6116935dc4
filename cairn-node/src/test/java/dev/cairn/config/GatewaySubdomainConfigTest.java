package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway.subdomain-hosts}: localhost by default as in Kubo, a list of bare host names, empty for none. */
class GatewaySubdomainConfigTest {
    @TempDir
    Path home;

    private GatewayConfig load(String toml, Map<String, String> env) throws Exception {
        Path file = home.resolve("config.toml");
        java.nio.file.Files.writeString(file, toml);
        return ConfigLoader.load(home, file, env, Map.of()).gateway();
    }

    @Test
    void localhostIsASubdomainGatewayByDefaultAsInKubo() {
        assertThat(CairnConfig.defaults(home).gateway().subdomainHosts()).containsExactly("localhost");
    }

    @Test
    void hostsAreACommaSeparatedListOfBareNamesCaseFolded() throws Exception {
        assertThat(load("[gateway]\nsubdomain-hosts = \"localhost, Dweb.Example.NET  gw.example.org\"\n", Map.of())
                .subdomainHosts()).containsExactly("localhost", "dweb.example.net", "gw.example.org");
        assertThat(load("", Map.of("CAIRN_GATEWAY_SUBDOMAIN_HOSTS", "")).subdomainHosts()).isEmpty();
    }

    @Test
    void aValueThatIsNotAHostNameIsRefusedNamingTheKey() {
        for (String bad : new String[] {"http://localhost", "localhost:8080", "*.example.com", "a_b.com"}) {
            assertThatThrownBy(() -> load("", Map.of("CAIRN_GATEWAY_SUBDOMAIN_HOSTS", bad))).as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("gateway.subdomain-hosts must list bare host names")
                    .hasMessageContaining(bad);
        }
    }
}
