package dev.cairn.gateway;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSource;
import dev.cairn.car.CarWriter;
import dev.cairn.cid.Cid;
import dev.cairn.dag.Links;
import dev.cairn.unixfs.reader.UnixfsNode;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Writes a CAR for a {@link CarRequest}: the path blocks first, then the terminal's scope, in
 * depth-first pre-order following link order, which is the order the conformance suite checks.
 * With {@code dups=n} each block goes out once; with {@code dups=y} a block is repeated at each
 * place the walk meets it. Identity blocks never go out (their data is in the CID).
 */
final class CarStream {
    private final BlockSource source;
    private final UnixfsReader reader;
    private final CarWriter car;
    private final boolean dups;
    private final Set<Cid> written = new HashSet<>();

    private CarStream(BlockSource source, UnixfsReader reader, CarWriter car, boolean dups) {
        this.source = source;
        this.reader = reader;
        this.car = car;
        this.dups = dups;
    }

    /**
     * @param pathBlocks the blocks a path resolution went through (empty without a path)
     * @param terminal   the node the path names
     * @throws dev.cairn.block.BlockNotFoundException when a block the scope needs is missing
     *     (the bytes already written are a valid but incomplete CAR prefix)
     */
    static void write(BlockSource source, UnixfsReader reader, Cid root, List<Cid> pathBlocks, UnixfsNode terminal,
                      CarRequest request, OutputStream out) throws IOException {
        CarStream s = new CarStream(source, reader, CarWriter.open(out, List.of(root)), request.dups());
        for (Cid c : pathBlocks) {
            if (!c.equals(terminal.cid())) { // the terminal goes out with its scope, below
                s.emit(c);
            }
        }
        switch (request.scope()) {
            case BLOCK -> s.emit(terminal.cid());
            case ALL -> s.walk(terminal.cid());
            case ENTITY -> s.entity(terminal, request.bytes());
        }
        s.car.flush();
    }

    private void entity(UnixfsNode node, CarRequest.EntityBytes bytes) throws IOException {
        switch (node.kind()) {
            case FILE -> {
                if (bytes == null) {
                    walk(node.cid());
                } else {
                    long[] w = bytes.window(node.size().orElseThrow());
                    for (Cid c : reader.blocksCovering(node.cid(), w[0], w[1])) {
                        emit(c);
                    }
                }
            }
            // The directory's own blocks (all HAMT shards), none of its children.
            case DIRECTORY, HAMT_DIRECTORY -> {
                for (Cid c : reader.directoryBlocks(node)) {
                    emit(c);
                }
            }
            default -> emit(node.cid());
        }
    }

    /** Depth-first pre-order under {@code top}; with dups=n a block already sent is not re-entered. */
    private void walk(Cid top) throws IOException {
        Deque<Iterator<Cid>> stack = new ArrayDeque<>();
        push(stack, top);
        while (!stack.isEmpty()) {
            Iterator<Cid> it = stack.peek();
            if (!it.hasNext()) {
                stack.pop();
                continue;
            }
            push(stack, it.next());
        }
    }

    private void push(Deque<Iterator<Cid>> stack, Cid cid) throws IOException {
        if (!dups && written.contains(cid)) {
            return;
        }
        byte[] data = cid.isIdentity() ? cid.multihash().digest() : source.require(cid);
        emit(cid, data);
        List<Cid> links = Links.of(cid, data);
        if (!links.isEmpty()) {
            stack.push(links.iterator());
        }
    }

    private void emit(Cid cid) throws IOException {
        if (cid.isIdentity() || (!dups && written.contains(cid))) {
            return;
        }
        emit(cid, source.require(cid));
    }

    private void emit(Cid cid, byte[] data) throws IOException {
        if (cid.isIdentity()) {
            return;
        }
        if (written.add(cid) || dups) {
            car.write(Block.trusted(cid, data));
        }
    }
}
