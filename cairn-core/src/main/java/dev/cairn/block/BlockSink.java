package dev.cairn.block;

/**
 * Where producers (the UnixFS importer, CAR readers, fetchers) put blocks. The core's view of a
 * block store's write side; the node's stores implement it.
 */
@FunctionalInterface
public interface BlockSink {
    /**
     * Accepts one block. Implementations may verify it again; they must accept the same block
     * twice. Identity CIDs may be passed and are to be ignored by stores (their bytes are in the CID).
     *
     * @throws java.io.UncheckedIOException when the block cannot be written
     */
    void put(Block block);
}
