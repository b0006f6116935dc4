package dev.cairn.dagpb;

import dev.cairn.cid.Cid;
import java.util.Objects;

/**
 * A dag-pb link. {@code name} and {@code tsize} are optional (null when absent): an absent name
 * and an empty name encode differently, and Kubo writes the empty one on file-chunk links.
 */
public record PbLink(Cid hash, String name, Long tsize) {
    public PbLink {
        Objects.requireNonNull(hash, "hash");
        if (tsize != null && tsize < 0) {
            throw new IllegalArgumentException("tsize must be >= 0");
        }
    }

    /** Name as used for sorting and lookups: absent reads as empty. */
    public String nameOrEmpty() {
        return name == null ? "" : name;
    }
}
