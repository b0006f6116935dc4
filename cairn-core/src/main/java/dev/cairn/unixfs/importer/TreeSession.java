package dev.cairn.unixfs.importer;

import dev.cairn.dagpb.PbLink;
import dev.cairn.multiformats.Murmur3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ImportSession} over an in-memory tree of links (files are already stored; only their
 * links are kept), built bottom-up at {@link #finish()}.
 *
 * <p>Print order follows Kubo's adder: files as they are added, then {@code outputDirs}, which
 * walks each directory's children in the order its node lists them (name order for a basic
 * directory, hash order for a HAMT) and prints a directory after its subdirectories.
 */
final class TreeSession implements ImportSession {
    private final Importer importer;
    private final boolean wrap;
    private final Dir root = new Dir();
    private final List<String> topLevel = new ArrayList<>();
    private final List<Added> added = new ArrayList<>();
    private boolean finished;

    TreeSession(Importer importer, boolean wrap) {
        this.importer = importer;
        this.wrap = wrap;
    }

    private sealed interface Node permits Stored, Dir {}

    private record Stored(PbLink link) implements Node {}

    private static final class Dir implements Node {
        final Map<String, Node> children = new HashMap<>();
    }

    private record Added(String top, ImportedEntry entry) {}

    @Override
    public void addFile(String path, InputStream data) throws IOException {
        String[] seg = split(path);
        Dir parent = freshSlot(seg);
        PbLink link = importer.importFile(data);
        put(parent, seg, link);
    }

    /** A file imported before the session knew its name. */
    void addImported(String path, PbLink file) {
        String[] seg = split(path);
        Dir parent = freshSlot(seg);
        put(parent, seg, file);
    }

    @Override
    public void addDirectory(String path) {
        String[] seg = split(path);
        mkdirs(seg, seg.length);
        noteTop(seg[0]);
    }

    @Override
    public void addSymlink(String path, String target) {
        String[] seg = split(path);
        Dir parent = freshSlot(seg);
        put(parent, seg, importer.symlink(target));
    }

    @Override
    public List<ImportedEntry> finish() {
        if (finished) {
            throw new IllegalStateException("session already finished");
        }
        finished = true;
        List<ImportedEntry> out = new ArrayList<>();
        if (wrap) {
            added.forEach(a -> out.add(a.entry));
            out.addAll(build(root, "").entries);
            return out;
        }
        for (String top : topLevel) {
            for (Added a : added) {
                if (a.top.equals(top)) {
                    out.add(a.entry);
                }
            }
            if (root.children.get(top) instanceof Dir d) {
                out.addAll(build(d, top).entries);
            }
        }
        return out;
    }

    private record Result(PbLink link, List<ImportedEntry> entries) {}

    private Result build(Dir dir, String path) {
        List<PbLink> links = new ArrayList<>(dir.children.size());
        Map<String, Result> subdirs = new HashMap<>();
        for (Map.Entry<String, Node> e : dir.children.entrySet()) {
            String name = e.getKey();
            PbLink link;
            if (e.getValue() instanceof Dir d) {
                Result r = build(d, path.isEmpty() ? name : path + "/" + name);
                subdirs.put(name, r);
                link = r.link;
            } else {
                link = ((Stored) e.getValue()).link;
            }
            links.add(new PbLink(link.hash(), name, link.tsize()));
        }
        DirectoryBuilder.Built built = importer.directory(links);
        List<String> order = new ArrayList<>(subdirs.keySet());
        order.sort(built.sharded() ? HAMT_ORDER : DirectoryBuilder.NAME_ORDER);
        List<ImportedEntry> entries = new ArrayList<>();
        for (String name : order) {
            entries.addAll(subdirs.get(name).entries);
        }
        entries.add(new ImportedEntry(path, built.link().hash(), built.link().tsize()));
        return new Result(built.link(), entries);
    }

    /** A HAMT lists entries in bucket order at each level, i.e. by unsigned hash bytes. */
    private static final Comparator<String> HAMT_ORDER = (a, b) -> Arrays.compareUnsigned(
            Murmur3.hamtHash(a.getBytes(StandardCharsets.UTF_8)), Murmur3.hamtHash(b.getBytes(StandardCharsets.UTF_8)));

    private Dir freshSlot(String[] seg) {
        checkOpen();
        Dir parent = mkdirs(seg, seg.length - 1);
        if (parent.children.containsKey(seg[seg.length - 1])) {
            throw new IllegalArgumentException("'" + String.join("/", seg) + "' was already added");
        }
        return parent;
    }

    private void put(Dir parent, String[] seg, PbLink link) {
        parent.children.put(seg[seg.length - 1], new Stored(link));
        noteTop(seg[0]);
        added.add(new Added(seg[0], new ImportedEntry(String.join("/", seg), link.hash(), link.tsize())));
    }

    private Dir mkdirs(String[] seg, int count) {
        checkOpen();
        Dir d = root;
        for (int i = 0; i < count; i++) {
            Node n = d.children.computeIfAbsent(seg[i], k -> new Dir());
            if (!(n instanceof Dir sub)) {
                throw new IllegalArgumentException("'" + String.join("/", Arrays.copyOf(seg, i + 1))
                        + "' is a file, not a directory");
            }
            d = sub;
        }
        return d;
    }

    private void noteTop(String name) {
        if (!topLevel.contains(name)) {
            topLevel.add(name);
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("session already finished");
        }
    }

    private static String[] split(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("path must not be empty");
        }
        String[] seg = path.split("/", -1);
        for (String s : seg) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException("invalid path '" + path
                        + "': empty, '.' and '..' segments are not allowed");
            }
        }
        return seg;
    }
}
