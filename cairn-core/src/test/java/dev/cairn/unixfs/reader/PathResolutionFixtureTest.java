package dev.cairn.unixfs.reader;

import static dev.cairn.unixfs.reader.CountingBlockSource.readAll;
import static dev.cairn.unixfs.reader.CountingBlockSource.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import org.junit.jupiter.api.Test;

/**
 * Path resolution over Kubo-made fixtures. Expected CIDs, sizes and sha256 come from the reference
 * JS exporter (see {@link FileReadFixtureTest} for the setup): {@code node dump.mjs <car>} lists
 * every path with its CID, type, length and sha256; {@code node trace.mjs <car> <path>} logs the
 * blocks {@code exporter(path)} fetches (for HAMTs: root shard, inner shard, entry).
 */
class PathResolutionFixtureTest {
    static final Cid DIR_WITH_FILES = Cid.parse("bafybeihchr7vmgjaasntayyatmp5sv6xza57iy2h4xj7g46bpjij6yhrmy");
    static final Cid ASCII = Cid.parse("bafkreifkam6ns4aoolg3wedr4uzrs3kvq66p4pecirz6y2vlrngla62mxm");
    static final Cid HELLO = Cid.parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    static final Cid MULTIBLOCK = FileReadFixtureTest.MULTIBLOCK;
    static final Cid MIXED = Cid.parse("bafybeidh6k2vzukelqtrjsmd4p52cpmltd2ufqrdtdg6yigi73in672fwu");
    static final Cid MIXED_SUBDIR = Cid.parse("bafybeicnmple4ehlz3ostv2sbojz3zhh5q7tz5r2qkfdpqfilgggeen7xm");
    static final Cid HAMT = Cid.parse("bafybeidbclfqleg2uojchspzd4bob56dqetqjsj27gy2cq3klkkgxtpn4i");

    @Test
    void fileInABasicDirectoryResolvesWithRootAndFileOnThePath() {
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("path_gateway_unixfs/dir-with-files.car"));
        Resolution res = r.resolve(DIR_WITH_FILES, "ascii.txt");
        assertThat(res.cid()).isEqualTo(ASCII);
        assertThat(res.path()).containsExactly(DIR_WITH_FILES, ASCII);
        assertThat(res.blocks()).containsExactly(DIR_WITH_FILES, ASCII);
        assertThat(res.node().kind()).isEqualTo(UnixfsNode.Kind.RAW_FILE);
        // dump.mjs: ascii.txt raw 31 aa033cd9...
        byte[] bytes = readAll(r.open(res.node(), 0, Long.MAX_VALUE));
        assertThat(bytes).hasSize(31);
        assertThat(sha256(bytes)).isEqualTo("aa033cd9700e72cdbb1071e533196d5587bcfe3c824473ec6aab8b4cb07b4cbb");
        assertThat(r.resolve(DIR_WITH_FILES, "hello.txt").cid()).isEqualTo(HELLO);
        assertThat(r.resolve(DIR_WITH_FILES, "multiblock.txt").cid()).isEqualTo(MULTIBLOCK);
    }

    @Test
    void emptyPathResolvesToTheRoot() {
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("path_gateway_unixfs/dir-with-files.car"));
        for (String p : new String[] {"", "/", ".", "./", "//"}) {
            Resolution res = r.resolve(DIR_WITH_FILES, p);
            assertThat(res.path()).as(p).containsExactly(DIR_WITH_FILES);
            assertThat(res.node().kind()).isEqualTo(UnixfsNode.Kind.DIRECTORY);
        }
    }

    @Test
    void nestedPathListsEveryDirectoryAndDotSegmentsAreResolvedFirst() {
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("trustless_gateway_car/subdir-with-mixed-block-files.car"));
        Resolution res = r.resolve(MIXED, "subdir/multiblock.txt");
        assertThat(res.path()).containsExactly(MIXED, MIXED_SUBDIR, MULTIBLOCK);
        assertThat(res.blocks()).containsExactly(MIXED, MIXED_SUBDIR, MULTIBLOCK);
        assertThat(sha256(readAll(r.open(res.cid()))))
                .isEqualTo("998785f13287a9aabc2d7048e4c2905d502ff13ef40f2d135f163b5a762701c5");
        assertThat(r.resolve(MIXED, "/subdir/../subdir/./hello.txt/").path()).containsExactly(MIXED, MIXED_SUBDIR, HELLO);
        assertThat(r.resolve(MIXED, "subdir/nothing/../ascii.txt").cid()).isEqualTo(ASCII);
    }

    @Test
    void climbingAboveTheRootIsRejected() {
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("trustless_gateway_car/subdir-with-mixed-block-files.car"));
        assertThatThrownBy(() -> r.resolve(MIXED, "..")).isInstanceOf(InvalidPathException.class);
        assertThatThrownBy(() -> r.resolve(MIXED, "subdir/../../subdir")).isInstanceOf(InvalidPathException.class);
    }

    @Test
    void missingSegmentNamesItselfItsParentAndTheBlocksReadSoFar() {
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("trustless_gateway_car/subdir-with-mixed-block-files.car"));
        assertThatThrownBy(() -> r.resolve(MIXED, "subdir/i-do-not-exist"))
                .isInstanceOfSatisfying(PathNotFoundException.class, e -> {
                    assertThat(e.segment()).isEqualTo("i-do-not-exist");
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.parent()).isEqualTo(MIXED_SUBDIR);
                    assertThat(e.blocks()).containsExactly(MIXED, MIXED_SUBDIR);
                });
    }

    @Test
    void pathContinuingPastAFileIsNotADirectory() {
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("trustless_gateway_car/subdir-with-mixed-block-files.car"));
        assertThatThrownBy(() -> r.resolve(MIXED, "subdir/hello.txt/more"))
                .isInstanceOfSatisfying(NotADirectoryException.class, e -> {
                    assertThat(e.segment()).isEqualTo("more");
                    assertThat(e.node()).isEqualTo(HELLO);
                    assertThat(e.kind()).isEqualTo(UnixfsNode.Kind.RAW_FILE);
                });
        assertThatThrownBy(() -> r.resolve(MIXED, "subdir/multiblock.txt/x")).isInstanceOf(NotADirectoryException.class);
    }

    @Test
    void symlinkIsReturnedNotFollowedAndCannotBeResolvedThrough() {
        Cid root = Cid.parse("QmWvY6FaqFMS89YAQ9NAPjVP4WZKA1qbHbicc9HeSKQTgt");
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("path_gateway_unixfs/symlink.car"));
        // trace.mjs symlink.car <root>/bar -> "symlink target: foo"
        Resolution bar = r.resolve(root, "bar");
        assertThat(bar.cid()).isEqualTo(Cid.parse("QmTB8BaCJdCH5H3k7GrxJsxgDNmNYGGR71C58ERkivXoj5"));
        assertThat(bar.node().kind()).isEqualTo(UnixfsNode.Kind.SYMLINK);
        assertThat(bar.node().symlinkTarget()).isEqualTo("foo");
        assertThat(bar.node().size()).hasValue(3);
        assertThatThrownBy(() -> r.open(bar.cid())).isInstanceOf(NotAFileException.class);
        assertThatThrownBy(() -> r.resolve(root, "bar/baz"))
                .isInstanceOfSatisfying(SymlinkInPathException.class, e -> {
                    assertThat(e.target()).isEqualTo("foo");
                    assertThat(e.index()).isEqualTo(1);
                });
        // dump.mjs: foo file 8 434728a4...
        byte[] foo = readAll(r.open(r.resolve(root, "foo").cid()));
        assertThat(foo).hasSize(8);
        assertThat(sha256(foo)).isEqualTo("434728a410a78f56fc1b5899c3593436e61ab0c731e9072d95e96db290205e53");
    }

    @Test
    void namesAreMatchedAsDecodedUnicodeNotPercentEncoded() {
        Cid root = Cid.parse("bafybeig675grnxcmshiuzdaz2xalm6ef4thxxds6o6ypakpghm5kghpc34");
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("path_gateway_unixfs/dir-with-percent-encoded-filename.car"));
        Resolution res = r.resolve(root, "Portugal%2C+España=Peninsula Ibérica.txt");
        assertThat(res.cid()).isEqualTo(Cid.parse("bafkreihfmctcb2kuvoljqeuphqr2fg2r45vz5cxgq5c2yrxnqg5erbitmq"));
        // dump.mjs: raw 38 e560a620...
        assertThat(sha256(readAll(r.open(res.cid()))))
                .isEqualTo("e560a620e954ab9698128f3c23a29b51e76b9e8ae68745ac46ed81ba48851364");
        assertThatThrownBy(() -> r.resolve(root, "Portugal, España=Peninsula Ibérica.txt"))
                .isInstanceOf(PathNotFoundException.class);
    }

    @Test
    void hamtLookupReadsOnlyTheShardsOnTheNamesHashPath() {
        CountingBlockSource s = CountingBlockSource.fixture("trustless_gateway_car/single-layer-hamt-with-multi-block-files.car");
        UnixfsReader r = UnixfsReader.over(s);
        // trace.mjs <hamt>/685.txt -> resolve: root, bafybeifajm5x..., file
        Resolution res = r.resolve(HAMT, "685.txt");
        Cid shard685 = Cid.parse("bafybeifajm5xyg46n4hjxg7clq2f7vcn7eg7bn3yevylcemr6vd7mp6gta");
        assertThat(res.cid()).isEqualTo(MULTIBLOCK);
        assertThat(res.path()).containsExactly(HAMT, MULTIBLOCK);
        assertThat(res.blocks()).containsExactly(HAMT, shard685, MULTIBLOCK);
        assertThat(s.gets).containsExactly(HAMT, shard685, MULTIBLOCK);
        // trace.mjs <hamt>/470.txt -> resolve: root, bafybeiaebmue..., file
        Resolution res470 = r.resolve(HAMT, "/470.txt");
        assertThat(res470.blocks()).containsExactly(HAMT,
                Cid.parse("bafybeiaebmuestgbpqhkkbrwl2qtjtvs3whkmp2trkbkimuod4yv7oygni"), MULTIBLOCK);
        assertThat(sha256(readAll(r.open(res470.cid()))))
                .isEqualTo("998785f13287a9aabc2d7048e4c2905d502ff13ef40f2d135f163b5a762701c5");
    }

    @Test
    void hamtMissingNameIsPathNotFound() {
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("trustless_gateway_car/single-layer-hamt-with-multi-block-files.car"));
        for (String name : new String[] {"1001.txt", "0.txt", "685.tx", "685.txt.txt"}) {
            assertThatThrownBy(() -> r.resolve(HAMT, name)).as(name)
                    .isInstanceOfSatisfying(PathNotFoundException.class, e -> assertThat(e.parent()).isEqualTo(HAMT));
        }
    }
}
