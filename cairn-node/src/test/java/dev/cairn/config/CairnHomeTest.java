package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CairnHomeTest {
    @TempDir
    Path tmp;

    @Test
    void theHomeOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() {
        Path user = tmp.resolve("user");
        Map<String, String> env = Map.of("CAIRN_HOME", tmp.resolve("env").toString());

        assertThat(CairnHome.resolve(tmp.resolve("opt").toString(), env, user).dir()).isEqualTo(tmp.resolve("opt"));
        assertThat(CairnHome.resolve(null, env, user).dir()).isEqualTo(tmp.resolve("env"));
        assertThat(CairnHome.resolve(null, Map.of(), user).dir()).isEqualTo(user.resolve(".cairn"));
        assertThat(CairnHome.resolve("~/nodes/a", Map.of(), user).dir()).isEqualTo(user.resolve("nodes/a"));
    }

    @Test
    void firstUseCreatesAnOwnerOnlyDirectoryWithTheDefaultConfig() throws Exception {
        CairnHome home = new CairnHome(tmp.resolve("a/b/home"));

        assertThat(home.initialize()).isTrue();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.dir()))).isEqualTo("rwx------");
        assertThat(Files.readString(home.configFile())).isEqualTo(DefaultConfigFile.render());
        try (var files = Files.list(home.dir())) {
            assertThat(files).containsExactly(home.configFile());
        }
    }

    @Test
    void anExistingConfigIsNeverOverwritten() throws Exception {
        CairnHome home = new CairnHome(tmp.resolve("home"));
        home.initialize();
        Files.writeString(home.configFile(), "[gateway]\nmode = \"public\"\n");

        assertThat(home.initialize()).isFalse();

        assertThat(Files.readString(home.configFile())).isEqualTo("[gateway]\nmode = \"public\"\n");
    }

    @Test
    void aHomeThatIsAFileIsAConfigError() throws Exception {
        Path file = Files.writeString(tmp.resolve("home"), "not a directory");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CairnHome(file).initialize())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString());
    }
}
