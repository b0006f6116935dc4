package dev.cairn.unixfs.importer;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * UnixFS importer producing the same CIDs as Kubo's {@code ipfs add} for the same options.
 *
 * <p>Blocks go to the sink as soon as they exist, children before parents, from the calling
 * thread only; leaf hashing runs on a small shared pool (see {@link LeafStream}). An importer is
 * not thread-safe: use one per upload.
 */
public final class Importer {
    private final BlockSink sink;
    private final ImportOptions options;
    private final BlockMaker maker;
    private final FileLayout layout;
    private final DirectoryBuilder directories;
    private LongConsumer progress = n -> { };
    private long imported;

    public Importer(BlockSink sink, ImportOptions options) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.options = Objects.requireNonNull(options, "options");
        this.maker = new BlockMaker(options);
        this.layout = new FileLayout(options.maxLinks(), maker, sink);
        this.directories = new DirectoryBuilder(options, maker, sink);
    }

    /** Called with the total file bytes imported so far, after each chunk. */
    public Importer progress(LongConsumer bytesSoFar) {
        this.progress = Objects.requireNonNull(bytesSoFar, "bytesSoFar");
        return this;
    }

    public ImportOptions options() {
        return options;
    }

    /**
     * One file from a stream; name is used only for the returned entry path and wrap-with-directory.
     * Returns the file's entry, or the wrapping directory's (path {@code ""}) when wrapping. A null
     * or empty name stands for the file's CID, as in Kubo ({@code echo hi | ipfs add -w}).
     */
    public ImportedEntry addFile(String name, InputStream data) throws IOException {
        PbLink root = importFile(data);
        // Kubo's adder names an unnamed file after its CID, also inside a wrapping directory
        String path = name == null || name.isEmpty() ? root.hash().toString() : name;
        if (options.wrapWithDirectory()) {
            TreeSession s = new TreeSession(this, true);
            s.addImported(path, root);
            List<ImportedEntry> entries = s.finish();
            return entries.get(entries.size() - 1);
        }
        return new ImportedEntry(path, root.hash(), root.tsize());
    }

    /**
     * Like {@code ipfs add [-r] PATH...}: returns one entry per added file/dir in Kubo's print order,
     * the root last. Directory entries are walked in byte order of their names; names starting
     * with '.' are skipped unless {@code hidden}; symbolic links become Symlink nodes (never
     * followed); empty directories are kept. Without wrap-with-directory each path is its own root.
     *
     * @throws IllegalArgumentException for a directory without {@code recursive}
     */
    public List<ImportedEntry> addPaths(List<Path> paths, boolean recursive) throws IOException {
        List<ImportedEntry> out = new ArrayList<>();
        ImportSession wrapper = options.wrapWithDirectory() ? session() : null;
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (abs.getFileName() == null) {
                throw new IllegalArgumentException("cannot add " + p + ": it has no name");
            }
            ImportSession s = wrapper != null ? wrapper : new TreeSession(this, false);
            walk(s, abs, abs.getFileName().toString(), recursive);
            if (wrapper == null) {
                out.addAll(s.finish());
            }
        }
        if (wrapper != null) {
            out.addAll(wrapper.finish());
        }
        return out;
    }

    /** A tree built entry by entry (multipart uploads). */
    public ImportSession session() {
        return new TreeSession(this, options.wrapWithDirectory());
    }

    private void walk(ImportSession s, Path p, String rel, boolean recursive) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
            s.addSymlink(rel, Files.readSymbolicLink(p).toString());
        } else if (a.isDirectory()) {
            if (!recursive) {
                throw new IllegalArgumentException(p + " is a directory, use the '-r' flag to add directories");
            }
            s.addDirectory(rel);
            List<Path> children;
            try (Stream<Path> list = Files.list(p)) {
                children = new ArrayList<>(list.toList());
            }
            children.sort((x, y) -> DirectoryBuilder.NAME_ORDER.compare(x.getFileName().toString(),
                    y.getFileName().toString()));
            for (Path c : children) {
                String name = c.getFileName().toString();
                if (!options.hidden() && name.startsWith(".")) {
                    continue;
                }
                walk(s, c, rel + "/" + name, true);
            }
        } else {
            try (InputStream in = Files.newInputStream(p)) {
                s.addFile(rel, in);
            }
        }
    }

    /** Imports one file's bytes; returns a link (no name) with the cumulative size as Tsize. */
    PbLink importFile(InputStream data) throws IOException {
        DataType leafType = options.trickle() ? DataType.RAW : DataType.FILE;
        try (LeafStream leaves = new LeafStream(data, options, leafType, maker, sink, this::advance)) {
            Leaf root = options.trickle() ? layout.trickle(leaves) : layout.balanced(leaves);
            return new PbLink(root.cid(), null, root.tsize());
        }
    }

    /** boxo {@code SymlinkData}: {@code Type=Symlink, Data=target}, no filesize. */
    PbLink symlink(String target) {
        byte[] data = new UnixfsData(DataType.SYMLINK, target.getBytes(StandardCharsets.UTF_8), null, List.of(),
                null, null, null, null).encode();
        Block b = maker.dagPb(DagPb.encode(new PbNode(List.of(), data)));
        sink.put(b);
        return new PbLink(b.cid(), null, (long) b.size());
    }

    DirectoryBuilder.Built directory(List<PbLink> entries) {
        return directories.build(entries);
    }

    private void advance(long bytes) {
        imported += bytes;
        progress.accept(imported);
    }
}
