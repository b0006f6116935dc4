package dev.cairn.gateway;

import java.util.Optional;

/**
 * One satisfiable byte range {@code [start, end]} (inclusive) of a body of known size, from a
 * {@code Range} header. Only a single range is honoured: of several, the first is served (as the
 * gateway conformance suite accepts); a header that is not {@code bytes=} gives the whole body.
 */
record ByteRange(long start, long end) {
    long length() {
        return end - start + 1;
    }

    String contentRange(long size) {
        return "bytes " + start + "-" + end + "/" + size;
    }

    /** Thrown for a syntactically valid range that lies past the end: 416. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable(String header) {
            super("range '" + header + "' is not satisfiable");
        }
    }

    /**
     * The range asked for, or empty to send everything.
     *
     * @throws Unsatisfiable when the one range given starts past the end of the body
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (size == 0 || header == null || !header.startsWith("bytes=")) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).split(",", 2)[0].strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            if (first.isEmpty()) { // suffix: the last N bytes
                long n = Long.parseLong(last);
                if (n <= 0) {
                    throw new Unsatisfiable(header);
                }
                return Optional.of(new ByteRange(Math.max(0, size - n), size - 1));
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start < 0 || (!last.isEmpty() && Long.parseLong(last) < start)) {
                return Optional.empty();
            }
            if (start >= size) {
                throw new Unsatisfiable(header);
            }
            return Optional.of(new ByteRange(start, end));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
