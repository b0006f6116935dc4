package dev.cairn.gateway;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What the gateway reads: blocks and whole DAGs as CAR. Implemented by the composition root over
 * the content service; the gateway never sees a store.
 *
 * <p>Status mapping (in {@link GatewaySurface}): a missing root is 404, checked before any byte is
 * sent; {@link dev.cairn.block.BlockNotFoundException} during a CAR stream (an incomplete DAG)
 * cuts the response, since its status was already sent.
 */
public interface ContentBackend {
    /**
     * The bytes of one block, or empty when it is not stored (identity CIDs are always present).
     * The array is for reading only: it may be shared ({@link SmallBlockCache}).
     */
    Optional<byte[]> block(Cid cid);

    /**
     * {@link #block} as a read-only buffer, lent without a copy where the store can (a mapped pack):
     * what file responses send from. Defaults to wrapping {@link #block}.
     */
    default Optional<ByteBuffer> blockView(Cid cid) {
        return block(cid).map(b -> ByteBuffer.wrap(b).asReadOnlyBuffer());
    }

    /** This backend as a block source for the readers, identity CIDs answered from the CID. */
    default BlockSource blocks() {
        ContentBackend self = this;
        return new BlockSource() {
            @Override
            public Optional<byte[]> get(Cid cid) {
                return self.block(cid);
            }

            @Override
            public Optional<ByteBuffer> view(Cid cid) {
                return self.blockView(cid);
            }
        }.withIdentity();
    }

    /**
     * Streams {@code root}'s whole DAG as a CARv1 ({@code order=dfs}, {@code dups=n}) to {@code out}.
     *
     * @throws dev.cairn.block.BlockNotFoundException when a block of the DAG is missing
     */
    void writeCar(Cid root, OutputStream out) throws IOException;
}
