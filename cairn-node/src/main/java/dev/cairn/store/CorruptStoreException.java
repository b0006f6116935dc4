package dev.cairn.store;

import java.util.List;

/**
 * Committed data is missing or damaged: a pack the index points at is gone or shorter than what
 * was committed. Never repaired silently, since the index promises blocks that cannot be served;
 * an operator restores the files from backup or runs a repair that forgets the lost blocks.
 */
public final class CorruptStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public CorruptStoreException(List<String> problems) {
        super("block store is corrupt: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per damaged pack. */
    public List<String> problems() {
        return problems;
    }
}
