package dev.cairn.pin.job;

import dev.cairn.config.PinningConfig;
import dev.cairn.fetch.DagFetcher;
import dev.cairn.gc.GcBarrier;
import dev.cairn.pin.PinLifecycle;
import dev.cairn.store.BlockStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pin workers of one node: a dispatcher claims jobs from the queue while fewer than
 * {@code workers} run, and runs each claimed job on a virtual thread ({@link JobRun}).
 *
 * <p>The dispatcher sleeps when nothing is runnable, until {@link #wake} (a job was queued in this
 * process: on SQLite the claim then waits for that transaction to commit) or the poll interval
 * (jobs queued by other nodes, back-offs and leases that ran out). {@link #start} first makes the
 * jobs this node id still holds runnable: they belong to an earlier process of this node that died.
 * {@link #close} interrupts running jobs and puts them back in the queue without counting the attempt.
 */
public final class PinWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PinWorkers.class);

    /**
     * Tuning of the workers.
     *
     * @param heartbeat how often a running job reports progress and checks it is still its node's
     * @param poll how often an idle dispatcher looks for runnable jobs without being woken
     */
    public record Options(int workers, Duration lease, int maxAttempts, Backoff backoff, Duration heartbeat,
                          Duration poll) {
        public Options {
            if (workers < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("workers and maxAttempts must be >= 1");
            }
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(heartbeat, "heartbeat");
            Objects.requireNonNull(poll, "poll");
        }

        /** The options of a {@code [pinning]} section, with a 500 ms heartbeat and a 1 s poll. */
        public static Options from(PinningConfig c) {
            return new Options(Math.toIntExact(c.workers()), c.lease(), Math.toIntExact(c.maxAttempts()),
                    new Backoff(c.retryBackoff(), c.retryBackoffMax()), Duration.ofMillis(500), Duration.ofSeconds(1));
        }

        public Options withHeartbeat(Duration heartbeat, Duration poll) {
            return new Options(workers, lease, maxAttempts, backoff, heartbeat, poll);
        }

        public Options withWorkers(int workers) {
            return new Options(workers, lease, maxAttempts, backoff, heartbeat, poll);
        }
    }

    /** What a job run needs. */
    record Setup(JdbcJobQueue queue, BlockStore store, GcBarrier barrier, DagFetcher fetcher, PinLifecycle pins,
                 Options options) {}

    private final Setup setup;
    private final String nodeId;
    private final Semaphore slots;
    private final Set<JobRun> running = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Runnable wakeListener = this::wake;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean stopping;
    private Thread dispatcher;

    /**
     * @param store the block store's raw or guarded form; the workers run each job as an ingest of
     *     {@code barrier} themselves
     * @param nodeId this node's id (its peer ID): the lease owner written into claimed jobs
     */
    public PinWorkers(JdbcJobQueue queue, BlockStore store, GcBarrier barrier, DagFetcher fetcher, PinLifecycle pins,
            String nodeId, Options options) {
        this.setup = new Setup(Objects.requireNonNull(queue, "queue"), Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(barrier, "barrier"), Objects.requireNonNull(fetcher, "fetcher"),
                Objects.requireNonNull(pins, "pins"), Objects.requireNonNull(options, "options"));
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.slots = new Semaphore(options.workers());
    }

    /** Takes back this node's stale leases, then starts claiming. */
    public synchronized void start() {
        if (dispatcher != null) {
            throw new IllegalStateException("already started");
        }
        int resumed = setup.queue().releaseAll(nodeId);
        if (resumed > 0) {
            LOG.info("resuming {} pin jobs this node was running when it stopped", resumed);
        }
        setup.queue().onEnqueue(wakeListener);
        dispatcher = Thread.ofPlatform().daemon().name("pin-dispatcher").start(this::dispatch);
    }

    /** Makes an idle dispatcher look for jobs now. Cheap; safe from any thread and inside transactions. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Jobs running on this node right now. */
    public int running() {
        return running.size();
    }

    private void dispatch() {
        while (!stopping) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Optional<Job> job;
            try {
                synchronized (signal) {
                    woken = false;
                }
                job = stopping ? Optional.empty() : setup.queue().claim(nodeId, setup.options().lease());
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.warn("claiming a pin job failed: {}", e.toString());
                }
                job = Optional.empty();
            }
            if (job.isPresent()) {
                launch(job.get());
                continue;
            }
            slots.release();
            if (!idle()) {
                return;
            }
        }
    }

    private void launch(Job job) {
        JobRun run = new JobRun(setup, job, () -> stopping);
        running.add(run);
        Thread t = Thread.ofVirtual().name("pin-job-" + job.requestId()).unstarted(() -> {
            try {
                run.run();
            } finally {
                running.remove(run);
                threads.remove(Thread.currentThread());
                slots.release();
            }
        });
        threads.add(t);
        t.start();
    }

    /** Waits for a wake-up or the poll interval; false when interrupted (closing). */
    private boolean idle() {
        long deadline = System.nanoTime() + setup.options().poll().toNanos();
        synchronized (signal) {
            while (!woken && !stopping) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
        }
        return !stopping;
    }

    /**
     * Stops claiming, interrupts running jobs (their writers abort, their jobs go back to the queue
     * uncounted) and waits for them to finish.
     */
    @Override
    public void close() {
        Thread d;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            d = dispatcher;
        }
        setup.queue().removeListener(wakeListener);
        wake();
        if (d != null) {
            d.interrupt();
            join(d);
        }
        running.forEach(JobRun::interrupt);
        for (Thread t : Set.copyOf(threads)) {
            join(t);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
