package dev.cairn.unixfs.reader;

import dev.cairn.cid.Cid;

/** Bytes were asked of something that is not a file (a directory, a symlink, a non-UnixFS node). */
public final class NotAFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Cid cid;
    private final UnixfsNode.Kind kind;

    public NotAFileException(Cid cid, UnixfsNode.Kind kind) {
        super(cid + " is a " + kind + ", not a file");
        this.cid = cid;
        this.kind = kind;
    }

    public Cid cid() {
        return cid;
    }

    public UnixfsNode.Kind kind() {
        return kind;
    }
}
