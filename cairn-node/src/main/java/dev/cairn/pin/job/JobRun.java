package dev.cairn.pin.job;

import dev.cairn.fetch.FetchException;
import dev.cairn.fetch.FetchProgress;
import dev.cairn.fetch.FetchRequest;
import dev.cairn.gc.Ingest;
import dev.cairn.membership.LinkLog;
import dev.cairn.pin.PinBudget;
import dev.cairn.store.BlockWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of one claimed job, on its own virtual thread, with a heartbeat thread beside it.
 *
 * <p>Design note. The fetching thread only fetches; the heartbeat (every
 * {@code options.heartbeat()}) writes the latest progress into the job row and the pin's info,
 * renews the lease when progress was made or a third of the lease has passed, and otherwise just
 * reads whether the job is still ours. When it is not (the request was deleted or replaced, or the
 * lease was lost) it interrupts the fetching thread, which aborts the writer. The commit runs the
 * job's "done" update and the pin's "pinned" update in the transaction that publishes the blocks;
 * the "done" update refuses when the job is no longer ours, rolling the whole commit back, so a
 * cancelled job can never end up pinned.
 */
final class JobRun implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final PinWorkers.Setup setup;
    private final Job job;
    private final BooleanSupplier stopping;
    private final AtomicReference<FetchProgress> latest = new AtomicReference<>();
    private volatile boolean lost;
    private volatile Thread runner;

    JobRun(PinWorkers.Setup setup, Job job, BooleanSupplier stopping) {
        this.setup = setup;
        this.job = job;
        this.stopping = stopping;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        if (stopping.getAsBoolean()) {
            release();
            return;
        }
        int max = setup.options().maxAttempts();
        Thread heartbeat = null;
        // The links of every block the fetch reads or writes: at commit they name the pinned DAG's
        // blocks for the gateway's membership index without walking the DAG again.
        LinkLog links = new LinkLog();
        // The budget is closed last, after the commit: what it held then counts as the account's usage.
        try (PinBudget budget = setup.pins().budget(job.requestId());
                Ingest ingest = setup.barrier().begin();
                BlockWriter writer = ingest.writer(setup.store().writer())) {
            setup.pins().pinning(job.requestId(), JobInfo.of(job, max, null,
                    job.attempt() == 1 ? "fetching" : "fetching (attempt " + job.attempt() + " of " + max + ")"));
            heartbeat = Thread.ofVirtual().name("pin-heartbeat-" + job.requestId()).start(this::heartbeat);
            FetchProgress done = setup.fetcher().fetch(new FetchRequest(job.cid(), job.origins()),
                    links.source(ingest.source(setup.store())), links.sink(writer), p -> {
                        latest.set(p);
                        // throws PinRefusedException out of the fetch, which stops it there
                        budget.fetched(p.bytesFetched());
                    });
            stop(heartbeat);
            heartbeat = null;
            if (lost) {
                return;
            }
            FetchProgress fin = new FetchProgress(done.blocksFetched(), done.bytesFetched(), done.blocksPresent(),
                    done.dagSize(), JobInfo.pinned(done));
            var pinned = setup.pins().pinned(job.requestId(), JobInfo.of(job, max, fin, fin.details()),
                    // The store's plain read side: the commit holds the write transaction, so it must
                    // not wait on the GC barrier (a sweep queued on it waits for that transaction).
                    links.over(setup.store()));
            var jobDone = setup.queue().done(job, fin);
            writer.commit(c -> {
                jobDone.run(c);
                pinned.run(c);
            });
        } catch (JobLostException e) {
            LOG.debug("{}", e.getMessage());
        } catch (dev.cairn.pin.PinRefusedException e) {
            settle(heartbeat);
            failed(e.getMessage(), false, latest.get());
        } catch (FetchException e) {
            settle(heartbeat);
            failed(e.getMessage(), e.retryable(), latest.get());
        } catch (InterruptedException e) {
            settle(heartbeat);
            interrupted();
        } catch (RuntimeException e) {
            settle(heartbeat);
            if (stopping.getAsBoolean() || lost) {
                interrupted();
            } else {
                LOG.warn("pin job {} failed unexpectedly", job.requestId(), e);
                failed("internal error: " + e, true, latest.get());
            }
        } finally {
            stop(heartbeat);
        }
    }

    /**
     * Before recording how the attempt ended: no heartbeat may interrupt us any more, and an
     * interrupt already delivered (the decision is taken from {@code lost} and {@code stopping})
     * must not make the bookkeeping's database calls fail.
     */
    private static void settle(Thread heartbeat) {
        stop(heartbeat);
        Thread.interrupted();
    }

    private void interrupted() {
        if (lost) {
            return;
        }
        if (stopping.getAsBoolean()) {
            release();
        } else {
            failed("the fetch was interrupted", true, null);
        }
    }

    private void failed(String reason, boolean retryable, FetchProgress progress) {
        if (lost || stopping.getAsBoolean()) {
            if (!lost) {
                release();
            }
            return;
        }
        int max = setup.options().maxAttempts();
        try {
            if (!setup.queue().isLeased(job)) {
                return; // cancelled, or another node took over: the outcome is not ours to record
            }
            if (retryable && job.attempt() < max) {
                Duration wait = setup.options().backoff().after(job.attempt());
                // The pin's words first, so whoever sees the job queued again also sees why.
                setup.pins().pinning(job.requestId(), JobInfo.of(job, max, progress, "attempt " + job.attempt()
                        + " of " + max + " failed: " + reason + "; next attempt in " + wait.toSeconds() + " s"));
                setup.queue().retry(job, setup.queue().now() + wait.toMillis(), reason);
            } else {
                // The pin first: a crash between the two leaves a job that runs once more and fails
                // again, never a pin stuck in "pinning" with a failed job.
                setup.pins().failed(job.requestId(), reason);
                setup.queue().fail(job, reason);
            }
        } catch (RuntimeException e) {
            LOG.warn("pin job {}: cannot record the failure ({}); its lease will expire and it will run again",
                    job.requestId(), e.toString());
        }
    }

    private void release() {
        try {
            setup.queue().release(job);
        } catch (RuntimeException e) {
            LOG.debug("pin job {}: not released ({}); its lease will expire", job.requestId(), e.toString());
        }
    }

    private void heartbeat() {
        Duration every = setup.options().heartbeat();
        long lease = setup.options().lease().toMillis();
        long renewedAt = setup.queue().now();
        FetchProgress reported = null;
        while (true) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            try {
                FetchProgress p = latest.get();
                boolean progressed = p != null && p != reported;
                long now = setup.queue().now();
                boolean ours;
                if (progressed || now - renewedAt >= lease / 3) {
                    ours = setup.queue().heartbeat(job, setup.options().lease(), progressed ? p : null);
                    renewedAt = now;
                } else {
                    ours = setup.queue().isLeased(job);
                }
                if (!ours) {
                    lost = true;
                    Thread r = runner;
                    if (r != null) {
                        r.interrupt();
                    }
                    return;
                }
                if (progressed) {
                    reported = p;
                    setup.pins().pinning(job.requestId(), JobInfo.of(job, setup.options().maxAttempts(), p,
                            JobInfo.running(p)));
                }
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                LOG.warn("pin job {}: heartbeat failed: {}", job.requestId(), e.toString());
            }
        }
    }

    private static void stop(Thread heartbeat) {
        if (heartbeat != null) {
            heartbeat.interrupt();
            try {
                heartbeat.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Interrupts the fetch (the node is stopping); the job goes back to the queue. */
    void interrupt() {
        Thread r = runner;
        if (r != null) {
            r.interrupt();
        }
    }
}
