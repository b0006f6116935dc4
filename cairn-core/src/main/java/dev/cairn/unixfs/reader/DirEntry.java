package dev.cairn.unixfs.reader;

import dev.cairn.cid.Cid;
import java.util.Objects;

/**
 * One directory entry as its parent links it. {@code tsize} is the parent's claim of the entry's
 * cumulative size (null when the link has none): good for listings, never for byte counts.
 */
public record DirEntry(String name, Cid cid, Long tsize) {
    public DirEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cid, "cid");
    }
}
