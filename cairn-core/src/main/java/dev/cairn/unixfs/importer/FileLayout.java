package dev.cairn.unixfs.importer;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The two file DAG shapes of boxo, ported step for step so the CIDs match:
 * {@code importer/balanced/builder.go} and {@code importer/trickle/trickledag.go}.
 *
 * <p>Both recurse depth-first over the leaf stream, so only the open node of each tree level is in
 * memory (at most {@code maxLinks} links per level; the depth is logarithmic in the file size).
 */
final class FileLayout {
    /** boxo trickle {@code depthRepeat}. */
    static final int TRICKLE_DEPTH_REPEAT = 4;

    private final int maxLinks;
    private final BlockMaker maker;
    private final BlockSink sink;

    FileLayout(int maxLinks, BlockMaker maker, BlockSink sink) {
        this.maxLinks = maxLinks;
        this.maker = maker;
        this.sink = sink;
    }

    /**
     * Balanced: the first leaf is the root; while data remains, a new root adopts the old one as
     * child 0 and is filled up to {@code maxLinks} with subtrees one level shallower. A file of one
     * chunk is just its leaf.
     */
    Leaf balanced(LeafStream leaves) throws IOException {
        if (leaves.done()) {
            return leaves.emptyLeaf();
        }
        Leaf root = leaves.next();
        for (int depth = 1; !leaves.done(); depth++) {
            FileNode top = new FileNode();
            top.add(root);
            root = fillBalanced(leaves, top, depth);
        }
        return root;
    }

    private Leaf fillBalanced(LeafStream leaves, FileNode node, int depth) throws IOException {
        while (node.links.size() < maxLinks && !leaves.done()) {
            node.add(depth == 1 ? leaves.next() : fillBalanced(leaves, new FileNode(), depth - 1));
        }
        return node.commit();
    }

    /**
     * Trickle: a node takes up to {@code maxLinks} leaves, then {@value #TRICKLE_DEPTH_REPEAT}
     * subtrees of each depth 1, 2, ... below its own limit. The root is always a File node, even
     * for one chunk or none.
     */
    Leaf trickle(LeafStream leaves) throws IOException {
        return fillTrickle(leaves, new FileNode(), -1);
    }

    private Leaf fillTrickle(LeafStream leaves, FileNode node, int maxDepth) throws IOException {
        while (node.links.size() < maxLinks && !leaves.done()) {
            node.add(leaves.next());
        }
        for (int depth = 1; maxDepth == -1 || depth < maxDepth; depth++) {
            if (leaves.done()) {
                break;
            }
            for (int repeat = 0; repeat < TRICKLE_DEPTH_REPEAT && !leaves.done(); repeat++) {
                node.add(fillTrickle(leaves, new FileNode(), depth));
            }
        }
        return node.commit();
    }

    /** boxo {@code FSNodeOverDag}: a File node collecting children; Kubo names every link "". */
    private final class FileNode {
        final List<PbLink> links = new ArrayList<>();
        final List<Long> blocksizes = new ArrayList<>();
        long fileBytes;
        long childTsize;

        void add(Leaf child) {
            links.add(new PbLink(child.cid(), "", child.tsize()));
            blocksizes.add(child.fileBytes());
            fileBytes += child.fileBytes();
            childTsize += child.tsize();
        }

        Leaf commit() {
            byte[] data = new UnixfsData(DataType.FILE, null, fileBytes, blocksizes, null, null, null, null).encode();
            Block b = maker.dagPb(DagPb.encode(new PbNode(links, data)));
            sink.put(b);
            return new Leaf(b.cid(), b.size() + childTsize, fileBytes);
        }
    }
}
