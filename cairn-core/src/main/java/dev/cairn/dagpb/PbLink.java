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
        if (name != null) {
            requireWellFormed(name);
        }
    }

    /**
     * Names are UTF-8 on the wire. An unpaired surrogate has no UTF-8 form: Java's encoder would
     * silently write '?', giving a block whose decoded name differs from the one encoded.
     */
    private static void requireWellFormed(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("link name has an unpaired surrogate at index " + i);
            }
        }
    }

    /** Name as used for sorting and lookups: absent reads as empty. */
    public String nameOrEmpty() {
        return name == null ? "" : name;
    }
}
