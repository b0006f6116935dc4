package dev.cairn.unixfs.importer;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;

/**
 * Names blocks the way Kubo's CID builder does: dag-pb nodes are CIDv0 or CIDv1, raw leaves are
 * always CIDv1 (boxo {@code NewRawNodeWPrefix} switches a v0 builder to v1), and with
 * {@code inline} any block of at most {@code inlineLimit} bytes gets a CIDv1 identity multihash
 * of the same codec (go-cidutil {@code InlineBuilder}). Thread-safe: pipeline workers call it.
 */
final class BlockMaker {
    private final ImportOptions options;

    BlockMaker(ImportOptions options) {
        this.options = options;
    }

    Block dagPb(byte[] bytes) {
        if (inlined(bytes)) {
            return Block.hashed(Cid.v1(Multicodec.DAG_PB, Multihash.digest(Multicodec.IDENTITY.code(), bytes)), bytes);
        }
        Multihash mh = Multihash.sha256(bytes);
        return Block.hashed(options.cidVersion() == 0 ? Cid.v0(mh) : Cid.v1(Multicodec.DAG_PB, mh), bytes);
    }

    Block raw(byte[] bytes) {
        Multihash mh = inlined(bytes)
                ? Multihash.digest(Multicodec.IDENTITY.code(), bytes)
                : Multihash.sha256(bytes);
        return Block.hashed(Cid.v1(Multicodec.RAW, mh), bytes);
    }

    private boolean inlined(byte[] bytes) {
        return options.inline() && bytes.length <= options.inlineLimit();
    }
}
