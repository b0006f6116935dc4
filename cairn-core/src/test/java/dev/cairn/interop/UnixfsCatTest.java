package dev.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.testing.FixtureCars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The reference UnixFS reader returns the files of the Kubo-made fixtures, whole or in ranges. */
class UnixfsCatTest {
    private static final Path DIR_WITH_FILES = FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car");
    private static final String ROOT = "bafybeihchr7vmgjaasntayyatmp5sv6xza57iy2h4xj7g46bpjij6yhrmy";

    @Test
    void readsASingleBlockFileByPath() {
        assertThat(new String(UnixfsCat.cat(DIR_WITH_FILES, ROOT + "/hello.txt"), StandardCharsets.UTF_8))
                .isEqualTo("hello world\n");
    }

    @Test
    void readsAMultiBlockFileWholeAndInRanges() {
        byte[] whole = UnixfsCat.cat(DIR_WITH_FILES, ROOT + "/multiblock.txt");
        // Four 256-byte raw leaves and a 2-byte one (see CarInspectTest), so 1026 bytes of lorem ipsum.
        assertThat(whole).hasSize(1026);
        assertThat(new String(whole, 0, 11, StandardCharsets.US_ASCII)).isEqualTo("Lorem ipsum");

        // A range that crosses the first leaf boundary.
        assertThat(UnixfsCat.cat(DIR_WITH_FILES, ROOT + "/multiblock.txt", 250, 20))
                .isEqualTo(Arrays.copyOfRange(whole, 250, 270));
    }

    @Test
    void failsWhenABlockOfTheFileIsMissing() {
        Path car = FixtureCars.fixture("trustless_gateway_car/file-3k-and-3-blocks-missing-block.car");

        assertThatThrownBy(() -> UnixfsCat.cat(car, "QmYhmPjhFjYFyaoiuNzYv8WGavpSRDwdHWe5B4M5du5Rtk"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("QmYhmPjhFjYFyaoiuNzYv8WGavpSRDwdHWe5B4M5du5Rtk");
    }

    @Test
    void refusesToCatADirectory() {
        assertThatThrownBy(() -> UnixfsCat.cat(DIR_WITH_FILES, ROOT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is a directory");
    }
}
