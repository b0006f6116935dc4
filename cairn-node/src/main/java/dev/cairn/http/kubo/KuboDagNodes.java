package dev.cairn.http.kubo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.content.ContentPath;
import dev.cairn.content.ContentService;
import dev.cairn.content.UploadPinner;
import dev.cairn.dag.Links;
import dev.cairn.dagcbor.DagCbor;
import dev.cairn.dagjson.DagJson;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpRequests;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * IPLD nodes: {@code dag/get}, {@code dag/put} and {@code dag/stat}
 * (docs.ipfs.tech/reference/kubo/rpc/#api-v0-dag-get and the two after it).
 *
 * <p>Blocks are read into the IPLD data model by their CID's codec (dag-cbor, dag-json, dag-pb in
 * its data-model form {@code {"Data","Links":[{"Hash","Name","Tsize"}]}}, raw as bytes) and written
 * with {@link DagCbor} or {@link DagJson}. A {@code dag/get} path walks dag-pb links by name and
 * other nodes by map key or list index, following links as it meets them, as Kubo's resolver does.
 * {@code dag/stat} reports Kubo 0.3x's summary ({@code UniqueBlocks}, {@code TotalSize},
 * {@code SharedSize}, {@code Ratio}, {@code DagStats}); with {@code progress} (on unless false,
 * as in Kubo for RPC clients) a running summary is streamed per block first.
 */
final class KuboDagNodes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Multicodec> WRITABLE = Set.of(Multicodec.DAG_CBOR, Multicodec.DAG_JSON, Multicodec.RAW);

    private final ContentService content;
    private final LongFunction<UploadPinner> pinners;
    private final UploadLimits limits;

    KuboDagNodes(ContentService content, LongFunction<UploadPinner> pinners, UploadLimits limits) {
        this.content = content;
        this.pinners = pinners;
        this.limits = limits;
    }

    // ---- dag/get ----

    void get(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        Multicodec codec = codec(a.string("output-codec"), Multicodec.DAG_JSON, "output-codec");
        ContentPath path = path(a.arg());
        Object value = load(path.root());
        Cid at = path.root();
        for (String segment : path.remainder().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            value = step(at, value, segment);
            if (value instanceof Cid link) {
                at = link;
                value = load(link);
            }
        }
        byte[] out = encode(value, codec);
        ctx.status(200).contentType("text/plain").header("X-Stream-Output", "1").result(out);
    }

    private Object step(Cid at, Object value, String segment) {
        if (at.codec() == Multicodec.DAG_PB.code() && value instanceof Map<?, ?> pb && pb.get("Links") instanceof List<?> links
                && !segment.equals("Links") && !segment.equals("Data")) {
            for (Object l : links) {
                Map<?, ?> link = (Map<?, ?>) l;
                if (segment.equals(link.get("Name"))) {
                    return link.get("Hash");
                }
            }
            throw new KuboCommandException("no link named \"" + segment + "\" under " + at);
        }
        if (value instanceof Map<?, ?> map && map.containsKey(segment)) {
            return map.get(segment);
        }
        if (value instanceof List<?> list) {
            try {
                int i = Integer.parseInt(segment);
                if (i >= 0 && i < list.size()) {
                    return list.get(i);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new KuboCommandException("no such link found: \"" + segment + "\" is not in the node under " + at);
    }

    /** A block as an IPLD data-model value. */
    private Object load(Cid cid) {
        byte[] data = content.block(cid).orElseThrow(() -> new KuboCommandException(KuboRefs.notFound(cid)));
        long codec = cid.codec();
        try {
            if (codec == Multicodec.DAG_CBOR.code()) {
                return DagCbor.decode(data);
            }
            if (codec == Multicodec.DAG_JSON.code()) {
                return DagJson.decode(data);
            }
            if (codec == Multicodec.RAW.code()) {
                return data;
            }
            if (codec == Multicodec.DAG_PB.code()) {
                return dagPbModel(DagPb.decode(data));
            }
        } catch (CodecException e) {
            throw new KuboCommandException("block " + cid + " does not decode: " + e.getMessage());
        }
        throw new KuboCommandException("cannot decode " + Multicodec.nameOf(codec) + " block " + cid);
    }

    /** The dag-pb data-model form (ipld specs/codecs/dag-pb): absent fields stay absent. */
    private static Map<String, Object> dagPbModel(PbNode node) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (node.data() != null) {
            m.put("Data", node.data());
        }
        List<Object> links = new ArrayList<>();
        for (PbLink l : node.links()) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("Hash", l.hash());
            if (l.name() != null) {
                link.put("Name", l.name());
            }
            if (l.tsize() != null) {
                link.put("Tsize", l.tsize());
            }
            links.add(link);
        }
        m.put("Links", links);
        return m;
    }

    private static byte[] encode(Object value, Multicodec codec) {
        try {
            return switch (codec) {
                case DAG_JSON -> DagJson.encode(value);
                case DAG_CBOR -> DagCbor.encode(value);
                case RAW -> {
                    if (!(value instanceof byte[] b)) {
                        throw HttpException.badRequest("only bytes can be encoded as raw");
                    }
                    yield b;
                }
                default -> throw new AssertionError(codec);
            };
        } catch (IllegalArgumentException e) {
            throw HttpException.badRequest("cannot encode as " + codec.name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + e.getMessage());
        }
    }

    private static Multicodec codec(String name, Multicodec fallback, String option) {
        if (name == null || name.isBlank()) {
            return fallback;
        }
        return Multicodec.byName(name.strip()).filter(WRITABLE::contains).orElseThrow(() -> HttpException.badRequest(
                "unsupported " + option + " '" + name + "' (dag-json, dag-cbor or raw)"));
    }

    private static ContentPath path(String arg) {
        try {
            return ContentPath.parse(arg);
        } catch (RuntimeException e) {
            throw HttpException.badRequest("invalid path '" + arg + "': " + e.getMessage());
        }
    }

    // ---- dag/put ----

    /** Every multipart file is one node in {@code input-codec}, stored in {@code store-codec}; one {@code {"Cid"}} line each. */
    void put(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        Multicodec input = codec(a.string("input-codec"), Multicodec.DAG_JSON, "input-codec");
        Multicodec store = codec(a.string("store-codec"), Multicodec.DAG_CBOR, "store-codec");
        String hashName = a.string("hash") == null || a.string("hash").isBlank() ? "sha2-256" : a.string("hash").strip();
        Multicodec hash = Multicodec.byName(hashName).filter(m -> m == Multicodec.SHA2_256 || m == Multicodec.SHA2_512)
                .orElseThrow(() -> HttpException.badRequest("unsupported hash '" + hashName + "' (sha2-256 or sha2-512)"));
        boolean pin = a.bool("pin", false);
        UploadPinner pinner = pin ? pinners.apply(HttpRequests.principal(ctx).account().id()) : UploadPinner.NONE;
        StringBuilder out = new StringBuilder();
        int count = 0;
        try (UploadLimits.Body body = limits.body(ctx)) { // holds the quota reservation until the blocks are pinned
            MultipartReader parts = new MultipartReader(body, MultipartReader.boundary(ctx.contentType()));
            for (MultipartReader.Part part; (part = parts.next()) != null; count++) {
                byte[] raw = part.body().readNBytes(2 * Block.MAX_SIZE + 1);
                if (raw.length > 2 * Block.MAX_SIZE) {
                    throw HttpException.badRequest("input node is over " + 2 * Block.MAX_SIZE + " bytes");
                }
                Object value = switch (input) {
                    case DAG_JSON -> DagJson.decode(raw);
                    case DAG_CBOR -> DagCbor.decode(raw);
                    default -> raw;
                };
                byte[] data = encode(value, store);
                if (data.length > Block.MAX_SIZE) {
                    throw HttpException.badRequest("produced block is over " + Block.MAX_SIZE + " bytes");
                }
                Cid cid = Cid.v1(store, Multihash.digest(hash.code(), data));
                content.putBlock(Block.hashed(cid, data), pinner);
                ObjectNode o = JSON.createObjectNode();
                o.putObject("Cid").put("/", cid.toString());
                out.append(o).append('\n');
            }
        }
        if (count == 0) {
            throw HttpException.badRequest("file argument 'object data' is required");
        }
        ctx.status(200).contentType("application/json").result(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    // ---- dag/stat ----

    void stat(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        boolean progress = a.bool("progress", true);
        List<Cid> roots = new ArrayList<>();
        for (String arg : a.args()) {
            ContentPath p = path(arg);
            if (!p.remainder().isEmpty()) {
                roots.add(KuboFiles.resolve(content, arg).cid()); // Kubo resolves the path to the DAG it names
            } else {
                roots.add(p.root());
            }
        }
        ctx.status(200).contentType("application/json");
        if (progress) {
            ctx.header("X-Chunked-Output", "1");
        }
        OutputStream out = ctx.outputStream();
        Set<Cid> unique = new HashSet<>();
        long[] total = {0};
        long[] redundant = {0};
        List<long[]> perRoot = new ArrayList<>();
        for (Cid root : roots) {
            long[] stat = {0, 0};
            perRoot.add(stat);
            Set<Cid> visited = new HashSet<>();
            Deque<Cid> todo = new ArrayDeque<>();
            todo.push(root);
            while (!todo.isEmpty()) {
                Cid cid = todo.pop();
                if (!visited.add(cid)) {
                    continue;
                }
                byte[] data = content.block(cid).orElseThrow(() -> new KuboCommandException(
                        "error traversing DAG: " + KuboRefs.notFound(cid)));
                stat[0] += data.length;
                stat[1]++;
                if (unique.add(cid)) {
                    total[0] += data.length;
                }
                redundant[0] += data.length;
                if (progress) {
                    out.write((summary(roots, perRoot, total[0], 0, 0, null) + "\n").getBytes(StandardCharsets.UTF_8));
                }
                List<Cid> links;
                try {
                    links = Links.of(cid, data);
                } catch (CodecException e) {
                    throw new KuboCommandException("error traversing DAG: " + e.getMessage());
                }
                for (int i = links.size() - 1; i >= 0; i--) {
                    todo.push(links.get(i));
                }
            }
        }
        float ratio = total[0] == 0 ? Float.NaN : (float) redundant[0] / total[0];
        out.write((summary(roots, perRoot, total[0], unique.size(), redundant[0] - total[0], ratio) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Kubo's DagStatSummary, whose zero fields Go's omitempty leaves out. */
    private static ObjectNode summary(List<Cid> roots, List<long[]> perRoot, long total, long uniqueBlocks,
                                      long shared, Float ratio) {
        ObjectNode o = JSON.createObjectNode();
        if (uniqueBlocks != 0) {
            o.put("UniqueBlocks", uniqueBlocks);
        }
        if (total != 0) {
            o.put("TotalSize", total);
        }
        if (shared != 0) {
            o.put("SharedSize", shared);
        }
        if (ratio != null && !ratio.isNaN() && ratio != 0) {
            // Go writes a float32 in its shortest form, an integral one without ".0"
            o.putRawValue("Ratio", new com.fasterxml.jackson.databind.util.RawValue(goFloat(ratio)));
        }
        ArrayNode stats = o.putArray("DagStats");
        for (int i = 0; i < perRoot.size(); i++) {
            ObjectNode s = stats.addObject();
            s.put("Cid", roots.get(i).toString());
            if (perRoot.get(i)[0] != 0) {
                s.put("Size", perRoot.get(i)[0]);
            }
            if (perRoot.get(i)[1] != 0) {
                s.put("NumBlocks", perRoot.get(i)[1]);
            }
        }
        return o;
    }

    static String goFloat(float f) {
        String s = Float.toString(f);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
