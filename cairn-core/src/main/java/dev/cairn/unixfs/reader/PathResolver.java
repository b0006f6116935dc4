package dev.cairn.unixfs.reader;

import dev.cairn.cid.Cid;
import dev.cairn.dagpb.PbLink;
import dev.cairn.unixfs.hamt.HamtReader;
import java.util.ArrayList;
import java.util.List;

/** One path resolution: normalize the path, then walk it one directory (or HAMT) at a time. */
final class PathResolver {
    private final UnixfsReader reader;
    private final HamtReader hamt;

    PathResolver(UnixfsReader reader, HamtReader hamt) {
        this.reader = reader;
        this.hamt = hamt;
    }

    Resolution resolve(Cid root, String path) {
        List<String> segments = normalize(path);
        UnixfsNode node = reader.node(root);
        List<Cid> logical = new ArrayList<>();
        List<Cid> blocks = new ArrayList<>();
        logical.add(root);
        blocks.add(root);
        for (int i = 0; i < segments.size(); i++) {
            String name = segments.get(i);
            Cid child = switch (node.kind()) {
                case DIRECTORY -> firstNamed(node, name);
                case HAMT_DIRECTORY -> {
                    HamtReader.Lookup lookup = hamt.find(node.cid(), node.dagPb().orElseThrow(),
                            node.unixfs().orElseThrow(), name);
                    blocks.addAll(lookup.shards().subList(1, lookup.shards().size()));
                    yield lookup.entry().map(PbLink::hash).orElse(null);
                }
                case SYMLINK -> throw new SymlinkInPathException(i, node.cid(), node.symlinkTarget());
                default -> throw new NotADirectoryException(name, i, node.cid(), node.kind());
            };
            if (child == null) {
                throw new PathNotFoundException(name, i, node.cid(), blocks);
            }
            node = reader.node(child);
            logical.add(child);
            blocks.add(child);
        }
        return new Resolution(node, logical, blocks);
    }

    /** Duplicate names: the first link wins (unixfs.md). */
    private static Cid firstNamed(UnixfsNode dir, String name) {
        for (PbLink link : dir.links()) {
            if (name.equals(link.name())) {
                return link.hash();
            }
        }
        return null;
    }

    /** Splits on '/', drops empty and '.' segments, applies '..' lexically, never above the root. */
    static List<String> normalize(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (out.isEmpty()) {
                    throw new InvalidPathException(path, "'..' climbs above the root");
                }
                out.removeLast();
                continue;
            }
            out.add(s);
        }
        return out;
    }
}
