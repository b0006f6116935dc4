package dev.cairn.unixfs.reader;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A depth-first walk over the part of a file DAG whose bytes intersect {@code [from, to)}, yielding
 * file bytes in order. Works for any layout (balanced, trickle, hand-made): a node's own
 * {@code Data} comes first, then child {@code i} covers {@code blocksizes[i]} bytes, so the walk
 * only ever fetches the children whose span intersects the range.
 *
 * <p>Every node is checked against what its parent claimed ({@code blocksizes}) and against itself
 * ({@code len(blocksizes) == len(links)}, {@code filesize == len(Data) + sum(blocksizes)}): a DAG
 * that lies gets a {@link CodecException}, never silently wrong bytes. The explicit stack (not
 * recursion) and the depth cap keep a hostile DAG from exhausting the Java stack.
 *
 * <p>Blocks below the root are taken as {@link BlockSource#view views}: a leaf's bytes are handed
 * on where the store keeps them (a mapped pack file), so a gateway can send them without copying
 * them to the heap first.
 */
final class FileCursor {
    /** Deeper file DAGs are refused; real ones are under 10 (balanced) or about 30 (trickle). */
    static final int MAX_DEPTH = 100;

    /**
     * A run of file bytes: {@code length} bytes of {@code buffer} from absolute index
     * {@code offset} (the buffer's own position and limit are not the slice's).
     */
    record Slice(ByteBuffer buffer, int offset, int length) {
        /** The run as a buffer of its own, from position 0 to {@code length}; shares the bytes. */
        ByteBuffer view(int skip) {
            return buffer.slice(offset + skip, length - skip);
        }
    }

    private static final class Frame {
        final Cid cid;
        /** The block holding this node's own file bytes at {@code [dataOffset, +dataLength)}; null once emitted. */
        ByteBuffer data;
        final int dataOffset;
        final int dataLength;
        final long dataStart;
        final List<PbLink> links;
        final List<Long> sizes;
        int next;
        long childStart;

        Frame(Cid cid, ByteBuffer data, int dataOffset, int dataLength, long start, List<PbLink> links, List<Long> sizes) {
            this.cid = cid;
            this.data = data;
            this.dataOffset = dataOffset;
            this.dataLength = data == null ? 0 : dataLength;
            this.dataStart = start;
            this.links = links;
            this.sizes = sizes;
            this.childStart = start + this.dataLength;
        }
    }

    private final BlockSource source;
    private final long from;
    private final long to;
    private final boolean fetchRawLeaves;
    private final Consumer<Cid> onBlock;
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();

    /**
     * @param root           the file's root, already fetched and classified as a file
     * @param fetchRawLeaves false when only the covering CIDs are wanted: raw leaves are then
     *                       reported but not fetched (their bytes are not needed to know them)
     * @param onBlock        told of every block the range needs, in DFS pre-order, root first
     */
    FileCursor(BlockSource source, UnixfsNode root, long from, long to, boolean fetchRawLeaves,
               Consumer<Cid> onBlock) {
        this.source = source;
        this.from = from;
        this.to = to;
        this.fetchRawLeaves = fetchRawLeaves;
        this.onBlock = onBlock;
        onBlock.accept(root.cid());
        Frame top = frame(root.cid(), ByteBuffer.wrap(root.block()), 0, -1); // validates the root even for an empty range
        if (from < to) {
            stack.push(top);
        }
    }

    /** The next run of bytes inside the range, or null when the range is exhausted. */
    Slice next() {
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.data != null) {
                ByteBuffer data = f.data;
                f.data = null; // emitted once; also lets a big leaf be collected while we go on
                long s = Math.max(from, f.dataStart);
                long e = Math.min(to, f.dataStart + f.dataLength);
                if (s < e) {
                    return new Slice(data, f.dataOffset + (int) (s - f.dataStart), (int) (e - s));
                }
                continue;
            }
            if (f.next >= f.links.size()) {
                stack.pop();
                continue;
            }
            int i = f.next++;
            long start = f.childStart;
            long size = f.sizes.get(i);
            f.childStart = start + size;
            if (start >= to) {
                f.next = f.links.size(); // children are in byte order: nothing further can intersect
                continue;
            }
            if (size == 0 || start + size <= from) {
                continue;
            }
            descend(f.links.get(i).hash(), start, size);
        }
        return null;
    }

    /** Walks the rest of the range, for callers that only want {@code onBlock}. */
    void drain() {
        while (next() != null) {
            // the bytes are not wanted
        }
    }

    private void descend(Cid child, long start, long size) {
        if (stack.size() >= MAX_DEPTH) {
            throw new CodecException("unixfs: file DAG deeper than " + MAX_DEPTH + " at " + child);
        }
        onBlock.accept(child);
        if (child.codec() == Multicodec.RAW.code() && !fetchRawLeaves) {
            return;
        }
        stack.push(frame(child, source.requireView(child), start, size));
    }

    /** Validates one file block and makes its frame; {@code expected} < 0 means "whatever it says". */
    private static Frame frame(Cid cid, ByteBuffer block, long start, long expected) {
        if (cid.codec() == Multicodec.RAW.code()) {
            checkSize(cid, block.limit(), expected);
            return new Frame(cid, block, 0, block.limit(), start, List.of(), List.of());
        }
        if (cid.codec() != Multicodec.DAG_PB.code()) {
            throw new CodecException("unixfs: file DAG links to a " + Multicodec.nameOf(cid.codec()) + " block " + cid);
        }
        // Views, not copies: a leaf's file bytes are most of its block and are streamed from it.
        DagPb.View pb = DagPb.decodeView(block);
        UnixfsData.View view;
        try {
            if (!pb.hasData()) {
                throw new CodecException("unixfs: dag-pb node has no Data field");
            }
            view = UnixfsData.decodeView(block, pb.dataOffset(), pb.dataLength());
        } catch (CodecException e) {
            throw new CodecException("unixfs: file DAG node " + cid + " is not UnixFS: " + e.getMessage(), e);
        }
        UnixfsData data = view.meta();
        if (data.type() != DataType.FILE && data.type() != DataType.RAW) {
            throw new CodecException("unixfs: file DAG node " + cid + " has Type=" + data.type());
        }
        if (data.blocksizes().size() != pb.links().size()) {
            throw new CodecException("unixfs: file node " + cid + " has " + pb.links().size()
                    + " links but " + data.blocksizes().size() + " blocksizes");
        }
        int ownBytes = view.dataOffset() < 0 ? 0 : view.dataLength();
        long content = contentSize(cid, ownBytes, data.blocksizes());
        if (data.filesize() != null && data.filesize() != content) {
            throw new CodecException("unixfs: file node " + cid + " says filesize " + data.filesize()
                    + " but holds " + content + " bytes");
        }
        checkSize(cid, content, expected);
        return new Frame(cid, view.dataOffset() < 0 ? null : block, view.dataOffset(), ownBytes, start, pb.links(),
                data.blocksizes());
    }

    /** {@code len(Data) + sum(blocksizes)}, refusing sums past 2^63 (a hostile node could wrap them). */
    static long contentSize(Cid cid, UnixfsData data) {
        return contentSize(cid, data.data() == null ? 0 : data.data().length, data.blocksizes());
    }

    private static long contentSize(Cid cid, int ownBytes, List<Long> blocksizes) {
        long n = ownBytes;
        try {
            for (long b : blocksizes) {
                n = Math.addExact(n, b);
            }
        } catch (ArithmeticException e) {
            throw new CodecException("unixfs: file node " + cid + " blocksizes overflow 2^63");
        }
        return n;
    }

    private static void checkSize(Cid cid, long actual, long expected) {
        if (expected >= 0 && actual != expected) {
            throw new CodecException("unixfs: parent says " + cid + " holds " + expected
                    + " bytes but it holds " + actual);
        }
    }
}
