package dev.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.interop.UnixfsReference.Case;
import dev.cairn.interop.UnixfsReference.Result;
import dev.cairn.testing.FixtureCars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle's options really reproduce Kubo: the content of Kubo-made fixture DAGs, written back to
 * disk and imported with the reference, gives Kubo's root CIDs again. This covers what the starter
 * vectors do not: non-default chunk sizes, multi-block files, nested directories, a symlink and a
 * HAMT-sharded directory of 1000 entries.
 */
class KuboFixturesReproducedTest {
    private static final Path DIR_WITH_FILES = FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car");
    private static final String DIR_WITH_FILES_ROOT = "bafybeihchr7vmgjaasntayyatmp5sv6xza57iy2h4xj7g46bpjij6yhrmy";
    /** How these fixtures were added: `ipfs add --cid-version=1 --raw-leaves --chunker=size-256`. */
    private static final Map<String, Object> V1_RAW_256 = Map.of("cidVersion", 1, "rawLeaves", true, "chunkSize", 256);

    @TempDir
    static Path dir;

    private static Map<String, Result> results;

    @BeforeAll
    static void rebuildTheFixtureContentOnDiskAndImportIt() throws IOException {
        byte[] hello = UnixfsCat.cat(DIR_WITH_FILES, DIR_WITH_FILES_ROOT + "/hello.txt");
        byte[] ascii = UnixfsCat.cat(DIR_WITH_FILES, DIR_WITH_FILES_ROOT + "/ascii.txt");
        byte[] multiblock = UnixfsCat.cat(DIR_WITH_FILES, DIR_WITH_FILES_ROOT + "/multiblock.txt");

        Path files = Files.createDirectories(dir.resolve("dir-with-files"));
        Files.write(files.resolve("ascii-copy.txt"), ascii);
        Files.write(files.resolve("ascii.txt"), ascii);
        Files.write(files.resolve("hello.txt"), hello);
        Files.write(files.resolve("multiblock.txt"), multiblock);

        Path mixed = Files.createDirectories(dir.resolve("mixed/subdir"));
        Files.write(mixed.resolve("ascii.txt"), ascii);
        Files.write(mixed.resolve("hello.txt"), hello);
        Files.write(mixed.resolve("multiblock.txt"), multiblock);

        // 1000 copies of multiblock.txt named 1.txt .. 1000.txt, sharded by Kubo into one HAMT layer.
        Path hamt = Files.createDirectories(dir.resolve("hamt"));
        for (int i = 1; i <= 1000; i++) {
            Files.write(hamt.resolve(i + ".txt"), multiblock);
        }

        Path symlink = Files.createDirectories(dir.resolve("symlink"));
        Files.writeString(symlink.resolve("foo"), "content\n");
        Files.createSymbolicLink(symlink.resolve("bar"), Path.of("foo"));

        // Any threshold below the directory's ~43 kB link estimate shards it; the HAMT itself does not
        // depend on when the switch happened.
        Map<String, Object> hamtOptions = new java.util.HashMap<>(V1_RAW_256);
        hamtOptions.put("shardSplitThresholdBytes", 1000);

        results = UnixfsReference.compute(List.of(
                new Case("dir-with-files", files, V1_RAW_256),
                new Case("mixed", dir.resolve("mixed"), V1_RAW_256),
                new Case("hamt", hamt, hamtOptions),
                Case.kubo("symlink", symlink)));
    }

    @Test
    void directoryOfSingleAndMultiBlockFilesGivesKubosRoot() {
        assertThat(results.get("dir-with-files").root()).isEqualTo(DIR_WITH_FILES_ROOT);
        assertThat(results.get("dir-with-files").cidOf("dir-with-files/multiblock.txt"))
                .isEqualTo("bafybeigcisqd7m5nf3qmuvjdbakl5bdnh4ocrmacaqkpuh77qjvggmt2sa");
    }

    @Test
    void nestedDirectoryGivesKubosRoot() {
        assertThat(results.get("mixed").root())
                .isEqualTo(root("trustless_gateway_car/subdir-with-mixed-block-files.car"))
                .isEqualTo("bafybeidh6k2vzukelqtrjsmd4p52cpmltd2ufqrdtdg6yigi73in672fwu");
    }

    @Test
    void shardedDirectoryOfAThousandFilesGivesKubosHamtRoot() {
        assertThat(results.get("hamt").root())
                .isEqualTo(root("trustless_gateway_car/single-layer-hamt-with-multi-block-files.car"))
                .isEqualTo("bafybeidbclfqleg2uojchspzd4bob56dqetqjsj27gy2cq3klkkgxtpn4i");
    }

    @Test
    void symlinkIsAddedAsAUnixfsSymlinkLikeKuboDoes() {
        assertThat(results.get("symlink").root())
                .isEqualTo(root("path_gateway_unixfs/symlink.car"))
                .isEqualTo("QmWvY6FaqFMS89YAQ9NAPjVP4WZKA1qbHbicc9HeSKQTgt");
    }

    private static String root(String car) {
        return CarInspect.inspect(FixtureCars.fixture(car)).roots().getFirst();
    }
}
