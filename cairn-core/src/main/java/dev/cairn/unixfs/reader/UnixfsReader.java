package dev.cairn.unixfs.reader;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.dagpb.PbLink;
import dev.cairn.multiformats.CodecException;
import dev.cairn.unixfs.hamt.HamtReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads UnixFS content out of a {@link BlockSource}: nodes, file bytes (with random access), the
 * blocks covering a byte range, directory listings (basic and HAMT) and paths. It fetches only the
 * blocks an answer needs and holds no state between calls, so one instance serves many threads.
 *
 * <p>Failures: a missing block is {@link dev.cairn.block.BlockNotFoundException}; a DAG that breaks
 * UnixFS rules (or lies about sizes) is {@link CodecException}; a path that names nothing is a
 * {@link PathException}; asking a directory for bytes is {@link NotAFileException}.
 */
public final class UnixfsReader {
    private final BlockSource source;
    private final HamtReader hamt;

    private UnixfsReader(BlockSource source) {
        this.source = source;
        this.hamt = new HamtReader(source);
    }

    /** A reader over {@code source}; identity CIDs are answered from the CID itself. */
    public static UnixfsReader over(BlockSource source) {
        return new UnixfsReader(Objects.requireNonNull(source, "source").withIdentity());
    }

    /** Fetches and classifies one block. */
    public UnixfsNode node(Cid cid) {
        return UnixfsNode.decode(cid, source.require(cid));
    }

    /** The whole file. */
    public InputStream open(Cid file) {
        return open(file, 0, Long.MAX_VALUE);
    }

    /**
     * The file bytes {@code [offset, offset + length)}, clipped to the file's end (an offset at or
     * past the end gives an empty stream). The root is fetched now, so a missing root or a
     * non-file fails here; other blocks are fetched as the stream reaches them.
     */
    public InputStream open(Cid file, long offset, long length) {
        UnixfsNode root = file(file);
        return new FileStream(cursor(root, offset, length, true, cid -> { }));
    }

    /** {@link #open(Cid, long, long)} for a node already fetched (e.g. the terminal of a {@link Resolution}). */
    public InputStream open(UnixfsNode file, long offset, long length) {
        requireFile(file);
        return new FileStream(cursor(file, offset, length, true, cid -> { }));
    }

    /**
     * Writes the file bytes {@code [offset, offset + length)} (clipped like {@link #open}) to
     * {@code out} as buffers sharing the stored bytes: the zero-copy path for a server sending a
     * file, when the source lends its blocks ({@link BlockSource#view}). Blocks are fetched as the
     * write reaches them, so a failure may come after bytes went out; the caller must then abort.
     *
     * @return how many bytes were written
     */
    public long write(UnixfsNode file, long offset, long length, WritableByteChannel out) throws IOException {
        requireFile(file);
        try (FileStream in = new FileStream(cursor(file, offset, length, true, cid -> { }))) {
            return in.transferTo(out);
        }
    }

    /**
     * The blocks a verifier needs for the bytes {@code [offset, offset + length)} of a file: the
     * root, then in depth-first order every inner node and leaf whose span intersects the range
     * (trustless-gateway.md {@code entity-bytes}). A zero-length range gives the root alone. Inner
     * dag-pb nodes are fetched (their links decide what follows); raw leaves are named, not
     * fetched. Identity CIDs are listed too: a CAR writer must drop them.
     */
    public List<Cid> blocksCovering(Cid file, long offset, long length) {
        UnixfsNode root = file(file);
        List<Cid> out = new ArrayList<>();
        cursor(root, offset, length, false, out::add).drain();
        return out;
    }

    /**
     * The entries of a basic or HAMT directory, in link order, lazily: a HAMT's sub-shards are
     * fetched as the stream reaches them. A name repeated in a basic directory is listed once
     * (first wins, as lookups do).
     *
     * @throws NotADirectoryException when {@code dir} is not a directory (segment "" and index -1)
     */
    public Stream<DirEntry> list(Cid dir) {
        return list(node(dir));
    }

    /** {@link #list(Cid)} for a node already fetched. */
    public Stream<DirEntry> list(UnixfsNode dir) {
        Iterator<DirEntry> it = switch (dir.kind()) {
            case DIRECTORY -> basicEntries(dir);
            case HAMT_DIRECTORY -> {
                Iterator<PbLink> links = hamt.entries(dir.cid(), dir.dagPb().orElseThrow(), dir.unixfs().orElseThrow());
                yield new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return links.hasNext();
                    }

                    @Override
                    public DirEntry next() {
                        PbLink l = links.next();
                        return new DirEntry(l.name(), l.hash(), l.tsize());
                    }
                };
            }
            default -> throw new NotADirectoryException("", -1, dir.cid(), dir.kind());
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * One entry of a basic or HAMT directory by name (first link wins), reading only the HAMT
     * shards on the name's hash path; e.g. a gateway looking for {@code index.html}.
     *
     * @throws NotADirectoryException when {@code dir} is not a directory
     */
    public Optional<DirEntry> entry(UnixfsNode dir, String name) {
        return switch (dir.kind()) {
            case DIRECTORY -> dir.links().stream().filter(l -> name.equals(l.name())).findFirst()
                    .map(l -> new DirEntry(name, l.hash(), l.tsize()));
            case HAMT_DIRECTORY -> hamt.find(dir.cid(), dir.dagPb().orElseThrow(), dir.unixfs().orElseThrow(), name)
                    .entry().map(l -> new DirEntry(l.name(), l.hash(), l.tsize()));
            default -> throw new NotADirectoryException(name, 0, dir.cid(), dir.kind());
        };
    }

    /**
     * Every block of a directory entity without its entries' content (dag-scope=entity for a
     * directory): the node itself, or for a HAMT all its shards, depth-first.
     */
    public List<Cid> directoryBlocks(UnixfsNode dir) {
        return switch (dir.kind()) {
            case DIRECTORY -> List.of(dir.cid());
            case HAMT_DIRECTORY -> hamt.shardCids(dir.cid(), dir.dagPb().orElseThrow(), dir.unixfs().orElseThrow());
            default -> throw new NotADirectoryException("", -1, dir.cid(), dir.kind());
        };
    }

    /**
     * Resolves a slash-separated path of entry names (already percent-decoded) from {@code root}.
     * Empty and {@code .} segments are skipped and {@code ..} removes the previous segment before
     * anything is fetched; climbing above the root is an {@link InvalidPathException}. An empty
     * path resolves to the root.
     */
    public Resolution resolve(Cid root, String path) {
        return new PathResolver(this, hamt).resolve(root, path);
    }

    private Iterator<DirEntry> basicEntries(UnixfsNode dir) {
        Set<String> seen = new HashSet<>();
        List<DirEntry> entries = new ArrayList<>(dir.links().size());
        for (PbLink link : dir.links()) {
            if (link.name() == null) {
                throw new CodecException("unixfs: directory " + dir.cid() + " has a link without a name");
            }
            if (seen.add(link.name())) {
                entries.add(new DirEntry(link.name(), link.hash(), link.tsize()));
            }
        }
        return entries.iterator();
    }

    private UnixfsNode file(Cid cid) {
        return requireFile(node(cid));
    }

    private static UnixfsNode requireFile(UnixfsNode node) {
        if (!node.isFile()) {
            throw new NotAFileException(node.cid(), node.kind());
        }
        return node;
    }

    private FileCursor cursor(UnixfsNode root, long offset, long length, boolean fetchRawLeaves,
                              java.util.function.Consumer<Cid> onBlock) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0, got " + offset + ", " + length);
        }
        long end = offset + length < 0 ? Long.MAX_VALUE : offset + length; // saturate
        return new FileCursor(source, root, offset, end, fetchRawLeaves, onBlock);
    }
}
