package dev.cairn.content;

import dev.cairn.cid.Cid;
import dev.cairn.membership.DagMembers;
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
     * As {@link #pin(Connection, Cid, String)}, with {@code members} naming the blocks of the DAG
     * under {@code root} (from the ingest's links and the store), so the pin's membership rows
     * commit with it. Pinners that keep no membership ignore it.
     */
    default void pin(Connection tx, Cid root, String name, DagMembers members) throws SQLException {
        pin(tx, root, name);
    }

    /**
     * Called once the ingest succeeded, just before its commit and outside its transaction: work
     * that needs its own transaction (such as creating the owner account) goes here, so a failed
     * ingest does none of it. Returns the pinner to commit with.
     */
    default UploadPinner prepared() {
        return this;
    }
}
