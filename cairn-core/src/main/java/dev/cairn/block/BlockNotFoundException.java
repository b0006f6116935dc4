package dev.cairn.block;

import dev.cairn.cid.Cid;

/** A block needed to answer a request is not available from the source asked. */
public final class BlockNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Cid cid;

    public BlockNotFoundException(Cid cid) {
        super("block not found: " + cid);
        this.cid = cid;
    }

    public Cid cid() {
        return cid;
    }
}
