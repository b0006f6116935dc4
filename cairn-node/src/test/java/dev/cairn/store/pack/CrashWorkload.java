package dev.cairn.store.pack;

import dev.cairn.block.Block;
import dev.cairn.store.TestBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The ingests {@link CrashingIngest} runs and {@link PackCrashTest} checks, both derived from a seed
 * so the parent knows every block a child may have written without being told.
 */
final class CrashWorkload {
    static final int WRITERS = 18;
    static final int THREADS = 3;

    private CrashWorkload() {}

    /** Writer {@code k}'s blocks: its own, plus one block every writer of the round shares. */
    static List<Block> blocks(long seed, int k) {
        Random r = new Random(seed * 1_000_003L + k);
        List<Block> out = new ArrayList<>(TestBlocks.raw(r, 10 + r.nextInt(60), 40_000));
        out.add(r.nextInt(out.size()), shared(seed));
        return out;
    }

    static Block shared(long seed) {
        return TestBlocks.raw(new Random(seed), 1000);
    }

    /** Writers {@code k % 3 == 2} abort; the others commit. */
    static boolean commits(int k) {
        return k % 3 != 2;
    }
}
