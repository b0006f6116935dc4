package dev.cairn.fetch;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces a fetch's two timeouts, both about silence and never about total time: the fetch as a
 * whole fails once no new verified block arrived for {@code inactivity}; a single request whose
 * source sends no byte for {@code sourceIdle} is aborted, so the fetch can move to the next source.
 *
 * <p>Design: blocking reads on an HTTP body cannot time out by themselves, so a virtual thread
 * checks the clocks a few times per timeout and aborts requests (cancels their future or closes
 * their body stream), which makes the reading thread fail at once; that thread then asks
 * {@link #inactive()} and {@link Request#idle()} why, to tell "this source stalled" from "the fetch
 * is over". Several requests may be in flight (raw blocks are fetched concurrently). Updates are
 * single volatile writes: the hot path (every few KiB read) stays cheap.
 */
final class Watchdog implements AutoCloseable {
    /** One request in flight. */
    final class Request {
        private volatile long lastByte = System.nanoTime();
        private volatile Runnable abort;
        private volatile boolean idle;

        private Request(Runnable abort) {
            this.abort = abort;
        }

        /** Replaces the abort action (headers arrived: now the body stream is closed instead). */
        void abortWith(Runnable abortIt) {
            abort = abortIt;
            if (idle || inactive) {
                abortIt.run();
            }
        }

        void bytesArrived() {
            lastByte = System.nanoTime();
        }

        /** True when this request was aborted because its source sent nothing for the idle timeout. */
        boolean idle() {
            return idle;
        }

        void end() {
            active.remove(this);
        }

        private void abort() {
            Runnable a = abort;
            if (a != null) {
                a.run();
            }
        }
    }

    private final Duration inactivity;
    private final Duration sourceIdle;
    private final long inactivityNanos;
    private final long idleNanos;
    private final Set<Request> active = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile long lastBlock = System.nanoTime();
    private volatile boolean inactive;
    private volatile boolean closed;

    Watchdog(Duration inactivity, Duration sourceIdle) {
        this.inactivity = inactivity;
        this.sourceIdle = sourceIdle;
        this.inactivityNanos = inactivity.toNanos();
        this.idleNanos = sourceIdle.toNanos();
        long tick = Math.max(Duration.ofMillis(10).toNanos(),
                Math.min(Duration.ofSeconds(1).toNanos(), Math.min(inactivityNanos, idleNanos) / 8));
        this.thread = Thread.ofVirtual().name("fetch-watchdog").start(() -> watch(tick));
    }

    private void watch(long tickNanos) {
        while (!closed) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            if (!inactive && now - lastBlock > inactivityNanos) {
                inactive = true;
            }
            for (Request r : active) {
                if (inactive) {
                    r.abort();
                } else if (!r.idle && now - r.lastByte > idleNanos) {
                    r.idle = true;
                    r.abort();
                }
            }
        }
    }

    /** A request starts; {@code abortIt} must make its blocked reads fail promptly. */
    Request begin(Runnable abortIt) {
        Request r = new Request(abortIt);
        active.add(r);
        if (inactive) {
            r.abort();
        }
        return r;
    }

    void blockArrived() {
        lastBlock = System.nanoTime();
    }

    /** True once no verified block arrived for the inactivity timeout: the fetch must fail. */
    boolean inactive() {
        return inactive;
    }

    Duration inactivity() {
        return inactivity;
    }

    Duration sourceIdle() {
        return sourceIdle;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
