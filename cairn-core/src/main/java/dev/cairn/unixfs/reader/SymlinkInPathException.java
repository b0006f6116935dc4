package dev.cairn.unixfs.reader;

import dev.cairn.cid.Cid;

/**
 * The path goes on past a symlink. Symlinks are never followed (path-gateway.md: a gateway serves
 * the link, it does not chase it, since the target may point anywhere, including outside the DAG);
 * the target is carried so a surface can say where it pointed.
 */
public final class SymlinkInPathException extends PathException {
    private static final long serialVersionUID = 1L;
    private final int index;
    private final transient Cid symlink;
    private final String target;

    public SymlinkInPathException(int index, Cid symlink, String target) {
        super("path continues past a symlink (path segment " + index + ", " + symlink + " -> '" + target + "')");
        this.index = index;
        this.symlink = symlink;
        this.target = target;
    }

    /** The index of the first segment after the symlink. */
    public int index() {
        return index;
    }

    public Cid symlink() {
        return symlink;
    }

    public String target() {
        return target;
    }
}
