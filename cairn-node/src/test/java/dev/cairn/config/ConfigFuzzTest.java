package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded random and mutated inputs: the only allowed failure is {@link ConfigException}. */
class ConfigFuzzTest {
    @TempDir
    Path home;

    @Test
    void mutatedConfigFilesLoadOrFailWithConfigException() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        byte[] valid = DefaultConfigFile.render().getBytes(StandardCharsets.UTF_8);
        Path file = home.resolve("config.toml");
        String alphabet = "[]=\"'#.\n -_0123456789abcdefghijklmnopqrstuvwxyz{},:\\tf";
        for (int i = 0; i < 1_000; i++) {
            byte[] input = valid.clone();
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                input[random.nextInt(input.length)] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
            if (random.nextInt(4) == 0) {
                input = java.util.Arrays.copyOf(input, random.nextInt(input.length));
            }
            Files.write(file, input);
            try {
                ConfigLoader.load(home, file, Map.of(), Map.of());
            } catch (ConfigException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ", iteration " + i + ", input:\n"
                        + new String(input, StandardCharsets.UTF_8), e);
            }
        }
    }

    @Test
    void randomTextValuesFromTheEnvironmentLoadOrFailWithConfigException() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            Setting s = ConfigSchema.SETTINGS.get(random.nextInt(ConfigSchema.SETTINGS.size()));
            String value = randomText(random);
            try {
                ConfigLoader.load(home, home.resolve("absent.toml"), Map.of(s.envVar(), value), Map.of());
            } catch (ConfigException expected) {
                assertThat(expected.getMessage()).as("seed %d", seed).startsWith(s.name());
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", " + s.envVar() + "=" + value, e);
            }
        }
    }

    @Test
    void anyStringSurvivesTheTomlWriterAndTheJacksonReader() throws Exception {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        TomlMapper toml = new TomlMapper();
        for (int i = 0; i < 2_000; i++) {
            String value = randomText(random);

            String parsed = toml.readTree("k = " + Setting.toToml(value) + "\n").get("k").textValue();

            assertThat(parsed).as("seed %d", seed).isEqualTo(value);
        }
    }

    private static final String SPECIALS = "\"\\:[]_-.='#\n";

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(20);
        for (int i = 0; i < length; i++) {
            sb.append(switch (random.nextInt(5)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> SPECIALS.charAt(random.nextInt(SPECIALS.length()));
                case 2 -> (char) (0xa0 + random.nextInt(0x2000));
                default -> (char) (0x20 + random.nextInt(0x5f));
            });
        }
        return sb.toString();
    }
}
