package dev.cairn.block;

import dev.cairn.cid.Cid;
import java.util.Optional;

/**
 * Where readers (UnixFS reader, CAR export, gateway) get blocks. The core's view of a block
 * store's read side.
 */
@FunctionalInterface
public interface BlockSource {
    /**
     * The bytes of {@code cid}, or empty when this source does not have them. Identity CIDs are
     * answered from the CID itself by {@link #withIdentity}, not by stores.
     *
     * @throws java.io.UncheckedIOException when the block exists but cannot be read
     */
    Optional<byte[]> get(Cid cid);

    /** This source, answering identity CIDs from their digest. */
    default BlockSource withIdentity() {
        BlockSource self = this;
        return cid -> cid.isIdentity() ? Optional.of(cid.multihash().digest()) : self.get(cid);
    }

    /** The bytes of {@code cid}, or {@link BlockNotFoundException}. */
    default byte[] require(Cid cid) {
        return get(cid).orElseThrow(() -> new BlockNotFoundException(cid));
    }
}
