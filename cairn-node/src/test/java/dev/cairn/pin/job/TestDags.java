package dev.cairn.pin.job;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.store.BlockStore;
import dev.cairn.store.BlockWriter;
import dev.cairn.unixfs.importer.ImportOptions;
import dev.cairn.unixfs.importer.Importer;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** DAGs for pin job tests: UnixFS files of seeded random bytes in 1 KiB chunks (many small blocks). */
public final class TestDags {
    private TestDags() {}

    /** Imports {@code size} random bytes from {@code seed} into {@code store}; returns the root. */
    public static Cid file(BlockStore store, long seed, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        try (BlockWriter w = store.writer()) {
            Cid root = new Importer(w, ImportOptions.kubo().toBuilder().chunker("size-1024").build())
                    .addFile("f", new ByteArrayInputStream(data)).cid();
            w.commit();
            return root;
        }
    }

    /** Every block of the DAG under {@code root}, in walk order. */
    public static List<Cid> dag(BlockSource source, Cid root) throws Exception {
        List<Cid> out = new ArrayList<>();
        dev.cairn.dag.DagWalker.walk(source, root, (cid, data) -> out.add(cid));
        return out;
    }
}
