package dev.cairn.content;

import dev.cairn.block.BlockSource;
import dev.cairn.car.CarHeader;
import dev.cairn.car.CarReadOptions;
import dev.cairn.car.CarReader;
import dev.cairn.car.CarSection;
import dev.cairn.cid.Cid;
import dev.cairn.dag.DagExport;
import dev.cairn.dag.Links;
import dev.cairn.membership.LinkLog;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.store.BlockStore;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.StoreStats;
import dev.cairn.unixfs.importer.ImportOptions;
import dev.cairn.unixfs.importer.ImportedEntry;
import dev.cairn.unixfs.importer.Importer;
import dev.cairn.unixfs.reader.Resolution;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Adds and reads content over a {@link BlockStore}. Every write is one ingest: all its blocks
 * become visible together on success, none on failure (bad input, I/O error, crash).
 */
public final class ContentService {
    private final BlockStore store;
    private final BlockSource source;

    public ContentService(BlockStore store) {
        this.store = store;
        this.source = store.withIdentity();
    }

    /** Result of a CAR import: the header roots, and what was written. */
    /**
     * @param missingRoots  roots that are neither in the CAR nor stored
     * @param absentBlocks  linked blocks in neither the CAR nor the store; roots are pinned only
     *                      when this and {@code missingRoots} are empty
     */
    public record CarImport(List<Cid> roots, long blocks, long bytes, List<Cid> missingRoots, long absentBlocks) {
        public boolean pinned() {
            return missingRoots.isEmpty() && absentBlocks == 0;
        }
    }

    /** Computes the CIDs {@link #add} would give, storing nothing (no store needed). */
    public static List<ImportedEntry> hashOnly(List<Path> paths, boolean recursive, ImportOptions options,
                                               LongConsumer progress) throws IOException {
        return new Importer(block -> { }, options).progress(progress).addPaths(paths, recursive);
    }

    /**
     * Imports files and directories as {@code ipfs add [-r]} does, in one ingest, pinning every
     * root (each path is its own root unless wrapped) through {@code pinner} in the same
     * transaction. Returns Kubo's entries, root last.
     */
    public List<ImportedEntry> add(List<Path> paths, boolean recursive, ImportOptions options,
                                   LongConsumer progress, UploadPinner pinner) throws IOException {
        LinkLog links = new LinkLog();
        try (BlockWriter writer = store.writer()) {
            List<ImportedEntry> entries = new Importer(links.sink(writer), options).progress(progress)
                    .addPaths(paths, recursive);
            List<ImportedEntry> roots = roots(entries, paths.size(), options.wrapWithDirectory());
            commit(writer, links, pinner, roots.stream().map(ImportedEntry::cid).toList(),
                    roots.stream().map(ImportedEntry::path).toList());
            return entries;
        }
    }

    /**
     * Commits the ingest, with the pins of {@code roots} in the same transaction when there are any.
     * {@code links} (what the ingest wrote) and the store name each root's DAG for the pins'
     * membership rows.
     */
    private void commit(BlockWriter writer, LinkLog links, UploadPinner pinner, List<Cid> roots, List<String> names) {
        if (pinner == UploadPinner.NONE || roots.isEmpty()) {
            writer.commit();
            return;
        }
        UploadPinner ready = pinner.prepared();
        var members = links.over(source);
        writer.commit(tx -> {
            for (int i = 0; i < roots.size(); i++) {
                ready.pin(tx, roots.get(i), names.get(i), members);
            }
        });
    }

    /** The top-level entries of an add: the wrapping directory, or one per path given. */
    private static List<ImportedEntry> roots(List<ImportedEntry> entries, int paths, boolean wrapped) {
        if (wrapped) {
            return List.of(entries.get(entries.size() - 1));
        }
        List<ImportedEntry> roots = new ArrayList<>();
        for (ImportedEntry e : entries) {
            if (!e.path().contains("/")) {
                roots.add(e);
            }
        }
        return roots.isEmpty() ? List.of(entries.get(entries.size() - 1)) : roots;
    }

    /** Fills an import session entry by entry (a multipart upload's parts). */
    @FunctionalInterface
    public interface SessionWork {
        void fill(dev.cairn.unixfs.importer.ImportSession session) throws IOException;
    }

    /**
     * Imports a tree given entry by entry, in one ingest, pinning its roots (the wrapper, or each
     * top-level entry) through {@code pinner}. With {@code onlyHash} nothing is stored or pinned.
     * Returns Kubo's entries, roots last in their groups.
     */
    public List<ImportedEntry> addSession(ImportOptions options, boolean onlyHash, LongConsumer progress,
                                          UploadPinner pinner, SessionWork work) throws IOException {
        if (onlyHash) {
            dev.cairn.unixfs.importer.ImportSession s = new Importer(block -> { }, options).progress(progress).session();
            work.fill(s);
            return s.finish();
        }
        LinkLog links = new LinkLog();
        try (BlockWriter writer = store.writer()) {
            dev.cairn.unixfs.importer.ImportSession s = new Importer(links.sink(writer), options).progress(progress)
                    .session();
            work.fill(s);
            List<ImportedEntry> entries = s.finish();
            if (entries.isEmpty()) {
                writer.commit();
                return entries;
            }
            List<ImportedEntry> roots = options.wrapWithDirectory()
                    ? List.of(entries.get(entries.size() - 1))
                    : entries.stream().filter(e -> !e.path().contains("/")).toList();
            commit(writer, links, pinner, roots.stream().map(ImportedEntry::cid).toList(),
                    roots.stream().map(ImportedEntry::path).toList());
            return entries;
        }
    }

    /**
     * Stores one block ({@code block/put}): the store verifies its hash, and a block of a codec
     * Cairn walks must decode. Pinned through {@code pinner} when its links are all stored.
     *
     * @throws CodecException when a dag-pb, dag-cbor or dag-json block does not decode
     */
    public void putBlock(dev.cairn.block.Block block, UploadPinner pinner) {
        List<Cid> links = linksOf(block.cid(), block.data());
        LinkLog log = new LinkLog();
        try (BlockWriter writer = store.writer()) {
            log.sink(writer).put(block);
            boolean complete = links.stream().allMatch(l -> l.isIdentity() || store.has(l));
            commit(writer, log, complete ? pinner : UploadPinner.NONE, List.of(block.cid()), List.of(""));
        }
    }

    /** Imports one stream as a file named {@code name}, pinned through {@code pinner}. */
    public ImportedEntry addStream(String name, InputStream data, ImportOptions options, UploadPinner pinner)
            throws IOException {
        LinkLog links = new LinkLog();
        try (BlockWriter writer = store.writer()) {
            ImportedEntry entry = new Importer(links.sink(writer), options).addFile(name, data);
            commit(writer, links, pinner, List.of(entry.cid()), List.of(entry.path()));
            return entry;
        }
    }

    /**
     * Imports every block of the CAR files (v1 or v2) in one ingest: one bad block or truncated
     * file and nothing of any of them is stored. Blocks are verified by the store as they are written.
     */
    public CarImport importCars(List<Path> files, UploadPinner pinner) throws IOException {
        List<InputStreamSupplier> inputs = new ArrayList<>();
        for (Path file : files) {
            inputs.add(() -> Files.newInputStream(file));
        }
        return importCarStreams(inputs, pinner);
    }

    /** Opens one CAR input; lets {@link #importCarStreams} open files lazily, one at a time. */
    @FunctionalInterface
    public interface InputStreamSupplier {
        InputStream open() throws IOException;
    }

    /**
     * As {@link #importCars}, over streams. Blocks of codecs Cairn walks (dag-pb, dag-cbor) must
     * also decode: a block that hashes right but cannot be traversed is refused, not stored.
     * The header's roots are pinned (in the same transaction) when the DAG under them is complete,
     * that is when every block the CAR's blocks link to is in the CAR or already stored.
     */
    public CarImport importCarStreams(Iterable<InputStreamSupplier> inputs, UploadPinner pinner) throws IOException {
        LinkedHashSet<Cid> roots = new LinkedHashSet<>();
        java.util.Set<dev.cairn.multiformats.Multihash> have = new java.util.HashSet<>();
        java.util.Map<dev.cairn.multiformats.Multihash, Cid> linked = new java.util.HashMap<>();
        LinkLog log = new LinkLog();
        try (BlockWriter writer = store.writer()) {
            for (InputStreamSupplier input : inputs) {
                try (InputStream in = input.open();
                     CarReader car = CarReader.open(in, CarReadOptions.DEFAULTS.withVerify(false))) {
                    CarHeader header = car.header();
                    roots.addAll(header.roots());
                    ArrayDeque<Future<Checked>> inFlight = new ArrayDeque<>();
                    try {
                        Optional<CarSection> section;
                        while ((section = car.next()).isPresent()) {
                            CarSection s = section.get();
                            if (!s.isIdentity()) {
                                inFlight.add(VERIFIERS.submit(() -> check(s.cid(), s.data(), log)));
                                if (inFlight.size() >= VERIFY_WINDOW) {
                                    store(inFlight.poll(), writer, have, linked);
                                }
                            }
                        }
                        while (!inFlight.isEmpty()) {
                            store(inFlight.poll(), writer, have, linked);
                        }
                    } finally {
                        inFlight.forEach(f -> f.cancel(false));
                    }
                }
            }
            StoreStats written = writer.written();
            List<Cid> missing = new ArrayList<>();
            for (Cid root : roots) {
                if (!root.isIdentity() && !have.contains(root.multihash()) && !store.has(root)) {
                    missing.add(root);
                }
            }
            long absent = linked.entrySet().stream()
                    .filter(e -> !have.contains(e.getKey()) && !store.has(e.getValue())).count();
            boolean complete = missing.isEmpty() && absent == 0;
            List<Cid> pinned = complete ? List.copyOf(roots) : List.of();
            commit(writer, log, pinner, pinned, pinned.stream().map(r -> "").toList());
            return new CarImport(List.copyOf(roots), written.blocks(), written.bytes(), missing, complete ? 0 : absent);
        }
    }

    /**
     * CAR blocks are hashed and decoded on these threads, a window ahead of the importing thread,
     * which only parses the stream and writes in order: hashing was a fifth of an import's CPU.
     */
    private static final ExecutorService VERIFIERS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), r -> {
                Thread t = new Thread(r, "cairn-car-verify");
                t.setDaemon(true);
                return t;
            });
    /** Sections in flight: enough to keep every core busy, at most 16 (32 MiB of 2 MiB blocks). */
    private static final int VERIFY_WINDOW = Math.min(16, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    /** A CAR block whose hash was checked, and its links. */
    private record Checked(dev.cairn.block.Block block, List<Cid> links) {}

    /**
     * The hash first, then the structure, so that a lying block is reported as lying (a mismatch),
     * not as undecodable. Either failure aborts the whole ingest.
     */
    private static Checked check(Cid cid, byte[] data, LinkLog log) {
        dev.cairn.block.Block block = dev.cairn.block.Block.verified(cid, data);
        List<Cid> links = linksOf(cid, data);
        log.record(cid, data); // thread-safe; discarded with the ingest if a later block fails
        return new Checked(block, links);
    }

    /** Writes the next checked block in CAR order, rethrowing its check's failure as it was thrown. */
    private static void store(Future<Checked> next, BlockWriter writer, java.util.Set<dev.cairn.multiformats.Multihash> have,
                              java.util.Map<dev.cairn.multiformats.Multihash, Cid> linked) throws IOException {
        Checked c;
        try {
            c = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while verifying CAR blocks");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        writer.put(c.block()); // verified: the store does not hash it again
        have.add(c.block().cid().multihash());
        for (Cid link : c.links()) {
            if (!link.isIdentity()) {
                linked.putIfAbsent(link.multihash(), link);
            }
        }
    }

    /** The links of a block Cairn walks; a block of those codecs that does not decode is refused. */
    private static List<Cid> linksOf(Cid cid, byte[] data) {
        long codec = cid.codec();
        try {
            if (codec == Multicodec.DAG_PB.code() || codec == Multicodec.DAG_CBOR.code()
                    || codec == Multicodec.DAG_JSON.code()) {
                return Links.of(cid, data);
            }
            return List.of();
        } catch (CodecException e) {
            throw new CodecException("block " + cid + " is not valid " + Multicodec.nameOf(codec) + ": "
                    + e.getMessage(), e);
        }
    }

    /** A UnixFS reader over the store (identity CIDs answered from the CID). */
    public UnixfsReader unixfs() {
        return UnixfsReader.over(source);
    }

    /** Resolves {@code /ipfs/CID/a/b}, {@code CID/a/b} or {@code CID}. */
    public Resolution resolve(String path) {
        ContentPath p = ContentPath.parse(path);
        return unixfs().resolve(p.root(), p.remainder());
    }

    /** Writes the whole DAG under {@code root} as a CARv1 (DFS, no duplicates). */
    public long exportCar(Cid root, OutputStream out) throws IOException {
        return DagExport.writeCar(source, root, out);
    }

    /** {@link #block} as a read-only buffer the store may lend without copying ({@link BlockSource#view}). */
    public Optional<java.nio.ByteBuffer> blockView(Cid cid) {
        return source.view(cid);
    }

    /** The raw bytes of one block, if present (identity CIDs always are). */
    public Optional<byte[]> block(Cid cid) {
        return source.get(cid);
    }
}
