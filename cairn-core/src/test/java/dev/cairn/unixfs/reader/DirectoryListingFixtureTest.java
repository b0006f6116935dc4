package dev.cairn.unixfs.reader;

import static dev.cairn.unixfs.reader.CountingBlockSource.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Listings over Kubo-made fixtures, checked against the reference JS exporter (setup in
 * {@link FileReadFixtureTest}): {@code node names.mjs <car>} prints the entry count of the CAR
 * root and the sha256 of its entry names sorted and joined by "\n"; {@code node dump.mjs <car>}
 * prints each entry's CID.
 */
class DirectoryListingFixtureTest {
    static final Cid HAMT = PathResolutionFixtureTest.HAMT;

    @Test
    void basicDirectoryListsItsEntriesInLinkOrderWithTsize() {
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("path_gateway_unixfs/dir-with-files.car"));
        List<DirEntry> entries = r.list(PathResolutionFixtureTest.DIR_WITH_FILES).toList();
        assertThat(entries).extracting(DirEntry::name)
                .containsExactly("ascii-copy.txt", "ascii.txt", "hello.txt", "multiblock.txt");
        assertThat(entries).extracting(DirEntry::cid).containsExactly(PathResolutionFixtureTest.ASCII,
                PathResolutionFixtureTest.ASCII, PathResolutionFixtureTest.HELLO, FileReadFixtureTest.MULTIBLOCK);
        // ascii.txt is a 31-byte raw leaf; multiblock.txt's Tsize is 1271 (spec section 5.2)
        assertThat(entries.get(1).tsize()).isEqualTo(31L);
        assertThat(entries.get(3).tsize()).isEqualTo(1271L);
    }

    @Test
    void hamtListingWalksEveryShardAndStripsPrefixes() {
        CountingBlockSource s = CountingBlockSource.fixture("trustless_gateway_car/single-layer-hamt-with-multi-block-files.car");
        UnixfsReader r = UnixfsReader.over(s);
        List<DirEntry> entries = r.list(HAMT).toList();
        // node names.mjs single-layer-hamt-with-multi-block-files.car -> 1000 4b7c621f...
        assertThat(entries).hasSize(1000);
        String names = entries.stream().map(DirEntry::name).sorted().collect(Collectors.joining("\n"));
        assertThat(sha256(names.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("4b7c621f6bc874074db9c9675c52229dd22ec5febde9caccfcd6afe48532bcb4");
        // dump.mjs: every entry is the same multiblock.txt DAG
        assertThat(entries).extracting(DirEntry::cid).containsOnly(FileReadFixtureTest.MULTIBLOCK);
        // shards only: no entry block was fetched to list
        assertThat(s.gets).doesNotContain(FileReadFixtureTest.MULTIBLOCK);
    }

    @Test
    void hamtListingIsLazy() {
        CountingBlockSource s = CountingBlockSource.fixture("trustless_gateway_car/single-layer-hamt-with-multi-block-files.car");
        UnixfsReader r = UnixfsReader.over(s);
        r.list(HAMT).limit(1).toList();
        int afterOne = s.gets.size();
        s.gets.clear();
        r.list(HAMT).toList();
        assertThat(afterOne).isLessThan(s.gets.size());
    }

    @Test
    void directoryEntityBlocksOfAHamtAreAllItsShardsAndNothingBelow() {
        CountingBlockSource s = CountingBlockSource.fixture("trustless_gateway_car/single-layer-hamt-with-multi-block-files.car");
        UnixfsReader r = UnixfsReader.over(s);
        List<Cid> shards = r.directoryBlocks(r.node(HAMT));
        assertThat(shards.getFirst()).isEqualTo(HAMT);
        assertThat(Set.copyOf(shards)).hasSameSizeAs(shards).doesNotContain(FileReadFixtureTest.MULTIBLOCK);
        // the CAR holds the HAMT shards, the file root and its 5 leaves: 243 blocks, 6 of them file blocks
        assertThat(shards).hasSize(s.blocks.size() - 6);
        assertThat(shards).contains(Cid.parse("bafybeifajm5xyg46n4hjxg7clq2f7vcn7eg7bn3yevylcemr6vd7mp6gta"));
    }

    @Test
    void singleEntriesAreFoundByNameInBasicAndHamtDirectories() {
        UnixfsReader basic = UnixfsReader.over(CountingBlockSource.fixture("path_gateway_unixfs/dir-with-files.car"));
        UnixfsNode dir = basic.node(PathResolutionFixtureTest.DIR_WITH_FILES);
        assertThat(basic.entry(dir, "hello.txt")).contains(new DirEntry("hello.txt", PathResolutionFixtureTest.HELLO, 12L));
        assertThat(basic.entry(dir, "index.html")).isEmpty();

        CountingBlockSource s = CountingBlockSource.fixture("trustless_gateway_car/single-layer-hamt-with-multi-block-files.car");
        UnixfsReader hamt = UnixfsReader.over(s);
        UnixfsNode root = hamt.node(HAMT);
        assertThat(hamt.entry(root, "685.txt")).map(DirEntry::cid).contains(FileReadFixtureTest.MULTIBLOCK);
        assertThat(hamt.entry(root, "index.html")).isEmpty();
    }

    @Test
    void listingAFileIsNotADirectory() {
        UnixfsReader r = UnixfsReader.over(CountingBlockSource.fixture("path_gateway_unixfs/dir-with-files.car"));
        assertThatThrownBy(() -> r.list(FileReadFixtureTest.MULTIBLOCK)).isInstanceOf(NotADirectoryException.class);
    }

    @Test
    void inlinedEmptyDirectoryListsNothing() {
        UnixfsReader r = UnixfsReader.over(new CountingBlockSource());
        assertThat(r.list(Cid.parse("bafyaabakaieac")).toList()).isEmpty();
    }
}
