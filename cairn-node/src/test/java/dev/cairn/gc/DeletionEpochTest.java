package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.Block;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.store.BlockStore;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.memory.MemoryBlockStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deletion epoch readers that keep block copies rely on (the gateway's SmallBlockCache). */
class DeletionEpochTest {
    final GcBarrier barrier = new GcBarrier();
    final BlockStore store = barrier.guard(new MemoryBlockStore());

    @Test
    void theEpochMovesWithEveryDeleteThroughAGuardedStoreAndWithNothingElse() {
        Block block = Block.of(Multicodec.RAW, "doomed".getBytes(StandardCharsets.UTF_8));
        long before = barrier.deletionEpoch();
        try (BlockWriter w = store.writer()) {
            w.put(block);
            w.commit();
        }
        assertThat(store.get(block.cid())).isPresent();
        assertThat(barrier.deletionEpoch()).as("writes and reads leave it").isEqualTo(before);

        store.delete(List.of(block.cid().multihash()));
        assertThat(store.has(block.cid())).isFalse();
        long after = barrier.deletionEpoch();
        assertThat(after).isNotEqualTo(before);

        store.delete(List.of(block.cid().multihash())); // even a delete that finds nothing
        assertThat(barrier.deletionEpoch()).isNotEqualTo(after);
    }
}
