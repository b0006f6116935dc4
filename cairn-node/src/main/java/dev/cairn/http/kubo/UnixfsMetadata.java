package dev.cairn.http.kubo;

import dev.cairn.unixfs.UnixTime;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * UnixFS 1.5 {@code mode} and {@code mtime} as Kubo's JSON shows them ({@code ls}'s {@code Mode}
 * and {@code ModTime}, fields without {@code omitempty}, so always present).
 *
 * <p>Kubo fills them from boxo's {@code FSNode.Mode()} and {@code ModTime()}: the mode is Go's
 * {@code os.FileMode}, a number: the permission bits ({@code mode & 0o777}), setuid/setgid/sticky
 * moved to Go's bits (1&lt;&lt;23, 1&lt;&lt;22, 1&lt;&lt;20, by {@code files.UnixPermsToModePerms}),
 * plus {@code ModeDir} (1&lt;&lt;31) for directories and HAMT shards or {@code ModeSymlink}
 * (1&lt;&lt;27) for symlinks; 0 when the node has no mode or its low 12 bits are 0. The time is a Go
 * {@code time.Time} in JSON: RFC 3339 with nanoseconds, trailing zeros dropped
 * ({@code 2023-11-14T22:13:20.5Z}), the zero time {@code 0001-01-01T00:00:00Z} when absent. Kubo
 * renders it in the daemon's local zone; Cairn always uses UTC.
 */
final class UnixfsMetadata {
    /** Go's zero {@code time.Time}: what Kubo shows for a node without mtime. */
    static final String NO_TIME = "0001-01-01T00:00:00Z";

    private static final long MODE_DIR = 1L << 31;
    private static final long MODE_SYMLINK = 1L << 27;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private UnixfsMetadata() {}

    /** Go's {@code os.FileMode} of a node's UnixFS mode ({@code null} when the node has none). */
    static long goFileMode(Integer unixMode, boolean directory, boolean symlink) {
        long perms = unixMode == null ? 0 : unixMode & 0xFFF;
        if (perms == 0) {
            return 0;
        }
        long m = (perms & 0x1FF) | ((perms & 0xC00) << 12) | ((perms & 0x200) << 11);
        if (directory) {
            m |= MODE_DIR;
        } else if (symlink) {
            m |= MODE_SYMLINK;
        }
        return m;
    }

    /** Go's JSON of a node's mtime ({@code null} when the node has none), in UTC. */
    static String goTime(UnixTime mtime) {
        if (mtime == null) {
            return NO_TIME;
        }
        LocalDateTime t;
        try {
            t = LocalDateTime.ofEpochSecond(mtime.seconds(), 0, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return NO_TIME; // beyond any calendar year (Kubo's JSON encoder fails on years past 9999 too)
        }
        StringBuilder out = new StringBuilder(SECONDS.format(t));
        if (mtime.nanos() != 0) {
            String nanos = String.format("%09d", mtime.nanos());
            int end = nanos.length();
            while (nanos.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(nanos, 0, end);
        }
        return out.append('Z').toString();
    }
}
