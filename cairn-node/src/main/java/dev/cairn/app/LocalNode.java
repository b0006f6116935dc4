package dev.cairn.app;

import dev.cairn.account.Account;
import dev.cairn.cid.Cid;
import dev.cairn.content.ContentService;
import dev.cairn.content.UploadPinner;
import dev.cairn.db.Database;
import dev.cairn.fetch.DagFetcher;
import dev.cairn.gc.GarbageCollector;
import dev.cairn.gc.GcBarrier;
import dev.cairn.gc.GcPolicy;
import dev.cairn.gc.GcScheduler;
import dev.cairn.gc.LivePins;
import dev.cairn.membership.DagMembers;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinLifecycle;
import dev.cairn.pin.jdbc.JdbcPinService;
import dev.cairn.pin.job.JdbcJobQueue;
import dev.cairn.pin.job.JobClock;
import dev.cairn.pin.job.PinWorkers;
import dev.cairn.quota.QuotaReservations;
import dev.cairn.quota.StorageQuotas;
import dev.cairn.store.BlockStore;
import dev.cairn.store.StoreInUseException;
import dev.cairn.store.pack.PackBlockStore;
import dev.cairn.store.pack.PackOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A node's storage opened for use: the metadata database and the block store over it, plus the
 * services built on them. Opening runs pack recovery (what a crash left unindexed is deleted).
 * Close it to release the data directory's lock.
 */
public final class LocalNode implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalNode.class);
    /** File name of the embedded SQLite database inside the data directory. */
    public static final String DATABASE_FILE = "cairn.db";

    private final NodeContext context;
    private final Database database;
    private final BlockStore blocks;
    private final ContentService content;
    private final GcBarrier gcBarrier = new GcBarrier();
    private final JdbcJobQueue jobs;
    private final JdbcPinService pins;
    private final QuotaReservations quotaReservations;

    private LocalNode(NodeContext context, Database database, BlockStore rawBlocks) {
        this.context = context;
        this.database = database;
        // Every writer of blocks runs as an ingest GC knows about (see GcBarrier).
        this.blocks = gcBarrier.guard(rawBlocks);
        this.content = new ContentService(blocks);
        this.jobs = new JdbcJobQueue(database, JobClock.SYSTEM);
        this.pins = new JdbcPinService(database, jobs, InstantSource.system());
        this.quotaReservations = new QuotaReservations(StorageQuotas.over(database, blocks));
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

    /**
     * Opens the storage for a maintenance command that needs the store to itself ({@code cairn gc}):
     * when another process (normally {@code cairn serve}) has it open, the error says what to do.
     */
    public static LocalNode openForMaintenance(NodeContext context, String command, String insteadHint) {
        try {
            return open(context);
        } catch (StoreInUseException e) {
            throw new StoreInUseException("'" + command + "' needs the store to itself, but "
                    + e.getMessage() + " (is 'cairn serve' running?). Stop it first" + insteadHint);
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

    /** The durable pin job queue; the pin repository enqueues and cancels through it. */
    public JdbcJobQueue jobs() {
        return jobs;
    }

    /** Shared by the collector and every writer of blocks. */
    public GcBarrier gcBarrier() {
        return gcBarrier;
    }

    /**
     * Pins uploads under {@code accountId}: status pinned at once, in the upload's own commit.
     */
    public UploadPinner pinnerFor(long accountId) {
        return new UploadPinner() {
            @Override
            public void pin(Connection tx, Cid root, String name) throws SQLException {
                pin(tx, root, name, null);
            }

            @Override
            public void pin(Connection tx, Cid root, String name, DagMembers members) throws SQLException {
                Pin pin = new Pin(root.toString(), root, name == null || name.isEmpty() ? null : name, List.of(), Map.of());
                pins.insertPinned(tx, accountId, pin, Map.of("status_details", "uploaded to this node"), members);
            }
        };
    }

    /**
     * Pins uploads under the admin account, which is created (with its token, announced) only
     * when an upload is about to commit.
     */
    public UploadPinner adminPinner(Consumer<String> announce) {
        return new UploadPinner() {
            @Override
            public void pin(Connection tx, Cid root, String name) {
                throw new IllegalStateException("use prepared()");
            }

            @Override
            public UploadPinner prepared() {
                return pinnerFor(admin(announce).id());
            }
        };
    }

    /**
     * The admin account, created with its token on first use (the token is printed once through
     * {@code announce} and saved owner-only in {@code admin.token}): what the node's own CLI pins
     * and what {@code serve}'s first start prints.
     */
    public Account admin(Consumer<String> announce) {
        return AdminBootstrap.admin(database, context.home().dir(), announce);
    }

    /** The pin requests of every account (also what pin jobs report back to). */
    /**
     * The bytes in flight per account, shared by every writer of this node (Kubo uploads and pin
     * jobs), so that concurrent writers of one account cannot together pass its quota.
     */
    public QuotaReservations quotaReservations() {
        return quotaReservations;
    }

    public JdbcPinService pins() {
        return pins;
    }

    /**
     * The roots GC keeps: the pin repository's live requests (visible and not failed, plus
     * replaced ones whose successor has not settled); GC also purges old tombstones through it.
     */
    public LivePins livePins() {
        return new LivePins() {
            @Override
            public void forEachLiveRoot(Consumer<? super Cid> root) {
                pins.forEachLiveRoot(root);
            }

            @Override
            public long purgeDeletedBefore(Instant cutoff) {
                return pins.purgeDeletedBefore(cutoff);
            }
        };
    }

    /** A collector over this node's store, keeping what {@code live} reaches. */
    public GarbageCollector garbageCollector(LivePins live) {
        var gc = context.config().gc();
        return new GarbageCollector(blocks, live, gcBarrier, new GcPolicy(gc.compactBelow(), gc.keepDeletedPins()));
    }

    /**
     * The periodic collection of {@code [gc]} as a {@link Service} for {@link RunningNode}, when
     * {@code gc.enabled}; empty otherwise.
     */
    public Optional<Service> gcService(LivePins live) {
        var gc = context.config().gc();
        if (!gc.enabled()) {
            return Optional.empty();
        }
        GcScheduler scheduler = new GcScheduler(garbageCollector(live), gc.interval(), report -> { });
        return Optional.of(Service.of("gc", scheduler::start, scheduler::close));
    }

    /**
     * The pin workers of {@code [pinning]} as a {@link Service} for {@link RunningNode}, leasing
     * jobs under this node's peer ID. Stopping puts running jobs back in the queue.
     */
    public Service pinWorkersService(DagFetcher fetcher, PinLifecycle pins) {
        PinWorkers workers = new PinWorkers(jobs, blocks, gcBarrier, fetcher, pins,
                context.identity().peerId().toString(), PinWorkers.Options.from(context.config().pinning()));
        return Service.of("pin-workers", workers::start, workers::close);
    }

    /**
     * The membership backfill as a {@link Service}: walks, once, the pinned roots that lack
     * membership rows (those pinned before migration V8, or by a path that could not name the DAG),
     * on a virtual thread of its own so that {@code serve} does not wait for it. Until a root is
     * done, the gateway serves that root but not its inner blocks. Stopping waits for the root
     * being walked.
     */
    public Service membershipBackfillService() {
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicReference<Thread> thread = new AtomicReference<>();
        Runnable work = () -> {
            try {
                int done = pins.membership().backfill(DagMembers.walking(blocks), stopping::get);
                if (done > 0) {
                    LOG.info("membership backfill: recorded the DAGs of {} pinned roots", done);
                }
            } catch (RuntimeException e) {
                if (!stopping.get()) {
                    LOG.warn("membership backfill stopped: {}; it resumes at the next start", e.toString());
                }
            }
        };
        return Service.of("membership-backfill",
                () -> thread.set(Thread.ofVirtual().name("membership-backfill").start(work)),
                () -> {
                    stopping.set(true);
                    Thread t = thread.get();
                    if (t != null) {
                        try {
                            t.join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
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
