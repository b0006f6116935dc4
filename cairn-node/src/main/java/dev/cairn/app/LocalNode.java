package dev.cairn.app;

import dev.cairn.content.ContentService;
import dev.cairn.db.Database;
import dev.cairn.store.BlockStore;
import dev.cairn.store.pack.PackBlockStore;
import dev.cairn.store.pack.PackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node's storage opened for use: the metadata database and the block store over it, plus the
 * services built on them. Opening runs pack recovery (what a crash left unindexed is deleted).
 * Close it to release the data directory's lock.
 */
public final class LocalNode implements AutoCloseable {
    /** File name of the embedded SQLite database inside the data directory. */
    public static final String DATABASE_FILE = "cairn.db";

    private final NodeContext context;
    private final Database database;
    private final BlockStore blocks;
    private final ContentService content;

    private LocalNode(NodeContext context, Database database, BlockStore blocks) {
        this.context = context;
        this.database = database;
        this.blocks = blocks;
        this.content = new ContentService(blocks);
    }

    /** Opens the storage named by the node's {@code [store]} section (embedded: SQLite + pack files). */
    public static LocalNode open(NodeContext context) {
        Path dataDir = context.config().store().dataDir();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Database db = Database.openSqlite(dataDir.resolve(DATABASE_FILE));
        try {
            PackOptions options = PackOptions.defaults()
                    .withPackSize(context.config().store().packSizeBytes())
                    .withFsync(context.config().store().fsync());
            return new LocalNode(context, db, PackBlockStore.open(dataDir, db, options));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public NodeContext context() {
        return context;
    }

    public BlockStore blocks() {
        return blocks;
    }

    public ContentService content() {
        return content;
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            blocks.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the block store failed: " + e.getMessage(), e);
        } finally {
            database.close();
        }
    }
}
