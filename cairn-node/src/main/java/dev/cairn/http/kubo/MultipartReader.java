package dev.cairn.http.kubo;

import dev.cairn.http.HttpException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A streaming {@code multipart/form-data} reader: parts are read one after the other straight
 * from the request body through a fixed buffer, so a 1 GiB file never sits in memory (the servlet
 * multipart API would spool it to disk first). Malformed input is an {@link HttpException} 400.
 */
final class MultipartReader {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** One part: its headers (names lower-cased) and its body, valid until the next {@link #next()}. */
    record Part(Map<String, String> headers, InputStream body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** A parameter of Content-Disposition ({@code filename}, {@code name}), unquoted; null if absent. */
        String disposition(String param) {
            String cd = header("content-disposition");
            if (cd == null) {
                return null;
            }
            for (String piece : cd.split(";")) {
                String p = piece.strip();
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(param)) {
                    String v = p.substring(eq + 1).strip();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    return v;
                }
            }
            return null;
        }

        String contentType() {
            String ct = header("content-type");
            return ct == null ? "application/octet-stream" : ct.strip().toLowerCase(Locale.ROOT);
        }
    }

    private final InputStream in;
    private final byte[] delimiter;
    /** Boyer-Moore-Horspool shifts for {@link #delimiter}, by the byte under its last position. */
    private final int[] shift = new int[256];
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private PartStream current;
    private boolean finished;
    /** Where a delimiter starts that the search found and the reader has not passed, else -1. */
    private int found = -1;
    /** No delimiter starts in [pos, scanned): the search resumes there, each byte looked at once. */
    private int scanned;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // The first delimiter has no CRLF before it: pretend it had, the preamble is then an empty part.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
        java.util.Arrays.fill(shift, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shift[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
        current = new PartStream();
    }

    /** The boundary of a {@code multipart/form-data} content type. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw HttpException.badRequest("expected a multipart/form-data body, got Content-Type: " + contentType);
        }
        for (String piece : contentType.split(";")) {
            String p = piece.strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).strip();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty() && b.length() <= 200) {
                    return b;
                }
            }
        }
        throw HttpException.badRequest("multipart Content-Type without a valid boundary");
    }

    /** The next part, or null after the closing boundary. */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        current.skipRest();
        // after a delimiter: "--" closes, CRLF starts a part
        if (!fill(2)) {
            throw malformed("body ends right after a boundary");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        skipLinearWhitespace();
        if (!fill(2) || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw malformed("boundary not followed by CRLF");
        }
        pos += 2;
        Map<String, String> headers = readHeaders();
        current = new PartStream();
        return new Part(headers, current);
    }

    private void skipLinearWhitespace() throws IOException {
        while (fill(1) && (buf[pos] == ' ' || buf[pos] == '\t')) {
            pos++;
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (!fill(1)) {
                    throw malformed("body ends inside part headers");
                }
                byte b = buf[pos++];
                if (++total > MAX_HEADER_BYTES) {
                    throw malformed("part headers longer than " + MAX_HEADER_BYTES + " bytes");
                }
                if (b == '\n') {
                    break;
                }
                line.append((char) (b & 0xff));
            }
            int len = line.length();
            if (len > 0 && line.charAt(len - 1) == '\r') {
                line.setLength(len - 1);
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(":");
            if (colon <= 0) {
                throw malformed("part header without a colon: " + abbreviate(line.toString()));
            }
            String value = new String(line.substring(colon + 1).strip().getBytes(StandardCharsets.ISO_8859_1),
                    StandardCharsets.UTF_8);
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), value);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** Ensures at least {@code n} unread bytes; false when the body ends first. */
    private boolean fill(int n) throws IOException {
        while (lim - pos < n) {
            if (eof) {
                return false;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                found = found >= pos ? found - pos : -1;
                scanned = Math.max(0, scanned - pos);
                pos = 0;
            }
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
            }
        }
        return true;
    }

    /**
     * Where the next delimiter starts in the buffered bytes, or -1.
     *
     * <p>Why not a plain scan: this runs over every byte of an upload, and comparing byte by byte
     * from the front made the search the largest single cost of {@code /api/v0/add} after hashing
     * (perf, 1 GiB upload). Horspool's skip looks at about one byte in {@code delimiter.length}
     * (curl's delimiters are ~46 bytes), and {@link #scanned} keeps bytes already searched from
     * being searched again when the part is read in small pieces.
     */
    private int indexOfDelimiter() {
        if (found >= pos) {
            return found;
        }
        int m = delimiter.length;
        int i = Math.max(pos, scanned);
        int last = lim - m;
        while (i <= last) {
            int j = m - 1;
            while (j >= 0 && buf[i + j] == delimiter[j]) {
                j--;
            }
            if (j < 0) {
                found = i;
                return i;
            }
            i += shift[buf[i + m - 1] & 0xff];
        }
        scanned = Math.max(pos, last + 1);
        return -1;
    }

    static HttpException malformed(String why) {
        return HttpException.badRequest("malformed multipart body: " + why);
    }

    /** One part's body: bytes up to the next delimiter, which it consumes. */
    private final class PartStream extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = indexOfDelimiter();
                if (at == pos) {
                    pos += delimiter.length;
                    done = true;
                    return -1;
                }
                int available = at >= 0 ? at - pos : lim - pos - (delimiter.length - 1);
                if (available > 0) {
                    int n = Math.min(len, available);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (eof) {
                    throw malformed("body ends before the closing boundary");
                }
                // not enough buffered to tell data from a delimiter: read more
                fill(lim - pos + 1);
            }
        }

        void skipRest() throws IOException {
            byte[] skip = new byte[8192];
            while (read(skip, 0, skip.length) >= 0) {
                // drain
            }
        }
    }
}
