package dev.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.interop.CarInspect.BlockEntry;
import dev.cairn.interop.CarInspect.Report;
import dev.cairn.testing.FixtureCars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference CAR reader agrees with the Kubo-made fixtures and refuses a corrupted block. */
class CarInspectTest {
    private static final String DIR_WITH_FILES = "bafybeihchr7vmgjaasntayyatmp5sv6xza57iy2h4xj7g46bpjij6yhrmy";

    @Test
    void readsTheRootAndEveryBlockOfAKuboMadeCar() {
        Report report = CarInspect.inspect(FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car"));

        assertThat(report.version()).isEqualTo(1);
        assertThat(report.roots()).containsExactly(DIR_WITH_FILES);
        assertThat(report.blocks()).hasSize(9).first().isEqualTo(new BlockEntry(DIR_WITH_FILES, 227));
        // hello.txt is the `hello world\n` vector of shared/vectors/cids.md, as a 12-byte raw block.
        assertThat(report.blocks()).contains(
                new BlockEntry("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", 12));
    }

    @Test
    void listsTheSameBlocksInTheSameOrderAsTheFixtureLoader() {
        for (String car : List.of("path_gateway_unixfs/dir-with-files.car",
                "trustless_gateway_car/single-layer-hamt-with-multi-block-files.car",
                "path_gateway_dag/dag-cbor-traversal.car",
                "path_gateway_unixfs/symlink.car")) {
            Path path = FixtureCars.fixture(car);
            List<BlockEntry> expected = FixtureCars.blocks(path).stream()
                    .map(b -> new BlockEntry(b.cid().toString(), b.size()))
                    .toList();
            assertThat(CarInspect.inspect(path).blocks()).as(car).isEqualTo(expected);
        }
    }

    @Test
    void refusesACarWhoseBlockDoesNotMatchItsHash(@TempDir Path dir) throws IOException {
        byte[] car = Files.readAllBytes(FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car"));
        car[car.length - 1] ^= 0x01; // the last byte belongs to the last block's data
        Path corrupt = Files.write(dir.resolve("corrupt.car"), car);

        assertThatThrownBy(() -> CarInspect.inspect(corrupt))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not match its hash");
    }

    @Test
    void refusesAFileThatIsNotACar(@TempDir Path dir) throws IOException {
        Path notACar = Files.writeString(dir.resolve("x.car"), "hello world\n");

        assertThatThrownBy(() -> CarInspect.inspect(notACar)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("car-inspect");
    }

}
