package dev.cairn.store.pack;

import dev.cairn.block.Block;
import dev.cairn.db.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Child-JVM main for {@link PackCompactionCrashTest}: builds a store from a seed (ingests, then
 * deletes a seeded share of blocks), then compacts and halts the JVM (no finally blocks, no
 * shutdown hooks, like SIGKILL) the {@code n}-th time compaction reaches {@code step}.
 */
public final class CrashingCompaction {
    static final long PACK_SIZE = 48 * 1024;
    static final int INGESTS = 4;

    private CrashingCompaction() {}

    /** The blocks of ingest {@code k}: the parent derives them from the seed too. */
    static List<Block> blocks(long seed, int k) {
        return dev.cairn.store.TestBlocks.raw(new Random(seed * 7919 + k), 60, 3_000);
    }

    /** Whether the setup deletes {@code b}: seeded by its hash, so the parent knows it too. */
    static boolean deleted(long seed, Block b) {
        return new Random(seed ^ java.util.Arrays.hashCode(b.cid().multihash().bytes())).nextDouble() < 0.7;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        PackCompactor.Step step = PackCompactor.Step.valueOf(args[2]);
        int n = Integer.parseInt(args[3]);
        try (Database db = Database.openSqlite(home.resolve("cairn.db"));
                PackBlockStore store = PackBlockStore.open(home, db, PackOptions.defaults().withPackSize(PACK_SIZE))) {
            for (int k = 0; k < INGESTS; k++) {
                try (var w = store.writer()) {
                    blocks(seed, k).forEach(w::put);
                    w.commit();
                }
                store.delete(blocks(seed, k).stream().filter(b -> deleted(seed, b))
                        .map(b -> b.cid().multihash()).toList());
            }
            int[] seen = {0};
            store.compact(0.5, reached -> {
                if (reached == step && ++seen[0] == n) {
                    System.out.println("HALT " + step + " " + n);
                    System.out.flush();
                    Runtime.getRuntime().halt(137);
                }
            });
            System.out.println("DONE");
        }
    }
}
