package dev.cairn.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CIDs that ipfs-unixfs-importer (an implementation independent of Cairn) gives files and
 * directories on disk, via {@code interop/unixfs-reference.mjs}.
 *
 * <p>Options (all optional; the script's {@code lib/importer-options.mjs} documents which Kubo
 * behaviour each reproduces): {@code profile} ({@code "kubo"}, the default, or {@code "unixfs-v1-2025"}),
 * {@code cidVersion}, {@code rawLeaves}, {@code chunkSize}, {@code layout} ({@code "balanced"} |
 * {@code "trickle"}), {@code maxChildren}, {@code wrapWithDirectory}, {@code shardSplitThresholdBytes}
 * (shards when the estimate exceeds it, as current Kubo; {@code shardSplitComparison: "gte"} for
 * older Kubo), {@code shardSplitStrategy} ({@code links-bytes} | {@code block-bytes} |
 * {@code disabled}), {@code shardFanoutBits}. Options it cannot reproduce ({@code inline}, other hashes)
 * make {@link #compute} throw rather than return a wrong reference.
 *
 * <p>Run many cases in one call: each call starts a Node process (about half a second).
 */
public final class UnixfsReference {
    private UnixfsReference() {}

    /** One import: {@code path} must be absolute (a file or a directory, walked recursively). */
    public record Case(String id, Path path, Map<String, Object> options) {
        public Case {
            Objects.requireNonNull(id, "id");
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("path must be absolute: " + path);
            }
            options = Map.copyOf(options);
        }

        public static Case kubo(String id, Path path) {
            return new Case(id, path, Map.of("profile", "kubo"));
        }

        public static Case unixfsV1(String id, Path path) {
            return new Case(id, path, Map.of("profile", "unixfs-v1-2025"));
        }
    }

    /**
     * One yielded node: {@code path} is relative to the parent of the case's path (as {@code ipfs add}
     * prints it; "" for the wrapper of wrapWithDirectory), {@code size} the cumulative DAG size (Tsize).
     */
    public record Entry(String path, String cid, long size) {}

    /** {@code root} is the last entry's CID; entries come files first, each directory after its contents. */
    public record Result(String root, List<Entry> entries) {
        public Result {
            entries = List.copyOf(entries);
        }

        /** The CID of the entry at {@code path}; fails if there is none. */
        public String cidOf(String path) {
            return entries.stream().filter(e -> e.path().equals(path)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no entry " + path + " in " + entries))
                    .cid();
        }
    }

    /** Imports every case with the reference implementation; the map is keyed by case id. */
    public static Map<String, Result> compute(List<Case> cases) {
        List<Object> input = new ArrayList<>();
        for (Case c : cases) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("path", c.path().toString());
            m.put("options", c.options());
            input.add(m);
        }
        byte[] out = NodeScript.run("unixfs-reference.mjs", Json.write(input).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> parsed = Json.object(Json.parse(new String(out, StandardCharsets.UTF_8)));
        Map<String, Result> results = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : parsed.entrySet()) {
            Map<String, Object> r = Json.object(e.getValue());
            List<Entry> entries = new ArrayList<>();
            for (Object o : Json.array(r.get("entries"))) {
                Map<String, Object> en = Json.object(o);
                entries.add(new Entry((String) en.get("path"), (String) en.get("cid"), (Long) en.get("size")));
            }
            results.put(e.getKey(), new Result((String) r.get("root"), entries));
        }
        return results;
    }

    /** Convenience for a single case. */
    public static Result compute(Case c) {
        return compute(List.of(c)).get(c.id());
    }
}
