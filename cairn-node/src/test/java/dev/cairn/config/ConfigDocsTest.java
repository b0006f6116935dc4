package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/config.md documents exactly the settings the code knows, with the code's defaults. */
class ConfigDocsTest {
    @Test
    void everySettingHasARowWithItsDefaultAndEnvironmentVariable() throws Exception {
        String docs = Files.readString(docs());

        for (Setting s : ConfigSchema.SETTINGS) {
            assertThat(docs).as(s.name()).contains("### `[" + s.section() + "]`");
            String row = docs.lines()
                    .filter(l -> l.startsWith("| `" + s.key() + "` |") && l.contains("`" + s.envVar() + "`"))
                    .findFirst().orElse("");
            assertThat(row).as("row for " + s.name()).isNotEmpty();
            assertThat(row).as(s.name()).contains("`" + s.defaultToml() + "`");
        }
    }

    @Test
    void theDocsNameNoSettingTheCodeDoesNotHave() throws Exception {
        List<String> documented = Files.readString(docs()).lines()
                .filter(l -> l.matches("\\| `[a-z-]+` \\| (string|integer|boolean) \\|.*"))
                .map(l -> l.substring(3, l.indexOf('`', 3)))
                .toList();

        assertThat(documented).hasSize(ConfigSchema.SETTINGS.size());
    }

    private static Path docs() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/config.md"))) {
                return p.resolve("docs/config.md");
            }
        }
        throw new IllegalStateException("docs/config.md not found");
    }
}
