package dev.cairn.http.kubo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.block.BlockNotFoundException;
import dev.cairn.cid.Cid;
import dev.cairn.content.ContentPath;
import dev.cairn.content.ContentService;
import dev.cairn.dag.Links;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.http.HttpException;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code refs} (docs.ipfs.tech/reference/kubo/rpc/#api-v0-refs): the links under each argument,
 * one {@code {"Ref","Err"}} line each, streamed, in Kubo's order (depth-first, a link written
 * before its children), with {@code recursive}, {@code unique}, {@code max-depth}, {@code edges}
 * and {@code format} ({@code <src>}, {@code <dst>}, {@code <linkname>}). As Kubo, a block that
 * cannot be read ends that argument's walk with an {@code Err} line and the next argument goes on.
 * The walk keeps a stack, not the Java call stack, so a deep DAG cannot overflow it.
 */
final class KuboRefs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContentService content;

    KuboRefs(ContentService content) {
        this.content = content;
    }

    /** One named link, as the refs format sees it. */
    private record Link(Cid cid, String name) {}

    /** A node on the walk's stack: its links and how far through them we are. */
    private static final class Frame {
        final Cid cid;
        final List<Link> links;
        final int depth;
        int next;

        Frame(Cid cid, List<Link> links, int depth) {
            this.cid = cid;
            this.links = links;
            this.depth = depth;
        }
    }

    void refs(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        boolean unique = a.bool("unique", false);
        boolean recursive = a.bool("recursive", false);
        boolean edges = a.bool("edges", false);
        String format = a.string("format") == null ? "<dst>" : a.string("format");
        long maxDepth = maxDepth(a.string("max-depth"));
        if (!recursive) {
            maxDepth = 1;
        }
        if (edges) {
            if (!format.equals("<dst>")) {
                throw HttpException.badRequest("using format argument with edges is not allowed");
            }
            format = "<src> -> <dst>";
        }
        List<Cid> roots = new ArrayList<>();
        for (String arg : a.args()) {
            roots.add(root(arg));
        }
        ctx.status(200).contentType("application/json").header("X-Chunked-Output", "1");
        OutputStream out = ctx.outputStream();
        Map<Cid, Long> seen = new HashMap<>();
        for (Cid root : roots) {
            try {
                walk(root, unique, maxDepth, format, seen, out);
            } catch (BlockNotFoundException e) {
                line(out, "", notFound(e.cid()));
            } catch (CodecException e) {
                line(out, "", e.getMessage());
            }
        }
        out.flush();
    }

    private void walk(Cid root, boolean unique, long maxDepth, String format, Map<Cid, Long> seen,
                      OutputStream out) throws IOException {
        if (root.codec() == Multicodec.RAW.code() && content.block(root).isEmpty()) {
            throw new BlockNotFoundException(root); // links() does not read raw blocks, but the root must be here
        }
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, links(root), 0));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next >= f.links.size()) {
                stack.pop();
                continue;
            }
            Link link = f.links.get(f.next++);
            long depth = f.depth + 1;
            // Kubo's RefWriter.visit: whether to descend below the link and whether to write it
            boolean atMax = maxDepth >= 0 && depth == maxDepth;
            if (maxDepth >= 0 && depth > maxDepth) {
                continue;
            }
            boolean goDeeper;
            boolean write;
            if (!unique) {
                goDeeper = !atMax;
                write = true;
            } else {
                Long old = seen.get(link.cid());
                if (old != null && (maxDepth < 0 || old <= depth)) {
                    continue;
                }
                seen.put(link.cid(), depth);
                goDeeper = !atMax;
                write = old == null;
            }
            if (write) {
                line(out, format.replace("<src>", f.cid.toString()).replace("<dst>", link.cid().toString())
                        .replace("<linkname>", link.name()), "");
            }
            if (goDeeper) {
                stack.push(new Frame(link.cid(), links(link.cid()), (int) depth));
            }
        }
    }

    private List<Link> links(Cid cid) {
        if (cid.codec() == Multicodec.RAW.code()) {
            return List.of();
        }
        byte[] data = content.block(cid).orElseThrow(() -> new BlockNotFoundException(cid));
        if (cid.codec() == Multicodec.DAG_PB.code()) {
            List<Link> out = new ArrayList<>();
            for (PbLink l : DagPb.decode(data).links()) {
                out.add(new Link(l.hash(), l.nameOrEmpty()));
            }
            return out;
        }
        return Links.of(cid, data).stream().map(c -> new Link(c, "")).toList();
    }

    private Cid root(String arg) {
        ContentPath p;
        try {
            p = ContentPath.parse(arg);
        } catch (RuntimeException e) {
            throw HttpException.badRequest("invalid path '" + arg + "': " + e.getMessage());
        }
        if (p.remainder().isEmpty()) {
            return p.root();
        }
        return KuboFiles.resolve(content, arg).cid();
    }

    /** Kubo's words for a block an offline node does not have. */
    static String notFound(Cid cid) {
        return "block was not found locally (offline): ipld: could not find " + cid;
    }

    private static long maxDepth(String v) {
        if (v == null || v.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw HttpException.badRequest("invalid value for option 'max-depth': '" + v + "' is not a number");
        }
    }

    private static void line(OutputStream out, String ref, String err) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("Ref", ref);
        o.put("Err", err);
        out.write((o + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
