package dev.cairn.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A directory tree whose entries carry UnixFS 1.5 {@code mode}/{@code mtime} (or not), made by
 * ipfs-unixfs-importer and written to a CAR by {@code @ipld/car}, via
 * {@code interop/unixfs-meta-car.mjs}: {@code tree/} holding {@code a.txt} (mtime 1700000000.5 s,
 * mode 0o644 asked, which the importer leaves out as the default), {@code run.sh} (0o4755, mtime
 * 86400 s), {@code plain.txt} (neither), {@code link} (a symlink to {@code a.txt}, 0o777, mtime
 * 1600000000 s) and {@code sub/} (0o1777, mtime 1000000000.123456789 s) holding {@code inner.txt}
 * (0o600, no mtime).
 */
public final class UnixfsMetaCar {
    private UnixfsMetaCar() {}

    /**
     * An entry as written in its block.
     *
     * @param mode the UnixFS mode field, null when absent
     * @param mtimeSeconds the mtime seconds, null when there is no mtime
     * @param mtimeNanos the mtime nanoseconds, 0 when absent
     */
    public record Entry(String path, String cid, Long mode, Long mtimeSeconds, long mtimeNanos) {}

    public record Tree(String root, List<Entry> entries) {
        public Tree {
            entries = List.copyOf(entries);
        }

        public Entry entry(String path) {
            return entries.stream().filter(e -> e.path().equals(path)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no entry " + path));
        }
    }

    /** Writes the tree's CAR to {@code car} and returns what the importer made. */
    public static Tree write(Path car) {
        byte[] out = NodeScript.run("unixfs-meta-car.mjs", new byte[0], car.toAbsolutePath().toString());
        Map<String, Object> json = Json.object(Json.parse(new String(out, StandardCharsets.UTF_8)));
        List<Entry> entries = new ArrayList<>();
        for (Object o : Json.array(json.get("entries"))) {
            Map<String, Object> e = Json.object(o);
            Map<String, Object> mtime = e.get("mtime") == null ? null : Json.object(e.get("mtime"));
            entries.add(new Entry((String) e.get("path"), (String) e.get("cid"), (Long) e.get("mode"),
                    mtime == null ? null : (Long) mtime.get("secs"), mtime == null ? 0 : (Long) mtime.get("nsecs")));
        }
        return new Tree((String) json.get("root"), entries);
    }
}
