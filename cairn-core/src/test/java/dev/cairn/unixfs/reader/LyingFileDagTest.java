package dev.cairn.unixfs.reader;

import static dev.cairn.unixfs.reader.CountingBlockSource.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** File DAGs that contradict themselves are refused with CodecException, never read as wrong bytes. */
class LyingFileDagTest {
    final CountingBlockSource blocks = new CountingBlockSource();
    final UnixfsReader reader = UnixfsReader.over(blocks);

    private Cid raw(String s) {
        return blocks.put(Multicodec.RAW, s.getBytes(StandardCharsets.UTF_8));
    }

    private Cid file(byte[] data, Long filesize, List<Long> sizes, List<Cid> children) {
        return file(DataType.FILE, data, filesize, sizes, children);
    }

    private Cid file(DataType type, byte[] data, Long filesize, List<Long> sizes, List<Cid> children) {
        List<PbLink> links = children.stream().map(c -> new PbLink(c, "", null)).toList();
        return blocks.put(new PbNode(links, new UnixfsData(type, data, filesize, sizes, null, null, null, null).encode()));
    }

    @Test
    void moreLinksThanBlocksizesIsRefused() {
        Cid root = file(null, 3L, List.of(3L), List.of(raw("abc"), raw("def")));
        assertThatThrownBy(() -> reader.open(root)).isInstanceOf(CodecException.class).hasMessageContaining("blocksizes");
    }

    @Test
    void filesizeDisagreeingWithTheBlocksizesIsRefused() {
        Cid root = file(null, 7L, List.of(3L, 3L), List.of(raw("abc"), raw("def")));
        assertThatThrownBy(() -> reader.open(root)).isInstanceOf(CodecException.class).hasMessageContaining("filesize");
    }

    @Test
    void childLargerThanItsBlocksizeIsRefusedWhenReached() {
        Cid root = file(null, 6L, List.of(3L, 3L), List.of(raw("abc"), raw("defg")));
        assertThat(readAll(reader.open(root, 0, 3))).asString().isEqualTo("abc");
        assertThatThrownBy(() -> readAll(reader.open(root))).isInstanceOf(CodecException.class)
                .hasMessageContaining("holds 4");
    }

    @Test
    void innerNodeClaimingMoreThanItsParentSaysIsRefused() {
        Cid inner = file(null, 6L, List.of(3L, 3L), List.of(raw("abc"), raw("def")));
        Cid root = file(null, 5L, List.of(5L), List.of(inner));
        assertThatThrownBy(() -> readAll(reader.open(root))).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> reader.blocksCovering(root, 0, 5)).isInstanceOf(CodecException.class);
    }

    @Test
    void directoryInsideAFileIsRefused() {
        Cid dir = blocks.put(new PbNode(List.of(), UnixfsData.directory().encode()));
        Cid root = file(null, 4L, List.of(4L), List.of(dir));
        assertThatThrownBy(() -> readAll(reader.open(root))).isInstanceOf(CodecException.class)
                .hasMessageContaining("DIRECTORY");
    }

    @Test
    void nonUnixfsChildIsRefused() {
        Cid plain = blocks.put(new PbNode(List.of(), null));
        Cid cbor = blocks.put(Multicodec.DAG_CBOR, new byte[] {(byte) 0xa0});
        assertThatThrownBy(() -> readAll(reader.open(file(null, 1L, List.of(1L), List.of(plain)))))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> readAll(reader.open(file(null, 1L, List.of(1L), List.of(cbor)))))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void blocksizesOverflowingALongAreRefused() {
        Cid a = raw("a");
        Cid root = file(null, null, List.of(Long.MAX_VALUE, Long.MAX_VALUE), List.of(a, a));
        assertThatThrownBy(() -> reader.open(root)).isInstanceOf(CodecException.class).hasMessageContaining("overflow");
    }

    @Test
    void absurdlyDeepChainIsRefused() {
        Cid c = raw("x");
        for (int i = 0; i < FileCursor.MAX_DEPTH + 5; i++) {
            c = file(null, 1L, List.of(1L), List.of(c));
        }
        Cid root = c;
        assertThatThrownBy(() -> readAll(reader.open(root))).isInstanceOf(CodecException.class)
                .hasMessageContaining("deeper");
    }

    @Test
    void deprecatedRawTypeAndInnerDataAreRead() {
        Cid leaf = file(DataType.RAW, "def".getBytes(StandardCharsets.UTF_8), null, List.of(), List.of());
        Cid root = file(DataType.RAW, "abc".getBytes(StandardCharsets.UTF_8), 9L, List.of(3L, 3L), List.of(leaf, raw("ghi")));
        assertThat(readAll(reader.open(root))).asString().isEqualTo("abcdefghi");
        assertThat(readAll(reader.open(root, 2, 5))).asString().isEqualTo("cdefg");
        assertThat(reader.node(root).size()).hasValue(9);
    }

    @Test
    void directoriesSymlinksAndPlainDagPbAreNotFiles() {
        Cid dir = blocks.put(new PbNode(List.of(), UnixfsData.directory().encode()));
        Cid plain = blocks.put(new PbNode(List.of(new PbLink(dir, "x", 4L)), null));
        Cid junk = blocks.put(new PbNode(List.of(), new byte[] {(byte) 0xff}));
        Cid cbor = blocks.put(Multicodec.DAG_CBOR, new byte[] {(byte) 0xa0});
        assertThat(reader.node(plain).kind()).isEqualTo(UnixfsNode.Kind.DAG_PB);
        assertThat(reader.node(junk).kind()).isEqualTo(UnixfsNode.Kind.DAG_PB);
        assertThat(reader.node(cbor).kind()).isEqualTo(UnixfsNode.Kind.OTHER);
        for (Cid c : List.of(dir, plain, junk, cbor)) {
            assertThatThrownBy(() -> reader.open(c)).as(c.toString()).isInstanceOf(NotAFileException.class);
        }
        assertThatThrownBy(() -> reader.resolve(plain, "x")).isInstanceOf(NotADirectoryException.class);
    }

    @Test
    void duplicateNamesResolveAndListToTheFirstLink() {
        Cid first = raw("first");
        Cid second = raw("second");
        Cid dir = blocks.put(new PbNode(List.of(new PbLink(first, "a", 5L), new PbLink(second, "a", 6L)),
                UnixfsData.directory().encode()));
        assertThat(reader.resolve(dir, "a").cid()).isEqualTo(first);
        assertThat(reader.list(dir).toList()).containsExactly(new DirEntry("a", first, 5L));
    }

    @Test
    void identityDagPbFileIsReadWithoutTheStore() {
        byte[] node = dev.cairn.dagpb.DagPb.encode(new PbNode(List.of(), new UnixfsData(DataType.FILE,
                "hi".getBytes(StandardCharsets.UTF_8), 2L, List.of(), null, null, null, null).encode()));
        Cid inline = Cid.v1(Multicodec.DAG_PB, Multihash.of(Multicodec.IDENTITY.code(), node));
        assertThat(readAll(reader.open(inline))).asString().isEqualTo("hi");
        assertThat(blocks.gets).isEmpty();
    }
}
