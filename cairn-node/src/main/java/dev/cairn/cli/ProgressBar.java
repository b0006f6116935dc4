package dev.cairn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn at most ten times a second: bytes done of total,
 * percentage and throughput, as {@code ipfs add} shows on a terminal.
 */
final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDraw;
    private long done;
    private int lastLength;

    ProgressBar(PrintWriter err, long total) {
        this.err = err;
        this.total = Math.max(total, 1);
    }

    /** Total size of regular files under the paths (what the importer will read). */
    static long totalSize(List<Path> paths) {
        long[] sum = {0};
        for (Path p : paths) {
            try {
                Files.walkFileTree(p, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            sum[0] += attrs.size();
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sum[0];
    }

    void update(long bytes) {
        done = bytes;
        long now = System.nanoTime();
        if (now - lastDraw > 100_000_000L) {
            lastDraw = now;
            draw();
        }
    }

    void done() {
        done = total;
        draw();
        err.println();
        err.flush();
    }

    private void draw() {
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        double secs = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
        String line = String.format(Locale.ROOT, " %s / %s [%s%s] %3d%%  %s/s", human(done), human(total),
                "=".repeat(filled), " ".repeat(WIDTH - filled), 100 * Math.min(done, total) / total,
                human((long) (done / secs)));
        // Pad over the previous, possibly longer, line.
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        lastLength = line.length();
        err.flush();
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    @Override
    public void close() {
        err.flush();
    }
}
