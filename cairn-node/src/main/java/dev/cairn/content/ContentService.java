package dev.cairn.content;

import dev.cairn.block.BlockSource;
import dev.cairn.car.CarHeader;
import dev.cairn.car.CarReadOptions;
import dev.cairn.car.CarReader;
import dev.cairn.car.CarSection;
import dev.cairn.cid.Cid;
import dev.cairn.dag.DagExport;
import dev.cairn.dag.Links;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
    public record CarImport(List<Cid> roots, long blocks, long bytes, List<Cid> missingRoots) {}

    /** Computes the CIDs {@link #add} would give, storing nothing (no store needed). */
    public static List<ImportedEntry> hashOnly(List<Path> paths, boolean recursive, ImportOptions options,
                                               LongConsumer progress) throws IOException {
        return new Importer(block -> { }, options).progress(progress).addPaths(paths, recursive);
    }

    /**
     * Imports files and directories as {@code ipfs add [-r]} does, in one ingest. Returns Kubo's
     * entries, root last.
     */
    public List<ImportedEntry> add(List<Path> paths, boolean recursive, ImportOptions options,
                                   LongConsumer progress) throws IOException {
        try (BlockWriter writer = store.writer()) {
            List<ImportedEntry> entries = new Importer(writer, options).progress(progress).addPaths(paths, recursive);
            writer.commit();
            return entries;
        }
    }

    /** Imports one stream as a file named {@code name}. */
    public ImportedEntry addStream(String name, InputStream data, ImportOptions options) throws IOException {
        try (BlockWriter writer = store.writer()) {
            ImportedEntry entry = new Importer(writer, options).addFile(name, data);
            writer.commit();
            return entry;
        }
    }

    /**
     * Imports every block of the CAR files (v1 or v2) in one ingest: one bad block or truncated
     * file and nothing of any of them is stored. Blocks are verified by the store as they are written.
     */
    public CarImport importCars(List<Path> files) throws IOException {
        List<InputStreamSupplier> inputs = new ArrayList<>();
        for (Path file : files) {
            inputs.add(() -> Files.newInputStream(file));
        }
        return importCarStreams(inputs);
    }

    /** Opens one CAR input; lets {@link #importCarStreams} open files lazily, one at a time. */
    @FunctionalInterface
    public interface InputStreamSupplier {
        InputStream open() throws IOException;
    }

    /**
     * As {@link #importCars}, over streams. Blocks of codecs Cairn walks (dag-pb, dag-cbor) must
     * also decode: a block that hashes right but cannot be traversed is refused, not stored.
     */
    public CarImport importCarStreams(List<InputStreamSupplier> inputs) throws IOException {
        LinkedHashSet<Cid> roots = new LinkedHashSet<>();
        try (BlockWriter writer = store.writer()) {
            for (InputStreamSupplier input : inputs) {
                try (InputStream in = input.open();
                     CarReader car = CarReader.open(in, CarReadOptions.DEFAULTS.withVerify(false))) {
                    CarHeader header = car.header();
                    roots.addAll(header.roots());
                    Optional<CarSection> section;
                    while ((section = car.next()).isPresent()) {
                        CarSection s = section.get();
                        if (!s.isIdentity()) {
                            // The store verifies the hash on put; structure is checked after it so that a
                            // lying block is reported as lying. Either failure aborts the whole ingest.
                            writer.put(s.block());
                            checkDecodes(s.cid(), s.data());
                        }
                    }
                }
            }
            StoreStats written = writer.written();
            writer.commit();
            List<Cid> missing = new ArrayList<>();
            for (Cid root : roots) {
                if (!root.isIdentity() && !store.has(root)) {
                    missing.add(root);
                }
            }
            return new CarImport(List.copyOf(roots), written.blocks(), written.bytes(), missing);
        }
    }

    private static void checkDecodes(Cid cid, byte[] data) {
        long codec = cid.codec();
        try {
            if (codec == Multicodec.DAG_PB.code() || codec == Multicodec.DAG_CBOR.code()) {
                Links.of(cid, data);
            }
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

    /** The raw bytes of one block, if present (identity CIDs always are). */
    public Optional<byte[]> block(Cid cid) {
        return source.get(cid);
    }
}
