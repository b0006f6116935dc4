package dev.cairn.store.memory;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.store.BlockStore;
import dev.cairn.store.BlockStoreContract;
import dev.cairn.store.BlockWriter;
import org.junit.jupiter.api.Test;

class MemoryBlockStoreTest extends BlockStoreContract {
    @Override
    protected BlockStore open() {
        return new MemoryBlockStore();
    }

    @Override
    protected BlockStore reopen(BlockStore current) {
        return null;
    }

    @Test
    void commitWorkNeedingADatabaseIsRefused() {
        try (BlockWriter w = store.writer()) {
            assertThatThrownBy(() -> w.commit(c -> {})).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
