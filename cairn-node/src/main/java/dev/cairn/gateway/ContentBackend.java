package dev.cairn.gateway;

import dev.cairn.cid.Cid;
import java.io.IOException;
import java.io.OutputStream;
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
    /** The bytes of one block, or empty when it is not stored (identity CIDs are always present). */
    Optional<byte[]> block(Cid cid);

    /**
     * Streams {@code root}'s whole DAG as a CARv1 ({@code order=dfs}, {@code dups=n}) to {@code out}.
     *
     * @throws dev.cairn.block.BlockNotFoundException when a block of the DAG is missing
     */
    void writeCar(Cid root, OutputStream out) throws IOException;
}
