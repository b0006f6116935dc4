package dev.cairn.store;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic test blocks: raw CIDv1 over bytes drawn from a seeded {@link Random}. */
public final class TestBlocks {
    private TestBlocks() {}

    public static Block raw(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return Block.of(Multicodec.RAW, data);
    }

    public static List<Block> raw(Random random, int count, int maxSize) {
        List<Block> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(raw(random, 1 + random.nextInt(maxSize)));
        }
        return out;
    }

    /** A dag-pb block under its CIDv0 ({@code Qm...}). */
    public static Block v0(byte[] data) {
        return Block.trusted(Cid.v0(Multihash.sha256(data)), data);
    }
}
