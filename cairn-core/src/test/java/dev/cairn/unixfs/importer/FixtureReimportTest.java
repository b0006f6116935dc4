package dev.cairn.unixfs.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.testing.FixtureCars;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every UnixFS node in the Kubo-made conformance CARs, rebuilt by our code from what the node
 * holds (directory entries, symlink target, file bytes), must come out with the fixture's CID.
 */
class FixtureReimportTest {
    private final List<String> checked = new ArrayList<>();
    private final Map<String, Integer> kinds = new HashMap<>();
    private final List<String> failures = new ArrayList<>();

    @Test
    void everyFixtureDirectorySymlinkAndFileIsRebuiltWithKubosCid() throws IOException {
        for (Path car : FixtureCars.allCars()) {
            Map<Cid, byte[]> blocks = new HashMap<>();
            for (Block b : FixtureCars.blocks(car)) {
                blocks.put(b.cid(), b.data());
            }
            MapSink fixture = new MapSink();
            blocks.forEach((c, d) -> fixture.blocks.put(c, d));
            Set<Cid> fileChildren = new HashSet<>();
            Set<Cid> shardChildren = new HashSet<>();
            Map<Cid, UnixfsData> unixfs = new HashMap<>();
            for (Map.Entry<Cid, byte[]> e : blocks.entrySet()) {
                if (e.getKey().codec() != Multicodec.DAG_PB.code()) {
                    continue;
                }
                PbNode n = DagPb.decode(e.getValue());
                if (n.data() == null) {
                    continue;
                }
                UnixfsData d = UnixfsData.decode(n.data());
                unixfs.put(e.getKey(), d);
                for (PbLink l : n.links()) {
                    if (d.type() == DataType.FILE || d.type() == DataType.RAW) {
                        fileChildren.add(l.hash());
                    }
                    if (d.type() == DataType.HAMT_SHARD && l.name().length() == 2) {
                        shardChildren.add(l.hash());
                    }
                }
            }
            String where = FixtureCars.shared().relativize(car).toString();
            for (Map.Entry<Cid, UnixfsData> e : unixfs.entrySet()) {
                Cid cid = e.getKey();
                switch (e.getValue().type()) {
                    case DIRECTORY -> tryCheck("directory", where, cid,
                            () -> rebuildDirectory(cid, fixture.node(cid).links(), false));
                    case HAMT_SHARD -> {
                        if (!shardChildren.contains(cid)) {
                            tryCheck("hamt", where, cid, () -> rebuildDirectory(cid, fixture.listing(cid), true));
                        }
                    }
                    case SYMLINK -> tryCheck("symlink", where, cid, () -> rebuildSymlink(cid, e.getValue()));
                    case FILE, RAW -> {
                        if (!fileChildren.contains(cid)) {
                            String kind = fixture.node(cid).links().isEmpty() ? "single-block file" : "multi-block file";
                            tryCheck(kind, where, cid, () -> rebuildFile(cid, fixture));
                        }
                    }
                    default -> { }
                }
            }
        }
        assertThat(failures).isEmpty();
        // what the fixtures hold (88 nodes): counted so that a loader regression cannot pass silently
        assertThat(kinds).containsKeys("directory", "hamt", "symlink", "single-block file", "multi-block file");
        assertThat(kinds.get("hamt")).isEqualTo(1);
        assertThat(kinds.get("multi-block file")).isGreaterThanOrEqualTo(2);
        assertThat(checked).hasSizeGreaterThan(80);
    }

    private interface Rebuild {
        Cid get() throws IOException;
    }

    private void tryCheck(String kind, String where, Cid expected, Rebuild r) throws IOException {
        try {
            check(where, expected, r.get());
            kinds.merge(kind, 1, Integer::sum);
        } catch (AssertionError missing) {
            // a fixture that deliberately lacks blocks (e.g. file-3k-and-3-blocks-missing-block)
            checked.add(where + " " + expected + " skipped: " + missing.getMessage());
        }
    }

    private void check(String where, Cid expected, Cid actual) {
        checked.add(where + " " + expected);
        if (!expected.equals(actual)) {
            failures.add(where + ": expected " + expected + " got " + actual);
        }
    }

    private static ImportOptions optionsFor(Cid cid) {
        return ImportOptions.kubo().toBuilder().cidVersion(cid.version()).build();
    }

    private static Cid rebuildDirectory(Cid cid, List<PbLink> entries, boolean sharded) {
        ImportOptions o = optionsFor(cid).toBuilder().hamtThreshold(sharded ? 1 : 0).build();
        MapSink out = new MapSink();
        return new DirectoryBuilder(o, new BlockMaker(o), out).build(entries).link().hash();
    }

    private static Cid rebuildSymlink(Cid cid, UnixfsData d) {
        Importer importer = new Importer(new MapSink(), optionsFor(cid));
        return importer.symlink(new String(d.data(), java.nio.charset.StandardCharsets.UTF_8)).hash();
    }

    /** Infers the options Kubo was run with from the DAG's shape, then re-imports its bytes. */
    private static Cid rebuildFile(Cid root, MapSink fixture) throws IOException {
        byte[] bytes = fixture.readFile(root);
        Cid first = root;
        boolean trickle = false;
        while (first.codec() == Multicodec.DAG_PB.code() && !fixture.node(first).links().isEmpty()) {
            first = fixture.node(first).links().get(0).hash();
        }
        int chunk;
        if (first.codec() == Multicodec.RAW.code()) {
            chunk = fixture.get(first).length;
        } else {
            UnixfsData leaf = fixture.data(first);
            trickle = leaf.type() == DataType.RAW;
            chunk = leaf.data() == null ? 0 : leaf.data().length;
        }
        if (first.equals(root) || chunk == 0) {
            chunk = Math.max(bytes.length, 1);
        }
        ImportOptions o = ImportOptions.kubo().toBuilder()
                .cidVersion(root.version())
                .rawLeaves(first.codec() == Multicodec.RAW.code())
                .chunker("size-" + chunk)
                .trickle(trickle)
                                .build();
        return new Importer(new MapSink(), o).addFile("f", new ByteArrayInputStream(bytes)).cid();
    }
}
