package dev.cairn.http.kubo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.block.BlockNotFoundException;
import dev.cairn.cid.Cid;
import dev.cairn.content.ContentService;
import dev.cairn.dagpb.PbLink;
import dev.cairn.gateway.TarStream;
import dev.cairn.http.HttpException;
import dev.cairn.multiformats.CodecException;
import dev.cairn.unixfs.UnixfsData;
import dev.cairn.unixfs.reader.PathException;
import dev.cairn.unixfs.reader.Resolution;
import dev.cairn.unixfs.reader.UnixfsNode;
import dev.cairn.unixfs.reader.UnixfsReader;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * {@code get} and {@code ls}: UnixFS content as a tar stream and as listings.
 *
 * <p>{@code get} (docs.ipfs.tech/reference/kubo/rpc/#api-v0-get) sends a tar whatever
 * {@code archive} says, as Kubo does over HTTP (tar is its transport); {@code compress} gzips
 * it at {@code compression-level} (1-9), and a file asked for compressed without {@code archive}
 * comes as the gzipped bytes alone, as Kubo's fileArchive does.
 *
 * <p>{@code ls} (docs.ipfs.tech/reference/kubo/rpc/#api-v0-ls) answers
 * {@code {"Objects":[{"Hash":<arg>,"Links":[{Name,Hash,Size,Type,Target,Mode,ModTime}]}]}} with
 * Kubo's UnixFS type numbers (1 directory, 2 file, 4 symlink, whose Target is set; 0 when {@code resolve-type} and
 * {@code size} are both false, as nothing is read then). Links are sorted by name; with
 * {@code stream} each entry is its own object, in directory order. A file lists its chunks.
 * {@code Mode} and {@code ModTime} are the entry's UnixFS 1.5 metadata as Kubo renders them (see
 * {@link UnixfsMetadata}), read only when children are resolved, as Kubo does.
 */
final class KuboFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TYPE_DIRECTORY = 1;
    private static final int TYPE_FILE = 2;
    private static final int TYPE_SYMLINK = 4;

    private final ContentService content;

    KuboFiles(ContentService content) {
        this.content = content;
    }

    private Resolution resolve(String arg) {
        return resolve(content, arg);
    }

    /**
     * A command's path argument, resolved as Kubo's commands answer: a malformed one is 400, a
     * block that is not here or a path that names nothing is a failed command (500, Code 0) with
     * Kubo's words. Every command that takes a path resolves it here.
     */
    static Resolution resolve(ContentService content, String arg) {
        try {
            return content.resolve(arg);
        } catch (IllegalArgumentException | CodecException e) {
            throw HttpException.badRequest("invalid path '" + arg + "': " + e.getMessage());
        } catch (BlockNotFoundException e) {
            throw new KuboCommandException(KuboRefs.notFound(e.cid()));
        } catch (PathException e) {
            throw new KuboCommandException(e.getMessage());
        }
    }

    void get(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        String arg = a.arg();
        boolean archive = a.bool("archive", false);
        int level = compressionLevel(a);
        Resolution r = resolve(arg);
        UnixfsNode node = r.node();
        if (node.kind() == UnixfsNode.Kind.DAG_PB || node.kind() == UnixfsNode.Kind.OTHER) {
            throw new KuboCommandException("unsupported node type: " + node.cid() + " is not UnixFS");
        }
        boolean bare = !archive && level != 0;
        if (bare && !node.isFile()) {
            throw new KuboCommandException("file is not regular");
        }
        ctx.status(200).contentType(level != 0 ? "application/gzip" : "application/x-tar")
                .header("X-Stream-Output", "1");
        node.size().ifPresent(size -> ctx.header("X-Content-Length", Long.toString(size)));
        OutputStream out = ctx.outputStream();
        OutputStream body = level == 0 ? out : gzip(out, level);
        UnixfsReader reader = content.unixfs();
        if (bare) {
            try (InputStream in = reader.open(node, 0, node.size().orElse(0))) {
                in.transferTo(body);
            }
        } else {
            TarStream.write(reader, node, fileName(arg), body);
        }
        if (body != out) {
            ((GZIPOutputStream) body).finish();
        }
        out.flush();
    }

    /** The last element of the path, as Kubo names the top entry (the CID when there is no path). */
    private static String fileName(String arg) {
        String p = arg;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** 0 for no compression, as go-ipfs getCompressOptions: {@code compress} alone is the default level. */
    private static int compressionLevel(KuboArgs a) {
        if (!a.bool("compress", false)) {
            return 0;
        }
        String given = a.string("compression-level");
        if (given == null || given.isBlank() || given.strip().equals("-1")) {
            return java.util.zip.Deflater.DEFAULT_COMPRESSION;
        }
        long level = a.nonNegative("compression-level", 0);
        if (level < 1 || level > 9) {
            throw HttpException.badRequest("compression level must be between 1 and 9");
        }
        return (int) level;
    }

    private static GZIPOutputStream gzip(OutputStream out, int level) throws IOException {
        return new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(level);
            }
        };
    }

    void ls(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        boolean resolveType = a.bool("resolve-type", true);
        boolean size = a.bool("size", true);
        boolean stream = a.bool("stream", false);
        boolean resolveChildren = resolveType || size;
        List<String> args = a.args();
        List<Resolution> resolved = args.stream().map(this::resolve).toList();
        ctx.status(200).contentType("application/json");
        if (stream) {
            ctx.header("X-Chunked-Output", "1");
        }
        OutputStream out = ctx.outputStream();
        ObjectNode all = JSON.createObjectNode();
        ArrayNode objects = all.putArray("Objects");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            List<ObjectNode> links = new ArrayList<>();
            try (Stream<ObjectNode> s = links(resolved.get(i).node(), resolveChildren)) {
                if (stream) {
                    for (ObjectNode link : (Iterable<ObjectNode>) s::iterator) {
                        ObjectNode line = JSON.createObjectNode();
                        object(line.putArray("Objects"), arg, List.of(link));
                        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                } else {
                    s.forEach(links::add);
                }
            }
            if (!stream) {
                links.sort(Comparator.comparing(l -> l.get("Name").asText()));
                object(objects, arg, links);
            }
        }
        if (!stream) {
            out.write((all + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private static void object(ArrayNode objects, String hash, List<ObjectNode> links) {
        ObjectNode o = objects.addObject();
        o.put("Hash", hash);
        ArrayNode arr = o.putArray("Links");
        links.forEach(arr::add);
    }

    /** A directory's entries, or a file's chunks (unnamed), as Kubo's LsLink objects. */
    private Stream<ObjectNode> links(UnixfsNode node, boolean resolve) {
        UnixfsReader reader = content.unixfs();
        if (node.isDirectory()) {
            return reader.list(node).map(e -> link(reader, e.name(), e.cid(), resolve));
        }
        return node.links().stream().map((PbLink l) -> link(reader, l.nameOrEmpty(), l.hash(), resolve));
    }

    private ObjectNode link(UnixfsReader reader, String name, Cid cid, boolean resolve) {
        int type = 0;
        long size = 0;
        String target = "";
        long mode = 0;
        String modTime = UnixfsMetadata.NO_TIME;
        if (resolve) {
            UnixfsNode child;
            try {
                child = reader.node(cid);
            } catch (BlockNotFoundException e) {
                throw new KuboCommandException(KuboRefs.notFound(e.cid()));
            }
            switch (child.kind()) {
                case DIRECTORY, HAMT_DIRECTORY -> type = TYPE_DIRECTORY;
                case SYMLINK -> {
                    type = TYPE_SYMLINK;
                    target = child.symlinkTarget();
                }
                case FILE, RAW_FILE -> {
                    type = TYPE_FILE;
                    size = child.size().orElse(0);
                }
                default -> type = 0;
            }
            // as Kubo, from the child's own node (raw leaves have none): UnixFS 1.5 mode and mtime
            Optional<UnixfsData> meta = child.unixfs();
            if (meta.isPresent()) {
                mode = UnixfsMetadata.goFileMode(meta.get().mode(), child.kind() == UnixfsNode.Kind.DIRECTORY
                        || child.kind() == UnixfsNode.Kind.HAMT_DIRECTORY, child.kind() == UnixfsNode.Kind.SYMLINK);
                modTime = UnixfsMetadata.goTime(meta.get().mtime());
            }
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("Name", name);
        o.put("Hash", cid.toString());
        o.put("Size", size);
        o.put("Type", type);
        o.put("Target", target);
        o.put("Mode", mode);
        o.put("ModTime", modTime);
        return o;
    }
}
