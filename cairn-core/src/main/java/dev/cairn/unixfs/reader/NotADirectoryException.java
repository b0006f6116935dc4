package dev.cairn.unixfs.reader;

import dev.cairn.cid.Cid;

/** The path goes on past something that has no named entries: a file, a plain dag-pb node, another codec. */
public final class NotADirectoryException extends PathException {
    private static final long serialVersionUID = 1L;
    private final String segment;
    private final int index;
    private final transient Cid node;
    private final UnixfsNode.Kind kind;

    public NotADirectoryException(String segment, int index, Cid node, UnixfsNode.Kind kind) {
        super("cannot look up '" + segment + "' (path segment " + index + "): " + node + " is a " + kind
                + ", not a directory");
        this.segment = segment;
        this.index = index;
        this.node = node;
        this.kind = kind;
    }

    /** The segment that could not be looked up. */
    public String segment() {
        return segment;
    }

    public int index() {
        return index;
    }

    /** The non-directory the path tried to continue through. */
    public Cid node() {
        return node;
    }

    public UnixfsNode.Kind kind() {
        return kind;
    }
}
