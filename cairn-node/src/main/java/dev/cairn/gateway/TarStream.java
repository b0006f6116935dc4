package dev.cairn.gateway;

import dev.cairn.unixfs.reader.DirEntry;
import dev.cairn.unixfs.reader.UnixfsNode;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ?format=tar}: a UnixFS DAG as a POSIX (pax) tar stream, depth-first in link order, with
 * directories, files and symlinks. Names longer than the 100-byte ustar field, or not ASCII, go
 * in a pax extended header, so any name survives. Symlink targets are written as stored; a
 * client must not follow them outside the archive (the spec's "outside-root" rule is the
 * client's side, as tar itself refuses such paths on extraction by default). Public because the
 * Kubo RPC's {@code get} sends the same tar.
 */
public final class TarStream {
    private static final int BLOCK = 512;

    private final UnixfsReader reader;
    private final OutputStream out;

    private TarStream(UnixfsReader reader, OutputStream out) {
        this.reader = reader;
        this.out = out;
    }

    public static void write(UnixfsReader reader, UnixfsNode root, String name, OutputStream out) throws IOException {
        TarStream t = new TarStream(reader, out);
        t.entry(root, name);
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void entry(UnixfsNode node, String path) throws IOException {
        switch (node.kind()) {
            case DIRECTORY, HAMT_DIRECTORY -> {
                header(path + "/", '5', 0, "");
                List<DirEntry> entries;
                try (Stream<DirEntry> s = reader.list(node)) {
                    entries = s.toList();
                }
                for (DirEntry e : entries) {
                    entry(reader.node(e.cid()), path + "/" + e.name());
                }
            }
            case FILE, RAW_FILE -> {
                long size = node.size().orElseThrow();
                header(path, '0', size, "");
                try (InputStream in = reader.open(node, 0, size)) {
                    in.transferTo(out);
                }
                pad(size);
            }
            case SYMLINK -> header(path, '2', 0, node.symlinkTarget());
            default -> throw new NotUnixfs(node);
        }
    }

    /** A node of the DAG that tar cannot hold: 406 before anything is sent, or a cut stream after. */
    public static final class NotUnixfs extends RuntimeException {
        NotUnixfs(UnixfsNode node) {
            super(node.cid() + " is not UnixFS (" + node.kind() + "): format=tar serves UnixFS only");
        }
    }

    private void header(String path, char type, long size, String link) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        byte[] target = link.getBytes(StandardCharsets.UTF_8);
        boolean pax = name.length > 100 || target.length > 100 || !ascii(path) || !ascii(link);
        if (pax) {
            StringBuilder records = new StringBuilder();
            records.append(record("path", path));
            if (!link.isEmpty()) {
                records.append(record("linkpath", link));
            }
            byte[] body = records.toString().getBytes(StandardCharsets.UTF_8);
            out.write(ustar("PaxHeader", 'x', body.length, ""));
            out.write(body);
            pad(body.length);
        }
        out.write(ustar(pax ? shortName(path) : path, type, size, pax ? shortName(link) : link));
    }

    /** One pax record: {@code "<len> key=value\n"}, where len counts itself. */
    private static String record(String key, String value) {
        int payload = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int len = payload + Integer.toString(payload).length();
        if (Integer.toString(len).length() != Integer.toString(payload).length()) {
            len++;
        }
        return len + " " + key + "=" + value + "\n";
    }

    private static byte[] ustar(String name, char type, long size, String link) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        put(h, 100, 8, type == '5' ? "0000755" : "0000644");
        put(h, 108, 8, "0000000");
        put(h, 116, 8, "0000000");
        put(h, 124, 12, String.format("%011o", size));
        put(h, 136, 12, String.format("%011o", 0));
        h[156] = (byte) type;
        put(h, 157, 100, link);
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int at, int len, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(len, b.length));
    }

    private static boolean ascii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** A stand-in for the ustar field when the real name is in the pax header. */
    private static String shortName(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? c : '_');
        }
        return b.length() > 100 ? b.substring(b.length() - 100) : b.toString();
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }
}
