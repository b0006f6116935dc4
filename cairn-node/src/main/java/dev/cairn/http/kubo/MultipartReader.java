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
    /** Horspool's shift per byte value: how far the delimiter may move when that byte is under its end. */
    private final int[] skip;
    private final byte[] buf;
    private int pos;
    private int lim;
    /**
     * No delimiter starts in {@code buf} before this index (from {@code pos} on): the scan resumes
     * here instead of rescanning what a reader with a small buffer already went past, which made
     * the scan quadratic in (buffer / read size). Shifted with the bytes when {@link #fill} compacts.
     */
    private int scannedTo;
    private boolean eof;
    private PartStream current;
    private boolean finished;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.skip = new int[256];
        java.util.Arrays.fill(skip, delimiter.length);
        for (int j = 0; j < delimiter.length - 1; j++) {
            skip[delimiter[j] & 0xff] = delimiter.length - 1 - j;
        }
        this.buf = new byte[BUFFER + delimiter.length];
        // The first delimiter has no CRLF before it: pretend it had, the preamble is then an empty part.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
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
                scannedTo = Math.max(0, scannedTo - pos);
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
     * Boyer-Moore-Horspool: looks at the byte under the delimiter's last position and skips as far
     * as that byte allows (the whole delimiter, some 40 bytes, for most bytes of a file), so the
     * search reads a small fraction of the upload instead of every byte. Every position before the
     * returned one (or before {@code scannedTo} when none is found) is proven not to start one.
     */
    private int indexOfDelimiter() {
        int n = delimiter.length;
        int last = lim - n;
        byte end = delimiter[n - 1];
        int i = Math.max(pos, scannedTo);
        while (i <= last) {
            byte b = buf[i + n - 1];
            if (b == end && matchesAt(i)) {
                scannedTo = i;
                return i;
            }
            i += skip[b & 0xff];
        }
        scannedTo = i;
        return -1;
    }

    private boolean matchesAt(int i) {
        for (int j = 0; j < delimiter.length - 1; j++) {
            if (buf[i + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
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
