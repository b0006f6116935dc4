package dev.cairn.content;

import dev.cairn.cid.Cid;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Records the pin of an upload inside the transaction that makes its blocks visible, so that
 * content is never stored unpinned (GC would reclaim it) nor pinned without its blocks.
 */
@FunctionalInterface
public interface UploadPinner {
    /** Pins nothing: the blocks are stored but only kept while something else pins them. */
    UploadPinner NONE = (tx, root, name) -> { };

    /** Pins {@code root} (complete in this ingest or the store) under {@code name}, in {@code tx}. */
    void pin(Connection tx, Cid root, String name) throws SQLException;

    /**
     * Called once the ingest succeeded, just before its commit and outside its transaction: work
     * that needs its own transaction (such as creating the owner account) goes here, so a failed
     * ingest does none of it. Returns the pinner to commit with.
     */
    default UploadPinner prepared() {
        return this;
    }
}
