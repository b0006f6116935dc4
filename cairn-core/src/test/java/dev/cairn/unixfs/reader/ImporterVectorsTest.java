package dev.cairn.unixfs.reader;

import static dev.cairn.unixfs.reader.CountingBlockSource.readAll;
import static dev.cairn.unixfs.reader.CountingBlockSource.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.testing.FixtureCars;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * DAGs made by the reference JS importer that the Kubo fixtures lack: a trickle file with
 * {@code Type=Raw} dag-pb leaves (Kubo's trickle shape), a three-level balanced file with
 * {@code Type=File} dag-pb leaves, and a HAMT with sub-shards. The CAR and every expected value
 * below come from {@code src/test/resources/unixfs-reader/make-vectors.mjs} (ipfs-unixfs-importer
 * 16.x + ipfs-unixfs-exporter 16.2.2, run with Node 20: {@code node make-vectors.mjs <dir>}).
 */
class ImporterVectorsTest {
    static final Cid TRICKLE = Cid.parse("QmTgTpAH3Vz4DPGtVDH9sbgZEcZRtYkbq4JstK45gioJHy");
    static final Cid BALANCED = Cid.parse("Qma3Km7389meKzWMRu9hXERByuWz8pL4tmrcxR8cfdvREE");
    static final Cid DIR = Cid.parse("bafybeidljg73ywlb7jyaiebtdzskusz4twyhodfyfrjnt6deyhb32l4brm");
    private static final long SEED = 0x7121CL;

    final CountingBlockSource blocks = load();
    final UnixfsReader reader = UnixfsReader.over(blocks);

    private static CountingBlockSource load() {
        try {
            Path car = Path.of(ImporterVectorsTest.class.getResource("/unixfs-reader/importer-vectors.car").toURI());
            CountingBlockSource s = new CountingBlockSource();
            FixtureCars.blocks(car).forEach(s::put);
            return s;
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The importer's input, as make-vectors.mjs generates it. */
    private static byte[] content(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 8));
        }
        return b;
    }

    @Test
    void trickleFileReadsWholeAndInRandomRanges() {
        assertFileReads(TRICKLE, 5000, "b5eaa690b0bc3b91b693d582ba42e0a4c5eabd8d8d5b3d7bd0e8e602ec950c06");
    }

    @Test
    void balancedFileWithDagPbLeavesReadsWholeAndInRandomRanges() {
        assertFileReads(BALANCED, 3000, "9f76efed6f1a2ffae4d6b5c523e496a693120f11a3d1a626a230c88e445dcf04");
    }

    private void assertFileReads(Cid file, int size, String sha) {
        byte[] all = readAll(reader.open(file));
        assertThat(all).hasSize(size);
        assertThat(sha256(all)).isEqualTo(sha);
        byte[] content = content(size);
        assertThat(all).isEqualTo(content);
        int fileBlocks = reader.blocksCovering(file, 0, size).size();
        Random rnd = new Random(SEED);
        for (int i = 0; i < 500; i++) {
            int off = rnd.nextInt(size);
            int len = rnd.nextInt(size - off + 1);
            blocks.gets.clear();
            assertThat(readAll(reader.open(file, off, len))).as("seed %d range %d+%d", SEED, off, len)
                    .isEqualTo(Arrays.copyOfRange(content, off, off + len));
            if (len == 1) {
                // one byte needs one root-to-leaf chain, far from the whole DAG
                assertThat(blocks.gets.size()).isLessThan(fileBlocks / 4);
            }
        }
        blocks.gets.clear();
        readAll(reader.open(file, size / 2, 1));
        assertThat(blocks.gets.size()).isBetween(2, 8);
    }

    @Test
    void shardedDirectoryListsEveryEntryAsTheExporterDoes() {
        List<DirEntry> entries = reader.list(DIR).toList();
        assertThat(entries).hasSize(300);
        String names = entries.stream().map(DirEntry::name).sorted().collect(Collectors.joining("\n"));
        assertThat(sha256(names.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("0e9d80c696126329904f17c16931dec56c04b7232e05dfa296868268dab727a3");
    }

    @Test
    void shardedDirectoryLookupsReadTheSameShardsAsTheExporter() {
        assertLookup("file-0.txt", "bafkreics4ztg57kfwowwz5ymahdbq3mzfnciccccrwtbrkfmum5g37b5ee",
                "bafybeihdfa74fcygwo2cygiv3jcjlpaosrewli2dqhqwdokkjofzsedmzq");
        assertLookup("file-123.txt", "bafkreicobhiov3gnbjsq6jhq2tcwf2nxtsemghjyzryhmxz7bwzz75vxsq",
                "bafybeie6oplrejwrr3ud6ry46sjiuembh67bul5v626bp4nj6ebfopfqly");
        assertLookup("file-299.txt", "bafkreid4djcad5nwoel6hwizoyer7ly53kzvhjudhuu5uwvrex6ybdlsna",
                "bafybeictsw3dh65abghlbi2lrtiypsm7sxjzvhqj4lv6igdmcnwo2lroku");
    }

    private void assertLookup(String name, String entry, String shard) {
        Resolution res = reader.resolve(DIR, name);
        assertThat(res.path()).containsExactly(DIR, Cid.parse(entry));
        assertThat(res.blocks()).containsExactly(DIR, Cid.parse(shard), Cid.parse(entry));
    }

    @Test
    void everyListedEntryResolvesToItsListedCidAndContent() {
        int atRoot = 0;
        int inSubShards = 0;
        for (DirEntry e : reader.list(DIR).toList()) {
            Resolution res = reader.resolve(DIR, e.name());
            assertThat(res.cid()).as(e.name()).isEqualTo(e.cid());
            String n = e.name().substring("file-".length(), e.name().length() - ".txt".length());
            assertThat(readAll(reader.open(res.cid()))).asString().isEqualTo("entry " + n + "\n");
            if (res.blocks().size() == 2) {
                atRoot++;
            } else {
                inSubShards++;
            }
        }
        assertThat(atRoot).isPositive();
        assertThat(inSubShards).isPositive();
        assertThat(reader.directoryBlocks(reader.node(DIR)).size()).isGreaterThan(1);
    }
}
