package dev.cairn.block;

import dev.cairn.cid.Cid;
import java.nio.ByteBuffer;
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

    /**
     * The bytes of {@code cid} as a read-only buffer from position 0 to its limit, or empty when
     * this source does not have them. Stores that can lend their bytes without copying them to the
     * heap (a memory-mapped pack) override this; readers that only pass bytes on (a gateway
     * sending a file) use it so that the bytes go from the page cache to the socket in one copy.
     * The buffer stays valid for as long as it is referenced, even after the block is deleted.
     *
     * @throws java.io.UncheckedIOException when the block exists but cannot be read
     */
    default Optional<ByteBuffer> view(Cid cid) {
        return get(cid).map(b -> ByteBuffer.wrap(b).asReadOnlyBuffer());
    }

    /** This source, answering identity CIDs from their digest; its {@link #view} stays this one's. */
    default BlockSource withIdentity() {
        BlockSource self = this;
        return new BlockSource() {
            @Override
            public Optional<byte[]> get(Cid cid) {
                return cid.isIdentity() ? Optional.of(cid.multihash().digest()) : self.get(cid);
            }

            @Override
            public Optional<ByteBuffer> view(Cid cid) {
                return cid.isIdentity() ? BlockSource.super.view(cid) : self.view(cid);
            }
        };
    }

    /** The bytes of {@code cid}, or {@link BlockNotFoundException}. */
    default byte[] require(Cid cid) {
        return get(cid).orElseThrow(() -> new BlockNotFoundException(cid));
    }

    /** The {@link #view} of {@code cid}, or {@link BlockNotFoundException}. */
    default ByteBuffer requireView(Cid cid) {
        return view(cid).orElseThrow(() -> new BlockNotFoundException(cid));
    }
}
