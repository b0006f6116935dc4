package dev.cairn.store.pack;

import dev.cairn.block.Block;
import dev.cairn.db.Database;
import dev.cairn.store.BlockWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Child-JVM main for {@link PackCrashTest}: runs {@link CrashWorkload} on several threads and
 * reports each step on stdout ({@code P k j} put, {@code C k} committed, {@code A k} aborted) until
 * the parent kills it with SIGKILL. Small packs so that writers roll packs mid-ingest.
 */
public final class CrashingIngest {
    private CrashingIngest() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        try (Database db = Database.openSqlite(home.resolve("cairn.db"));
                PackBlockStore store = PackBlockStore.open(home, db, PackOptions.defaults().withPackSize(256 * 1024))) {
            out.println("OPEN");
            ExecutorService pool = Executors.newFixedThreadPool(CrashWorkload.THREADS);
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < CrashWorkload.THREADS; t++) {
                int thread = t;
                jobs.add(pool.submit(() -> {
                    for (int k = thread; k < CrashWorkload.WRITERS; k += CrashWorkload.THREADS) {
                        List<Block> blocks = CrashWorkload.blocks(seed, k);
                        BlockWriter w = store.writer();
                        for (int j = 0; j < blocks.size(); j++) {
                            w.put(blocks.get(j));
                            out.println("P " + k + " " + j);
                        }
                        if (CrashWorkload.commits(k)) {
                            w.commit();
                            out.println("C " + k);
                        } else {
                            w.abort();
                            out.println("A " + k);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
            pool.shutdown();
            out.println("DONE");
        } catch (Throwable e) {
            out.println("ERROR " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
