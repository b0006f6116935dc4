package dev.cairn.dag;

import dev.cairn.block.BlockNotFoundException;
import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Depth-first pre-order traversal of a DAG, each block once.
 *
 * <p>Iterative, so a deep DAG cannot overflow the Java stack. Memory is the set of visited CIDs plus
 * the pending link lists of the blocks on the current branch; block bytes are dropped as soon as
 * the visitor returns.
 */
public final class DagWalker {
    /** Receives each block once, in walk order. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @return true to walk into this block's links, false to skip them (dag-scope limits)
         */
        boolean visit(Cid cid, byte[] data) throws IOException;
    }

    private final BlockSource source;
    private final Set<Cid> visited = new HashSet<>();

    private DagWalker(BlockSource source) {
        this.source = source;
    }

    /** Walks the DAG under {@code root}. */
    public static void walk(BlockSource source, Cid root, Visitor visitor) throws IOException {
        walk(source, List.of(), root, visitor);
    }

    /**
     * Visits the {@code path} blocks (those a path resolution went through, root first) without
     * descending into them, then walks the DAG under {@code root} (the path's terminal block).
     *
     * @throws BlockNotFoundException when a block is missing from {@code source}
     */
    public static void walk(BlockSource source, List<Cid> path, Cid root, Visitor visitor) throws IOException {
        DagWalker w = new DagWalker(source);
        for (Cid c : path) {
            w.enter(c, visitor, false);
        }
        Deque<Iterator<Cid>> stack = new ArrayDeque<>();
        w.push(stack, w.enter(root, visitor, true));
        while (!stack.isEmpty()) {
            Iterator<Cid> it = stack.peek();
            if (!it.hasNext()) {
                stack.pop();
                continue;
            }
            w.push(stack, w.enter(it.next(), visitor, true));
        }
    }

    private void push(Deque<Iterator<Cid>> stack, List<Cid> links) {
        if (!links.isEmpty()) {
            stack.push(links.iterator());
        }
    }

    /** Visits {@code cid} once; returns the links to walk next (empty when not descending). */
    private List<Cid> enter(Cid cid, Visitor visitor, boolean descend) throws IOException {
        if (!visited.add(cid)) {
            return List.of();
        }
        if (cid.isIdentity()) {
            // Never emitted, but an inlined node may still link to real blocks.
            return descend ? Links.of(cid, cid.multihash().digest()) : List.of();
        }
        byte[] data = source.require(cid);
        boolean into = visitor.visit(cid, data) && descend;
        return into ? Links.of(cid, data) : List.of();
    }
}
