package dev.cairn.unixfs;

/** UnixFS mtime: seconds since the epoch and optional nanoseconds (1..999999999, 0 = absent). */
public record UnixTime(long seconds, int nanos) {
    public UnixTime {
        if (nanos < 0 || nanos > 999_999_999) {
            throw new IllegalArgumentException("nanos must be in [0, 999999999]");
        }
    }
}
