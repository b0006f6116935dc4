package dev.cairn.http;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line per request, in the layout slf4j-simple gives Cairn's other lines
 * ({@code 2026-11-25T15:34:25.110+00:00 INFO dev.cairn.http.access - ...}), switched on and off
 * like them by the level of logger {@code dev.cairn.http.access}.
 *
 * <p>Why not that logger itself: slf4j-simple formats a date and writes to stderr for every
 * line, a flush each time; on the gateway's 1 KiB requests that was a large part of the
 * per-request CPU. Here lines are appended to a buffer, written out in one go when it holds
 * {@value #FLUSH_BYTES} characters and at least every {@value #FLUSH_MILLIS} ms by a daemon
 * thread, and on {@link #flush()}, which {@link HttpServerHandle#close()} calls: a normal
 * shutdown loses no line, a crash at most the last {@value #FLUSH_MILLIS} ms of them.
 */
final class AccessLog {
    static final String LOGGER = "dev.cairn.http.access";
    static final int FLUSH_BYTES = 16 * 1024;
    static final long FLUSH_MILLIS = 200;
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("XXX");

    /** The one access log of the process, shared by all listeners. */
    static final AccessLog SHARED = new AccessLog(LoggerFactory.getLogger(LOGGER));

    private final boolean enabled;
    private final ReentrantLock lock = new ReentrantLock();
    private final StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 512);
    private long second = Long.MIN_VALUE;
    private String secondText = "";
    private String offsetText = "";
    private Thread flusher;

    AccessLog(Logger logger) {
        this.enabled = logger.isInfoEnabled();
    }

    boolean enabled() {
        return enabled;
    }

    /** Appends {@code message} as one line, prefixed with the time, level and logger name. */
    void log(CharSequence message) {
        if (!enabled) {
            return;
        }
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            startFlusher();
            long s = Math.floorDiv(now, 1000);
            if (s != second) {
                ZonedDateTime t = Instant.ofEpochSecond(s).atZone(ZoneId.systemDefault());
                secondText = SECOND.format(t);
                offsetText = OFFSET.format(t);
                second = s;
            }
            int millis = (int) Math.floorMod(now, 1000);
            buffer.append(secondText).append('.')
                    .append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10))
                    .append(offsetText).append(" INFO ").append(LOGGER).append(" - ").append(message).append('\n');
            if (buffer.length() >= FLUSH_BYTES) {
                writeOut();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes out the buffered lines now. */
    void flush() {
        lock.lock();
        try {
            if (!buffer.isEmpty()) {
                writeOut();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock, so batches keep the order of their lines. Through System.err as it is now
     * (tests and the CLI may replace it), one write per batch.
     */
    private void writeOut() {
        PrintStream err = System.err;
        err.append(buffer);
        err.flush();
        buffer.setLength(0);
    }

    private void startFlusher() {
        if (flusher == null) {
            flusher = Thread.ofPlatform().daemon().name("cairn-access-log").start(() -> {
                while (true) {
                    try {
                        Thread.sleep(FLUSH_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    flush();
                }
            });
        }
    }
}
