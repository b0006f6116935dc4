package dev.cairn.dag;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSource;
import dev.cairn.car.CarWriter;
import dev.cairn.cid.Cid;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Streams a DAG as a CARv1 in walk order ({@code order=dfs}, {@code dups=n}), one block at a time.
 * Blocks are written as the source returns them (stores verify on write), not re-hashed.
 */
public final class DagExport {
    private DagExport() {}

    /**
     * Writes {@code root}'s whole DAG as a CARv1 with roots {@code [root]}; flushes but does not
     * close {@code out}. Returns the number of blocks written.
     *
     * @throws dev.cairn.block.BlockNotFoundException when a block is missing (the bytes already
     *     written are a valid but incomplete CAR prefix)
     */
    public static long writeCar(BlockSource source, Cid root, OutputStream out) throws IOException {
        return writeCar(source, List.of(), root, List.of(root), out);
    }

    /**
     * Writes the {@code path} blocks, then {@code terminal}'s DAG, as a CARv1 with the given roots
     * (the trustless gateway uses the requested CID, i.e. the first path block).
     */
    public static long writeCar(BlockSource source, List<Cid> path, Cid terminal, List<Cid> roots, OutputStream out)
            throws IOException {
        CarWriter car = CarWriter.open(out, roots);
        DagWalker.walk(source, path, terminal, (cid, data) -> {
            car.write(Block.trusted(cid, data));
            return true;
        });
        car.flush();
        return car.blocksWritten();
    }
}
