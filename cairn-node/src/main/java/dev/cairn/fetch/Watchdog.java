package dev.cairn.fetch;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces a fetch's two timeouts, both about silence and never about total time: the fetch as a
 * whole fails once no new verified block arrived for {@code inactivity}; a single request whose
 * source sends no byte for {@code sourceIdle} is aborted, so the fetch can move to the next source.
 *
 * <p>Design: blocking reads on an HTTP body cannot time out by themselves, so a virtual thread
 * checks the two clocks a few times per timeout and aborts the in-flight request (cancels its
 * future or closes its body stream), which makes the fetching thread's read fail at once. The
 * fetching thread then asks {@link #state()} why, to tell "this source stalled" from "the fetch
 * is over". Updates are single volatile writes: the hot path (every few KiB read) stays cheap.
 */
final class Watchdog implements AutoCloseable {
    /** Why the current request was aborted, if it was. */
    enum State {
        RUNNING,
        /** The in-flight request's source sent nothing for the idle timeout. */
        SOURCE_IDLE,
        /** No verified block for the inactivity timeout: the fetch must fail. */
        INACTIVE
    }

    private final long inactivityNanos;
    private final long idleNanos;
    private final Duration inactivity;
    private final Duration sourceIdle;
    private final Thread thread;
    private volatile long lastBlock;
    private volatile long lastByte;
    private volatile Runnable abort;
    private volatile State state = State.RUNNING;
    private volatile boolean closed;

    Watchdog(Duration inactivity, Duration sourceIdle) {
        this.inactivity = inactivity;
        this.sourceIdle = sourceIdle;
        this.inactivityNanos = inactivity.toNanos();
        this.idleNanos = sourceIdle.toNanos();
        long now = System.nanoTime();
        this.lastBlock = now;
        this.lastByte = now;
        long tick = Math.max(Duration.ofMillis(10).toNanos(),
                Math.min(Duration.ofSeconds(1).toNanos(), Math.min(inactivityNanos, idleNanos) / 8));
        this.thread = Thread.ofVirtual().name("fetch-watchdog").start(() -> watch(tick));
    }

    private void watch(long tickNanos) {
        while (!closed) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            Runnable current = abort;
            if (state == State.RUNNING && now - lastBlock > inactivityNanos) {
                state = State.INACTIVE;
                run(current);
            } else if (state == State.RUNNING && current != null && now - lastByte > idleNanos) {
                state = State.SOURCE_IDLE;
                run(current);
            }
        }
    }

    private static void run(Runnable abort) {
        if (abort != null) {
            abort.run();
        }
    }

    /** A request starts; {@code abortIt} must make its blocked reads fail promptly. */
    void begin(Runnable abortIt) {
        lastByte = System.nanoTime();
        abort = abortIt;
        if (state == State.INACTIVE) {
            abortIt.run();
        }
    }

    /** Replaces the abort action of the current request (headers arrived, now a body stream). */
    void abortWith(Runnable abortIt) {
        abort = abortIt;
        if (state != State.RUNNING) {
            abortIt.run();
        }
    }

    /** The request is over; a source-idle abort is forgotten, inactivity is not. */
    void end() {
        abort = null;
        if (state == State.SOURCE_IDLE) {
            state = State.RUNNING;
        }
    }

    void bytesArrived() {
        lastByte = System.nanoTime();
    }

    void blockArrived() {
        long now = System.nanoTime();
        lastBlock = now;
        lastByte = now;
    }

    State state() {
        return state;
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
