package dev.cairn.block;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;

/** Bytes claimed to be the block of a CID hash to something else. */
public final class BlockMismatchException extends CodecException {
    private static final long serialVersionUID = 1L;
    private final transient Cid cid;

    public BlockMismatchException(Cid cid) {
        super("block bytes do not match CID " + cid);
        this.cid = cid;
    }

    public Cid cid() {
        return cid;
    }
}
