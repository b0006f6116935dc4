package dev.cairn.gc;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a collection every {@code interval} inside {@code cairn serve} ({@code [gc] enabled} and
 * {@code interval-seconds}). A failed collection is logged and tried again at the next tick; the
 * first runs one interval after start, so a restart loop cannot turn into a GC loop.
 */
public final class GcScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GcScheduler.class);

    private final GarbageCollector collector;
    private final Duration interval;
    private final Consumer<GcReport> onReport;
    private Thread thread;

    public GcScheduler(GarbageCollector collector, Duration interval, Consumer<GcReport> onReport) {
        this.collector = Objects.requireNonNull(collector, "collector");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.onReport = Objects.requireNonNull(onReport, "onReport");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be > 0, got " + interval);
        }
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = Thread.ofVirtual().name("cairn-gc").start(this::loop);
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            try {
                GcReport report = collector.collect();
                LOG.info("gc: {} blocks removed ({} bytes), {} reachable from {} live pins, {} spared for ingests, "
                        + "{} packs compacted ({} bytes reclaimed), {} pin tombstones purged, {} ms",
                        report.removed(), report.bytesFreed(), report.marked(), report.liveRoots(), report.spared(),
                        report.packsCompacted(), report.bytesReclaimed(), report.pinsPurged(),
                        report.took().toMillis());
                onReport.accept(report);
            } catch (RuntimeException e) {
                LOG.warn("gc failed, next try in {}: {}", interval, e.toString());
            }
        }
    }

    /** Stops the timer; a collection in progress is interrupted (it ends cleanly, removing less). */
    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }
}
