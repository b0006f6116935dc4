package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.store.pack.PackBlockStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BlockRemover}: only what no live pin reaches, never what an ingest in flight relies on. */
class BlockRemoverTest {
    @TempDir
    Path dir;

    private Database db;
    private PackBlockStore store;
    private final GcBarrier barrier = new GcBarrier();
    private final List<Cid> liveRoots = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        store = PackBlockStore.open(dir, db);
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    private BlockRemover remover() {
        return new BlockRemover(store, root -> liveRoots.forEach(root), barrier);
    }

    @Test
    void removesUnpinnedBlocksAndSaysWhyItKeepsTheOthers() throws Exception {
        Cid pinned = GarbageCollectorTest.importInto(store, GarbageCollectorTest.bytes(1, 5_000, null, 0));
        Cid loose = GarbageCollectorTest.importInto(store, GarbageCollectorTest.bytes(2, 5_000, null, 0));
        liveRoots.add(pinned);
        Cid inner = GarbageCollectorTest.dag(store, pinned).stream().filter(c -> !c.equals(pinned)).findFirst().orElseThrow();
        Cid absent = Cid.v1(Multicodec.RAW, dev.cairn.multiformats.Multihash.digest(0x12, new byte[] {9}));

        Map<Cid, BlockRemover.Outcome> out = remover().remove(List.of(loose, pinned, inner, absent));

        assertThat(out).containsExactly(Map.entry(loose, BlockRemover.Outcome.REMOVED),
                Map.entry(pinned, BlockRemover.Outcome.PINNED_ROOT),
                Map.entry(inner, BlockRemover.Outcome.PINNED_INDIRECT),
                Map.entry(absent, BlockRemover.Outcome.NOT_FOUND));
        assertThat(store.has(loose)).isFalse();
        assertThat(store.has(pinned)).isTrue();
        assertThat(store.has(inner)).isTrue();
    }

    @Test
    void aBlockAnOpenIngestHasSeenIsSparedUntilTheIngestEnds() throws Exception {
        Cid loose = GarbageCollectorTest.importInto(store, GarbageCollectorTest.bytes(3, 2_000, null, 0));
        Ingest ingest = barrier.begin();
        assertThat(ingest.source(store).get(loose)).isPresent(); // e.g. an upload that found it already stored

        assertThat(remover().remove(List.of(loose))).containsEntry(loose, BlockRemover.Outcome.IN_USE);
        assertThat(store.has(loose)).isTrue();

        ingest.close();
        assertThat(remover().remove(List.of(loose))).containsEntry(loose, BlockRemover.Outcome.REMOVED);
        assertThat(store.has(loose)).isFalse();
    }
}
