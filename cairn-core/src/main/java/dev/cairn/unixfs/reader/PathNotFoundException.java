package dev.cairn.unixfs.reader;

import dev.cairn.cid.Cid;
import java.util.List;

/**
 * A directory on the path has no entry of the name asked for. Carries what was resolved before the
 * miss, because a trustless CAR response may answer with the blocks up to the missing segment's
 * parent (trustless-gateway.md) and because clients like to be told which segment was wrong.
 */
public final class PathNotFoundException extends PathException {
    private static final long serialVersionUID = 1L;
    private final String segment;
    private final int index;
    private final transient Cid parent;
    private final transient List<Cid> blocks;

    public PathNotFoundException(String segment, int index, Cid parent, List<Cid> blocks) {
        super("no entry '" + segment + "' (path segment " + index + ") in directory " + parent);
        this.segment = segment;
        this.index = index;
        this.parent = parent;
        this.blocks = List.copyOf(blocks);
    }

    /** The missing name. */
    public String segment() {
        return segment;
    }

    /** Its position among the normalized path segments, from 0. */
    public int index() {
        return index;
    }

    /** The directory that lacks it. */
    public Cid parent() {
        return parent;
    }

    /** Every block read before the miss, in order (root, shards, directories). */
    public List<Cid> blocks() {
        return blocks;
    }
}
