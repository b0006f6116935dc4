package dev.cairn.unixfs.reader;

import static dev.cairn.unixfs.reader.CountingBlockSource.cids;
import static dev.cairn.unixfs.reader.CountingBlockSource.readAll;
import static dev.cairn.unixfs.reader.CountingBlockSource.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.BlockNotFoundException;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multicodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * File reads over Kubo-made fixtures. Expected lengths and sha256 come from the reference JS
 * exporter (ipfs-unixfs-exporter 16.2.2 + @ipld/car 5.4.7, installed with
 * {@code npm install ipfs-unixfs-exporter @ipld/car blockstore-core multiformats} in /tmp/ufsx):
 * {@code node trace.mjs <car> <path> [offset [length]]}, a script that loads the CAR into a
 * MemoryBlockstore, calls {@code exporter(path)} and hashes {@code entry.content({offset, length})}
 * while logging every block {@code get}. Leaf CIDs per range are the ones the conformance suite
 * lists (gateway-conformance v0.13.2 tests/trustless_gateway_car_test.go).
 */
class FileReadFixtureTest {
    static final Cid MULTIBLOCK = Cid.parse("bafybeigcisqd7m5nf3qmuvjdbakl5bdnh4ocrmacaqkpuh77qjvggmt2sa");
    /** multiblock.txt leaves: 4 x 256 bytes + 2 bytes. */
    static final List<Cid> LEAVES = cids(
            "bafkreie5noke3mb7hqxukzcy73nl23k6lxszxi5w3dtmuwz62wnvkpsscm",
            "bafkreih4ephajybraj6wnxsbwjwa77fukurtpl7oj7t7pfq545duhot7cq",
            "bafkreigu7buvm3cfunb35766dn7tmqyh2um62zcio63en2btvxuybgcpue",
            "bafkreicll3huefkc3qnrzeony7zcfo7cr3nbx64hnxrqzsixpceg332fhe",
            "bafkreifst3pqztuvj57lycamoi7z34b4emf7gawxs74nwrc2c7jncmpaqm");
    static final Cid MISSING_ROOT = Cid.parse("QmYhmPjhFjYFyaoiuNzYv8WGavpSRDwdHWe5B4M5du5Rtk");
    static final Cid MISSING_FIRST = Cid.parse("QmPKt7ptM2ZYSGPUc8PmPT2VBkLDK3iqpG9TBJY7PCE9rF");
    static final Cid MISSING_MIDDLE = Cid.parse("QmSNLTo6Wv9dfroVaw7MFYjLqf9ho7PKrgsjdzYDtv8h1W");
    static final Cid MISSING_LAST = Cid.parse("QmWXY482zQdwecnfBsj78poUUuPXvyw2JAFAEMw4tzTavV");

    final CountingBlockSource blocks = CountingBlockSource.fixture("path_gateway_unixfs/dir-with-files.car");
    final UnixfsReader reader = UnixfsReader.over(blocks);

    @Test
    void multiBlockFileReadsWholeAsTheReferenceExporterDoes() {
        byte[] all = readAll(reader.open(MULTIBLOCK));
        assertThat(all).hasSize(1026);
        assertThat(sha256(all)).isEqualTo("998785f13287a9aabc2d7048e4c2905d502ff13ef40f2d135f163b5a762701c5");
        assertThat(reader.node(MULTIBLOCK).size()).hasValue(1026);
    }

    @Test
    void rangesMatchTheReferenceExporterAndFetchOnlyTheirLeaves() {
        // node trace.mjs dir-with-files.car <root>/multiblock.txt 0 1 -> 1 byte
        assertRange(0, 1, "72dfcfb0c470ac255cde83fb8fe38de8a128188e03ea5ba5b2a93adbea1062fa", 1, LEAVES.subList(0, 1));
        // ... 512 -> 514 bytes
        assertRange(512, Long.MAX_VALUE, "21e7e7f915c095f9d13ed997b8d9a16d43f53c84e43d481d6c2d92f07f256018", 514, LEAVES.subList(2, 5));
        // ... 512 512 -> 512 bytes (the exporter also reads leaf 4 here; it is not needed)
        assertRange(512, 512, "58f01112a0c350f3716931f685c51ce688bd4bfb5bffa9feefcbf299087c410c", 512, LEAVES.subList(2, 4));
        // ... 1021 -> 5 bytes
        assertRange(1021, Long.MAX_VALUE, "85298f9bf368301590201be135813c1e68e946d264360f633b6635a80c7deae7", 5, LEAVES.subList(3, 5));
    }

    private void assertRange(long offset, long length, String sha, int size, List<Cid> leaves) {
        blocks.gets.clear();
        byte[] got = readAll(reader.open(MULTIBLOCK, offset, length));
        assertThat(got).as("range %d+%d", offset, length).hasSize(size);
        assertThat(sha256(got)).as("range %d+%d", offset, length).isEqualTo(sha);
        List<Cid> expected = new ArrayList<>();
        expected.add(MULTIBLOCK);
        expected.addAll(leaves);
        assertThat(blocks.gets).as("blocks fetched for %d+%d", offset, length).isEqualTo(expected);
    }

    @Test
    void entityBytesExamplesOfTheTrustlessSpecCoverExactlyTheirLeaves() {
        assertThat(cover("0:0")).isEqualTo(withRoot(LEAVES.subList(0, 1)));
        assertThat(cover("0:*")).isEqualTo(withRoot(LEAVES));
        assertThat(cover("512:*")).isEqualTo(withRoot(LEAVES.subList(2, 5)));
        assertThat(cover("512:1023")).isEqualTo(withRoot(LEAVES.subList(2, 4)));
        assertThat(cover("512:-256")).isEqualTo(withRoot(LEAVES.subList(2, 4)));
        assertThat(cover("-5:*")).isEqualTo(withRoot(LEAVES.subList(3, 5)));
        assertThat(cover("-9999:*")).isEqualTo(withRoot(LEAVES));
        // conformance keeps the explicit end: the 2-byte last leaf is not included
        assertThat(cover("-9999:-3")).isEqualTo(withRoot(LEAVES.subList(0, 4)));
    }

    @Test
    void coveringBlocksAreNamedWithoutFetchingRawLeaves() {
        blocks.gets.clear();
        reader.blocksCovering(MULTIBLOCK, 0, 1026);
        assertThat(blocks.gets).containsExactly(MULTIBLOCK);
    }

    @Test
    void zeroLengthRangeIsCoveredByTheRootAlone() {
        assertThat(reader.blocksCovering(MULTIBLOCK, 100, 0)).containsExactly(MULTIBLOCK);
        assertThat(readAll(reader.open(MULTIBLOCK, 100, 0))).isEmpty();
    }

    @Test
    void rangePastTheEndIsEmpty() {
        assertThat(readAll(reader.open(MULTIBLOCK, 1026, 10))).isEmpty();
        assertThat(readAll(reader.open(MULTIBLOCK, 5000, 10))).isEmpty();
    }

    /** The test's own reading of trustless-gateway.md entity-bytes, to express the spec examples. */
    private List<Cid> cover(String entityBytes) {
        long size = 1026;
        String[] p = entityBytes.split(":");
        long from = Long.parseLong(p[0]);
        from = from < 0 ? Math.max(0, size + from) : from;
        long to = p[1].equals("*") ? size - 1 : Long.parseLong(p[1]);
        to = to < 0 ? size + to : Math.min(to, size - 1);
        return reader.blocksCovering(MULTIBLOCK, from, to - from + 1);
    }

    private static List<Cid> withRoot(List<Cid> leaves) {
        List<Cid> out = new ArrayList<>();
        out.add(MULTIBLOCK);
        out.addAll(leaves);
        return out;
    }

    @Test
    void rangesAvoidingTheMissingBlockSucceedAndOneNeedingItFails() {
        CountingBlockSource missing = CountingBlockSource.fixture("trustless_gateway_car/file-3k-and-3-blocks-missing-block.car");
        UnixfsReader r = UnixfsReader.over(missing);
        // node trace.mjs file-3k-and-3-blocks-missing-block.car QmYhmPjh... 0 1001 -> 1001 bytes
        byte[] head = readAll(r.open(MISSING_ROOT, 0, 1001));
        assertThat(sha256(head)).isEqualTo("921a2db4117dba5d48b2337cb307f0cb68a3075552cdbd42c1a16e190cc746fb");
        // ... 2200 -> 872 bytes
        byte[] tail = readAll(r.open(MISSING_ROOT, 2200, Long.MAX_VALUE));
        assertThat(tail).hasSize(872);
        assertThat(sha256(tail)).isEqualTo("0cc3720a9495dc404a1a3d99ff48a3cc5aeff413a17232c8a930fb4ff3039f1c");

        assertThat(r.blocksCovering(MISSING_ROOT, 0, 1001)).containsExactly(MISSING_ROOT, MISSING_FIRST);
        assertThat(r.blocksCovering(MISSING_ROOT, 2200, Long.MAX_VALUE)).containsExactly(MISSING_ROOT, MISSING_LAST);

        assertThatThrownBy(() -> readAll(r.open(MISSING_ROOT, 1000, 100)))
                .isInstanceOfSatisfying(BlockNotFoundException.class, e -> assertThat(e.cid()).isEqualTo(MISSING_MIDDLE));
    }

    @Test
    void missingRootFailsWhenOpened() {
        CountingBlockSource empty = new CountingBlockSource();
        assertThatThrownBy(() -> UnixfsReader.over(empty).open(MULTIBLOCK))
                .isInstanceOf(BlockNotFoundException.class);
    }

    @Test
    void identityCidIsReadFromTheCidItself() {
        // the digest decoded by the JS multiformats package: CID.parse(...).multihash.digest
        Cid inlined = Cid.parse("bafkqaf3imvwgy3zaneqgc3janfxgy2lomvscay3jmqfa");
        CountingBlockSource empty = new CountingBlockSource();
        byte[] got = readAll(UnixfsReader.over(empty).open(inlined));
        assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("hello i am inlined cid\n");
        assertThat(empty.gets).isEmpty();
    }

    @Test
    void emptyFilesReadAsNoBytes() {
        CountingBlockSource s = new CountingBlockSource();
        // empty dag-pb file: block 0a 04 08 02 18 00 is QmbFMke1... (spec section 0)
        Cid pb = s.put(Multicodec.DAG_PB, HexFormat.of().parseHex("0a0408021800"));
        assertThat(pb.toV0()).isEqualTo(Cid.parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"));
        Cid raw = s.put(Multicodec.RAW, new byte[0]);
        assertThat(raw).isEqualTo(Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"));
        UnixfsReader r = UnixfsReader.over(s);
        assertThat(readAll(r.open(pb))).isEmpty();
        assertThat(readAll(r.open(raw))).isEmpty();
        assertThat(readAll(r.open(Cid.parse("bafkqaaa")))).isEmpty();
        assertThat(r.blocksCovering(pb, 0, 0)).containsExactly(pb);
    }
}
