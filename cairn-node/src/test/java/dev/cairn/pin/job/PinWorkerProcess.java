package dev.cairn.pin.job;

import dev.cairn.config.PinningConfig;
import dev.cairn.db.Database;
import dev.cairn.gc.GcBarrier;
import dev.cairn.store.pack.PackBlockStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A node that only runs pin workers, for {@link PinWorkerKillTest}: {@code <home> <source home>
 * <node id>}. Copies DAGs slowly from the source store; runs until killed.
 */
public final class PinWorkerProcess {
    private PinWorkerProcess() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path source = Path.of(args[1]);
        Database db = Database.openSqlite(home.resolve("cairn.db"));
        PackBlockStore local = PackBlockStore.open(home, db);
        Database sourceDb = Database.openSqlite(source.resolve("cairn.db"));
        PackBlockStore remote = PackBlockStore.open(source, sourceDb);
        JdbcJobQueue queue = new JdbcJobQueue(db, JobClock.SYSTEM);
        PinWorkers workers = new PinWorkers(queue, local, new GcBarrier(),
                new CopyingDagFetcher(remote).delayPerBlock(10), new TablePins(db, queue), args[2],
                PinWorkers.Options.from(PinningConfig.defaults()).withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(100)));
        workers.start();
        System.out.println("STARTED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
