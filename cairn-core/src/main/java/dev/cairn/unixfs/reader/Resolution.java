package dev.cairn.unixfs.reader;

import dev.cairn.cid.Cid;
import java.util.List;

/**
 * A resolved content path.
 *
 * @param node   the terminal node (a symlink is returned as itself, its target readable)
 * @param path   the CIDs of the logical path: root, each directory, terminal (HAMT inner shards not listed)
 * @param blocks every block read to resolve it, in order: what a CAR export of the path must
 *               carry before the terminal entity (HAMT shards on the lookup path included)
 */
public record Resolution(UnixfsNode node, List<Cid> path, List<Cid> blocks) {
    public Resolution {
        path = List.copyOf(path);
        blocks = List.copyOf(blocks);
    }

    /** The terminal CID. */
    public Cid cid() {
        return node.cid();
    }
}
