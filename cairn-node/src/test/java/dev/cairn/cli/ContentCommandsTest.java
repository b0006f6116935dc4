package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.Block;
import dev.cairn.car.CarWriter;
import dev.cairn.cid.Cid;
import dev.cairn.interop.CarInspect;
import dev.cairn.multiformats.Multibase;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.testing.FixtureCars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data commands end to end through the real CLI and a real pack store. Reference CIDs come
 * from shared/vectors/cids.md (ipfs-unixfs-importer and Kubo), never from Cairn.
 */
class ContentCommandsTest {
    static final String HELLO_V0 = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";
    static final String HELLO_V1_2025 = "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
    static final String DIR_KUBO = "QmZu3TJpKxTgBUNLZgFC5GuoBxGXHoNXKzxMCf92zZVWF7";
    static final String DIR_2025 = "bafybeif7waqirotxrdk3xf4lei2qzlsynejz6ruawii3ffv63vnkct75t4";
    static final String EMPTY_DIR = "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn";

    @TempDir
    Path tmp;
    CliRun cairn;
    Path hello;
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        cairn = new CliRun(tmp.resolve("home"));
        hello = Files.writeString(tmp.resolve("hello.txt"), "hello world\n");
        dir = Files.createDirectories(tmp.resolve("d"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/c.txt"), "c");
    }

    @Test
    void addPrintsKubosCidAndCatReturnsTheBytes() {
        var add = cairn.run("add", hello.toString());
        assertThat(add.exit()).as(add.stderr()).isZero();
        assertThat(add.lines()).containsExactly("added " + HELLO_V0 + " hello.txt");
        var cat = cairn.run("cat", HELLO_V0);
        assertThat(cat.out()).isEqualTo("hello world\n");
        assertThat(cairn.run("cat", "/ipfs/" + HELLO_V0).out()).isEqualTo("hello world\n");
    }

    @Test
    void theUnixfsV12025ProfileGivesIpip499Cids() {
        assertThat(cairn.run("add", "-q", "--profile", "unixfs-v1-2025", hello.toString()).lines())
                .containsExactly(HELLO_V1_2025);
        assertThat(cairn.run("add", "-q", "-r", "--profile", "unixfs-v1-2025", dir.toString()).lines())
                .containsExactly(DIR_2025);
    }

    @Test
    void recursiveAddPrintsEveryEntryRootLastAndMatchesTheReferenceCid() {
        var add = cairn.run("add", "-r", dir.toString());
        assertThat(add.exit()).as(add.stderr()).isZero();
        List<String> lines = add.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).isEqualTo("added " + DIR_KUBO + " d");
        assertThat(lines).anyMatch(l -> l.endsWith(" d/a.txt")).anyMatch(l -> l.endsWith(" d/b/c.txt"))
                .anyMatch(l -> l.endsWith(" d/b"));
        assertThat(cairn.run("cat", DIR_KUBO + "/b/c.txt").out()).isEqualTo("c");
    }

    @Test
    void addingADirectoryWithoutRecursiveIsAClearError() {
        var add = cairn.run("add", dir.toString());
        assertThat(add.exit()).isEqualTo(1);
        assertThat(add.stderr()).startsWith("Error: ").contains("is a directory, use -r");
    }

    @Test
    void emptyDirectoryHasKubosCid() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(cairn.run("add", "-r", "-q", empty.toString()).lines()).containsExactly(EMPTY_DIR);
    }

    @Test
    void addedContentIsPinnedSoGcKeepsItWhileUnpinnedContentIsReclaimed() throws IOException {
        var first = cairn.run("add", "-q", hello.toString());
        assertThat(first.stderr()).contains("Created account 'admin'"); // the first use prints the admin token once
        Path other = Files.writeString(tmp.resolve("other.txt"), "not pinned\n");
        String unpinned = cairn.run("add", "-q", "--pin", "false", other.toString()).out().strip();
        assertThat(cairn.run("add", "-q", hello.toString()).stderr()).doesNotContain("Created account");

        var gc = cairn.run("gc");
        assertThat(gc.exit()).as(gc.stderr()).isZero();

        assertThat(cairn.run("cat", HELLO_V0).out()).isEqualTo("hello world\n");
        assertThat(cairn.run("block", "stat", unpinned).exit()).isEqualTo(1);
    }

    @Test
    void carImportPinsCompleteRootsAndNotIncompleteOnes() {
        Path complete = FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car");
        var ok = cairn.run("car", "import", complete.toString());
        assertThat(ok.stderr()).contains("roots pinned");
        Path holes = FixtureCars.fixture("trustless_gateway_car/file-3k-and-3-blocks-missing-block.car");
        var partial = cairn.run("car", "import", holes.toString());
        assertThat(partial.exit()).isZero();
        assertThat(partial.stderr()).contains("roots NOT pinned").contains("incomplete");

        assertThat(cairn.run("gc").exit()).isZero();
        String root = ok.lines().get(0).split(" ")[1];
        assertThat(cairn.run("ls", root).exit()).isZero();
        String partialRoot = partial.lines().get(0).split(" ")[1];
        assertThat(cairn.run("block", "stat", partialRoot).exit()).as("unpinned, so collected").isEqualTo(1);
    }

    @Test
    void carImportWithPinRootsFalseStoresButDoesNotPin() {
        Path car = FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car");
        var imp = cairn.run("car", "import", "--pin-roots", "false", car.toString());
        assertThat(imp.exit()).as(imp.stderr()).isZero();
        assertThat(imp.stderr()).contains("roots not pinned (--pin-roots=false)").doesNotContain("Created account");
        String root = imp.lines().get(0).split(" ")[1];
        assertThat(cairn.run("ls", root).exit()).isZero();
        assertThat(cairn.run("gc").exit()).isZero();
        assertThat(cairn.run("block", "stat", root).exit()).as("nothing pins it, so GC takes it").isEqualTo(1);
    }

    @Test
    void lsPrintsFilesWithSizeAndDirectoriesWithATrailingSlash() {
        cairn.run("add", "-r", dir.toString());
        var ls = cairn.run("ls", DIR_KUBO);
        assertThat(ls.exit()).as(ls.stderr()).isZero();
        assertThat(ls.lines()).hasSize(2);
        assertThat(ls.lines().get(0)).matches("Qm\\S+ 1 a\\.txt");
        assertThat(ls.lines().get(1)).matches("Qm\\S+ - b/");
    }

    @Test
    void catHonoursOffsetAndLength() {
        cairn.run("add", hello.toString());
        assertThat(cairn.run("cat", "--offset", "6", "--length", "3", HELLO_V0).out()).isEqualTo("wor");
        assertThat(cairn.run("cat", "--offset", "100", HELLO_V0).out()).isEmpty();
    }

    @Test
    void catOfADirectoryIsAClearError() {
        cairn.run("add", "-r", dir.toString());
        var cat = cairn.run("cat", DIR_KUBO);
        assertThat(cat.exit()).isEqualTo(1);
        assertThat(cat.stderr().strip()).isEqualTo("Error: this dag node is a directory");
    }

    @Test
    void onlyHashPrintsTheCidButStoresNothing() {
        assertThat(cairn.run("add", "-q", "--only-hash", hello.toString()).lines()).containsExactly(HELLO_V0);
        var stat = cairn.run("block", "stat", HELLO_V0);
        assertThat(stat.exit()).isEqualTo(1);
        assertThat(stat.stderr()).contains("block not found");
    }

    @Test
    void standardInputIsAddedUnderItsCid() {
        var add = cairn.runWithInput("hello world\n".getBytes(StandardCharsets.UTF_8), "add");
        assertThat(add.lines()).containsExactly("added " + HELLO_V0 + " " + HELLO_V0);
    }

    @Test
    void blockStatAndGetShowTheRawBlock() {
        cairn.run("add", hello.toString());
        assertThat(cairn.run("block", "stat", HELLO_V0).lines()).containsExactly("Key: " + HELLO_V0, "Size: 20");
        byte[] raw = cairn.run("block", "get", HELLO_V0).stdout();
        assertThat(Multihash.sha256(raw)).isEqualTo(Cid.parse(HELLO_V0).multihash());
    }

    @Test
    void malformedCidsGiveOneClearLineAndExitOne() {
        for (String bad : List.of("notacid", "QmYyLxtz", "bafy!!!", "zzzz", "")) {
            var cat = cairn.run("cat", bad);
            assertThat(cat.exit()).as(bad).isEqualTo(1);
            assertThat(cat.stderr().lines().toList()).as(bad).hasSize(1);
            assertThat(cat.stderr()).startsWith("Error: ");
        }
    }

    @Test
    void anIdentityDigestOverTheLimitIsRefused() {
        // The spec's reject vector: a raw identity CID of 129 x 'A' (bafkqbaib...).
        byte[] digest = new byte[129];
        Arrays.fill(digest, (byte) 'A');
        byte[] cid = new byte[4 + 1 + 129];
        cid[0] = 0x01; cid[1] = 0x55; cid[2] = 0x00; cid[3] = (byte) 0x81; cid[4] = 0x01;
        System.arraycopy(digest, 0, cid, 5, 129);
        String text = Multibase.BASE32.encode(cid);
        assertThat(text).startsWith("bafkqbaib");
        var cat = cairn.run("cat", text);
        assertThat(cat.exit()).isEqualTo(1);
        assertThat(cat.stderr()).contains("exceeds the limit of 128");
    }

    @Test
    void everyFixtureCarImportsAndExportsToACarThatIpldCarReads() throws IOException {
        int exported = 0;
        for (Path car : FixtureCars.allCars()) {
            CliRun node = new CliRun(tmp.resolve("h-" + car.getFileName() + "-" + exported));
            var imp = node.run("car", "import", car.toString());
            assertThat(imp.exit()).as(car + ": " + imp.stderr()).isZero();
            Set<String> fixtureCids = new HashSet<>();
            FixtureCars.blocks(car).forEach(b -> fixtureCids.add(b.cid().toString()));
            for (String line : imp.lines()) {
                String root = line.split(" ")[1];
                Path out = tmp.resolve("export-" + exported + ".car");
                var exp = node.run("car", "export", root, "-o", out.toString());
                if (exp.exit() != 0) {
                    // Only two fixtures may not export: one lacks blocks on purpose, one links with dag-json.
                    assertThat(exp.stderr()).as(car.toString())
                            .containsAnyOf("block not found", "cannot read links of dag-json");
                    continue;
                }
                CarInspect.Report report = CarInspect.inspect(out); // @ipld/car reads and verifies every block
                assertThat(report.roots()).containsExactly(root);
                assertThat(new HashSet<>(report.cids())).as(car.toString()).isSubsetOf(fixtureCids)
                        .hasSameSizeAs(report.cids());
                exported++;
            }
        }
        assertThat(exported).isGreaterThanOrEqualTo(20);
    }

    @Test
    void exportOfAKuboDirectoryGivesExactlyItsBlocks() throws IOException {
        Path car = FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car");
        var imp = cairn.run("car", "import", car.toString());
        String root = imp.lines().get(0).split(" ")[1];
        Path out = tmp.resolve("out.car");
        assertThat(cairn.run("car", "export", root, "-o", out.toString()).exit()).isZero();
        Set<String> expected = new HashSet<>();
        FixtureCars.blocks(car).forEach(b -> expected.add(b.cid().toString()));
        assertThat(CarInspect.inspect(out).cids()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aTruncatedCarStoresNothing() throws IOException {
        Path car = FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car");
        byte[] bytes = Files.readAllBytes(car);
        Path cut = Files.write(tmp.resolve("cut.car"), Arrays.copyOf(bytes, bytes.length - 7));
        var imp = cairn.run("car", "import", cut.toString());
        assertThat(imp.exit()).isEqualTo(1);
        assertThat(imp.stderr()).startsWith("Error: ").containsIgnoringCase("truncated");
        assertNothingStoredOf(car);
    }

    @Test
    void aCarWithALyingBlockStoresNothing() throws IOException {
        Path car = FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car");
        List<Block> blocks = FixtureCars.blocks(car);
        List<Block> lying = new ArrayList<>(blocks);
        Block last = blocks.get(blocks.size() - 1);
        byte[] changed = last.data().clone();
        changed[changed.length / 2] ^= 1;
        lying.set(blocks.size() - 1, Block.trusted(last.cid(), changed));
        Path bad = writeCar(lying, List.of(blocks.get(0).cid()));
        var imp = cairn.run("car", "import", bad.toString());
        assertThat(imp.exit()).isEqualTo(1);
        assertThat(imp.stderr()).contains("do not match").contains(last.cid().toString());
        assertNothingStoredOf(car);
    }

    @Test
    void dagPbGarbageWithAMatchingHashIsRefused() throws IOException {
        byte[] garbage = {(byte) 0xff, 0x01, 0x02, 0x03};
        Block ok = Block.of(Multicodec.RAW, "fine".getBytes(StandardCharsets.UTF_8));
        Block pb = new Block(Cid.v1(Multicodec.DAG_PB, Multihash.sha256(garbage)), garbage);
        Path bad = writeCar(List.of(ok, pb), List.of(pb.cid()));
        var imp = cairn.run("car", "import", bad.toString());
        assertThat(imp.exit()).isEqualTo(1);
        assertThat(imp.stderr()).contains("is not valid dag-pb");
        assertThat(cairn.run("block", "stat", ok.cid().toString()).exit()).isEqualTo(1);
    }

    @Test
    void aCarFromStandardInputImports() throws IOException {
        Path car = FixtureCars.fixture("path_gateway_unixfs/dir-with-files.car");
        var imp = cairn.runWithInput(Files.readAllBytes(car), "car", "import", "-");
        assertThat(imp.exit()).as(imp.stderr()).isZero();
        assertThat(imp.lines()).hasSize(1);
    }

    @Test
    void exportOfAnIncompleteDagFailsClearly() {
        Path car = FixtureCars.fixture("trustless_gateway_car/file-3k-and-3-blocks-missing-block.car");
        String root = cairn.run("car", "import", car.toString()).lines().get(0).split(" ")[1];
        var exp = cairn.run("car", "export", root, "-o", tmp.resolve("x.car").toString());
        assertThat(exp.exit()).isEqualTo(1);
        assertThat(exp.stderr()).startsWith("Error: block not found");
        assertThat(tmp.resolve("x.car")).doesNotExist();
    }

    private void assertNothingStoredOf(Path car) {
        for (Block b : FixtureCars.blocks(car)) {
            assertThat(cairn.run("block", "stat", b.cid().toString()).exit()).as(b.cid().toString()).isEqualTo(1);
        }
    }

    private Path writeCar(List<Block> blocks, List<Cid> roots) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CarWriter w = CarWriter.open(bytes, roots)) {
            for (Block b : blocks) {
                w.write(b);
            }
        }
        return Files.write(Files.createTempFile(tmp, "bad", ".car"), bytes.toByteArray());
    }
}
