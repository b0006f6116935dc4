package dev.cairn.unixfs.reader;

import dev.cairn.cid.Cid;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.unixfs.UnixfsData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One block seen through UnixFS eyes: what kind of entity it is, its size when it has one, and its
 * links. Decoding is strict for the parts a reader relies on (dag-pb framing, the UnixFS message of
 * a node that claims to be UnixFS) and lenient about what it only passes through.
 *
 * <p>The block bytes are shared, not copied: callers must not mutate {@link #block()}.
 */
public final class UnixfsNode {
    /** What a block is to a UnixFS reader. */
    public enum Kind {
        /** dag-pb {@code Type=File} (or the deprecated {@code Type=Raw}): file bytes, maybe over children. */
        FILE,
        /** A raw-codec block: the block is the whole file. */
        RAW_FILE,
        /** dag-pb {@code Type=Directory}: one link per entry. */
        DIRECTORY,
        /** dag-pb {@code Type=HAMTShard}: the root shard of a sharded directory. */
        HAMT_DIRECTORY,
        /** dag-pb {@code Type=Symlink}: {@code Data} is the target path. */
        SYMLINK,
        /** dag-pb without a UnixFS message (or with {@code Type=Metadata}): links but no file meaning. */
        DAG_PB,
        /** Any other codec (dag-cbor, dag-json, ...): not UnixFS, not decoded here. */
        OTHER
    }

    private final Cid cid;
    private final Kind kind;
    private final byte[] block;
    private final PbNode pb;
    private final UnixfsData unixfs;

    private UnixfsNode(Cid cid, Kind kind, byte[] block, PbNode pb, UnixfsData unixfs) {
        this.cid = cid;
        this.kind = kind;
        this.block = block;
        this.pb = pb;
        this.unixfs = unixfs;
    }

    /**
     * Classifies a block already fetched (and verified) for {@code cid}.
     *
     * @throws CodecException when a dag-pb block is malformed
     */
    public static UnixfsNode decode(Cid cid, byte[] block) {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(block, "block");
        if (cid.codec() == Multicodec.RAW.code()) {
            return new UnixfsNode(cid, Kind.RAW_FILE, block, null, null);
        }
        if (cid.codec() != Multicodec.DAG_PB.code()) {
            return new UnixfsNode(cid, Kind.OTHER, block, null, null);
        }
        PbNode pb = DagPb.decode(block);
        if (pb.data() == null) {
            return new UnixfsNode(cid, Kind.DAG_PB, block, pb, null);
        }
        UnixfsData data;
        try {
            data = UnixfsData.decode(pb.data());
        } catch (CodecException e) {
            // dag-pb may carry any Data; only a well-formed UnixFS message makes it UnixFS. Treating
            // the rest as plain dag-pb is what boxo does, and it never yields file bytes.
            return new UnixfsNode(cid, Kind.DAG_PB, block, pb, null);
        }
        Kind kind = switch (data.type()) {
            case FILE, RAW -> Kind.FILE;
            case DIRECTORY -> Kind.DIRECTORY;
            case HAMT_SHARD -> Kind.HAMT_DIRECTORY;
            case SYMLINK -> Kind.SYMLINK;
            case METADATA -> Kind.DAG_PB;
        };
        return new UnixfsNode(cid, kind, block, pb, data);
    }

    public Cid cid() {
        return cid;
    }

    public Kind kind() {
        return kind;
    }

    /** True for both file kinds: the bytes can be read with {@link UnixfsReader#open}. */
    public boolean isFile() {
        return kind == Kind.FILE || kind == Kind.RAW_FILE;
    }

    /** True for basic and HAMT directories: entries can be listed and looked up. */
    public boolean isDirectory() {
        return kind == Kind.DIRECTORY || kind == Kind.HAMT_DIRECTORY;
    }

    /** The block bytes as fetched. */
    public byte[] block() {
        return block;
    }

    /**
     * File length for files ({@code len(Data) + sum(blocksizes)}, the raw block length for raw
     * blocks), target length for symlinks, empty for everything else (a directory's size is the
     * sum of its links' Tsize, which is a hint, not a fact). A file whose blocksizes overflow a
     * long is a {@link CodecException}.
     */
    public OptionalLong size() {
        return switch (kind) {
            case RAW_FILE -> OptionalLong.of(block.length);
            case FILE -> OptionalLong.of(FileCursor.contentSize(cid, unixfs));
            case SYMLINK -> OptionalLong.of(unixfs.data() == null ? 0 : unixfs.data().length);
            default -> OptionalLong.empty();
        };
    }

    /** The dag-pb links (empty for raw and other codecs). For a HAMT these are shard links, prefixes included. */
    public List<PbLink> links() {
        return pb == null ? List.of() : pb.links();
    }

    /** The decoded dag-pb node, absent for raw and other codecs. */
    public Optional<PbNode> dagPb() {
        return Optional.ofNullable(pb);
    }

    /** The UnixFS message, absent unless the block is a UnixFS dag-pb node. */
    public Optional<UnixfsData> unixfs() {
        return Optional.ofNullable(unixfs);
    }

    /** The target of a symlink, decoded as UTF-8. */
    public String symlinkTarget() {
        if (kind != Kind.SYMLINK) {
            throw new IllegalStateException(cid + " is a " + kind + ", not a symlink");
        }
        byte[] target = unixfs.data();
        return target == null ? "" : new String(target, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "UnixfsNode[" + cid + ", " + kind + "]";
    }
}
