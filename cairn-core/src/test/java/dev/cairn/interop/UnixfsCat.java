package dev.cairn.interop;

import java.nio.file.Path;

/**
 * File bytes as {@code ipfs-unixfs-exporter} (an implementation independent of Cairn) reads them
 * from a CAR, via {@code interop/unixfs-cat.mjs}. Use it to check DAGs Cairn writes, or as the
 * expected output of Cairn's reader over the same CAR.
 */
public final class UnixfsCat {
    private UnixfsCat() {}

    /**
     * The whole file at {@code path} ({@code CID} or {@code CID/sub/path}) in {@code car}.
     *
     * @throws IllegalStateException if a block is missing or corrupt, or the path is not a file
     */
    public static byte[] cat(Path car, String path) {
        return NodeScript.run("unixfs-cat.mjs", new byte[0], car.toAbsolutePath().toString(), path);
    }

    /** {@code length} bytes from {@code offset}, as the exporter's ranged read returns them. */
    public static byte[] cat(Path car, String path, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0, got " + offset + ", " + length);
        }
        return NodeScript.run("unixfs-cat.mjs", new byte[0], car.toAbsolutePath().toString(), path,
                Long.toString(offset), Long.toString(length));
    }
}
