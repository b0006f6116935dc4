package dev.cairn.http.kubo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.account.Principal;
import dev.cairn.account.Scope;
import dev.cairn.cid.Cid;
import dev.cairn.content.ContentService;
import dev.cairn.content.UploadPinner;
import dev.cairn.http.Access;
import dev.cairn.http.ErrorRenderer;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpRequests;
import dev.cairn.http.HttpSurface;
import dev.cairn.http.Routes;
import dev.cairn.identity.Identity;
import dev.cairn.pin.PinService;
import dev.cairn.unixfs.importer.ImportOptions;
import dev.cairn.unixfs.importer.ImportedEntry;
import dev.cairn.unixfs.reader.Resolution;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * The Kubo RPC ({@code POST /api/v0/...}; reference: docs.ipfs.tech/reference/kubo/rpc). Every
 * command is POST, as in Kubo (which refuses GET to stop cross-site requests). Authentication is
 * the core's: {@code Authorization: Bearer <token>} or Basic {@code <account>:<token>} (Infura).
 *
 * <p>Uploads need the {@code upload} scope and are pinned under the caller's account in the same
 * commit that stores their blocks, so they show in {@code GET /pins} as {@code pinned}.
 */
public final class KuboRpcSurface implements HttpSurface {
    /** The Kubo version clients see: kubo-rpc-client only checks that it parses. */
    static final String KUBO_VERSION = "0.32.1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIRECTORY = "application/x-directory";
    private static final String SYMLINK = "application/symlink";

    private final ContentService content;
    private final LongFunction<UploadPinner> pinners;
    private final Identity identity;
    private final KuboErrors errors = new KuboErrors();
    private final KuboDag dag;
    private final KuboPins pinCommands;
    private final KuboCommandRoutes more;
    private final UploadLimits limits;

    /**
     * @param pinners the upload pinner of an account id ({@code LocalNode::pinnerFor})
     * @param pins the accounts' pin requests, for {@code pin/*}
     */
    public KuboRpcSurface(ContentService content, LongFunction<UploadPinner> pinners, PinService pins, Identity identity) {
        this(content, pinners, pins, identity, KuboStorage.NONE);
    }

    /** @param storage the node's storage totals and block removal, for {@code repo/stat} and {@code block/rm} */
    public KuboRpcSurface(ContentService content, LongFunction<UploadPinner> pinners, PinService pins, Identity identity,
                          KuboStorage storage) {
        this(content, pinners, pins, identity, storage, UploadLimits.NONE);
    }

    /** @param limits the bounds of upload bodies: size limit and the accounts' quotas */
    public KuboRpcSurface(ContentService content, LongFunction<UploadPinner> pinners, PinService pins, Identity identity,
                          KuboStorage storage, UploadLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.content = Objects.requireNonNull(content, "content");
        this.pinners = Objects.requireNonNull(pinners, "pinners");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.dag = new KuboDag(content, pinners, limits);
        this.pinCommands = new KuboPins(Objects.requireNonNull(pins, "pins"));
        Objects.requireNonNull(storage, "storage");
        this.more = new KuboCommandRoutes(content, pinners, pins, storage, limits);
    }

    @Override
    public String name() {
        return "kubo";
    }

    @Override
    public ErrorRenderer errors() {
        return errors;
    }

    @Override
    public void routes(Routes r) {
        // Commands whose output streams end a failure after their 200 with Kubo's X-Stream-Error trailer.
        r.post("/api/v0/version", Access.AUTHENTICATED, this::version);
        r.post("/api/v0/id", Access.AUTHENTICATED, this::id);
        r.postStreaming("/api/v0/add", Access.scope(Scope.UPLOAD), StreamError.reported(this::add));
        r.post("/api/v0/cat", Access.scope(Scope.READ), StreamError.reported(this::cat));
        r.post("/api/v0/block/get", Access.scope(Scope.READ), this::blockGet);
        r.post("/api/v0/block/stat", Access.scope(Scope.READ), this::blockStat);
        r.postStreaming("/api/v0/block/put", Access.scope(Scope.UPLOAD), dag::blockPut);
        r.post("/api/v0/dag/export", Access.scope(Scope.READ), StreamError.reported(dag::export));
        r.postStreaming("/api/v0/dag/import", Access.scope(Scope.UPLOAD), StreamError.reported(dag::importCars));
        r.post("/api/v0/pin/add", Access.scope(Scope.PIN), pinCommands::add);
        r.post("/api/v0/pin/ls", Access.scope(Scope.READ), StreamError.reported(pinCommands::ls));
        r.post("/api/v0/pin/rm", Access.scope(Scope.PIN), pinCommands::rm);
        more.routes(r); // its catch-alls for unknown commands and other methods are registered last by the core
    }

    private void version(Context ctx) {
        ObjectNode o = JSON.createObjectNode();
        o.put("Version", KUBO_VERSION);
        o.put("Commit", "cairn");
        o.put("Repo", "16");
        o.put("System", System.getProperty("os.arch") + "/" + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT));
        o.put("Golang", "none (Cairn, Java " + Runtime.version().feature() + ")");
        json(ctx, o);
    }

    private void id(Context ctx) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ID", identity.peerId().toString());
        o.put("PublicKey", identity.publicKeyBase64());
        o.putArray("Addresses");
        o.put("AgentVersion", "cairn/kubo-rpc-" + KUBO_VERSION);
        o.put("ProtocolVersion", "ipfs/0.1.0");
        o.putArray("Protocols");
        json(ctx, o);
    }

    // ---- add ----

    private void add(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        ImportOptions options = importOptions(a);
        boolean onlyHash = a.bool("only-hash", false);
        boolean pin = a.bool("pin", true);
        boolean quieter = a.bool("quieter", false);
        boolean progress = a.bool("progress", false) && !a.bool("quiet", false) && !quieter;
        String hash = a.string("hash");
        if (hash != null && !hash.equals("sha2-256")) {
            throw HttpException.badRequest("unsupported hash function '" + hash + "' (only sha2-256)");
        }
        Principal principal = HttpRequests.principal(ctx);
        UploadPinner pinner = pin ? pinners.apply(principal.account().id()) : UploadPinner.NONE;
        AddProgress tracker = new AddProgress(ctx, progress);
        List<ImportedEntry> entries;
        // The body's quota reservation is held until the pin is committed (closing it releases it).
        try (UploadLimits.Body body = limits.body(ctx)) {
            MultipartReader parts = new MultipartReader(body, MultipartReader.boundary(ctx.contentType()));
            entries = content.addSession(options, onlyHash, tracker::bytes, pinner, session -> {
                int files = 0;
                for (MultipartReader.Part part; (part = parts.next()) != null; ) {
                    String path = partPath(part, files);
                    String type = part.contentType();
                    if (type.startsWith(DIRECTORY)) {
                        session.addDirectory(path);
                    } else if (type.startsWith(SYMLINK)) {
                        session.addSymlink(path, new String(part.body().readNBytes(4096), StandardCharsets.UTF_8));
                    } else {
                        tracker.startFile(path);
                        session.addFile(path, part.body());
                    }
                    files++;
                }
                if (files == 0) {
                    throw HttpException.badRequest("file argument 'path' is required: the multipart body has no parts");
                }
            });
        }
        if (pin && !onlyHash) {
            limits.uploaded(entries.stream().filter(e -> options.wrapWithDirectory() ? e.path().isEmpty()
                    : !e.path().contains("/")).map(ImportedEntry::cid).toList());
        }
        tracker.begin();
        OutputStream out = ctx.outputStream();
        for (ImportedEntry e : entries) {
            if (quieter && (options.wrapWithDirectory() ? !e.path().isEmpty() : e.path().contains("/"))) {
                continue;
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("Name", e.path());
            o.put("Hash", e.cid().toString());
            o.put("Size", Long.toString(e.size()));
            out.write((o + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    /** Kubo's progress objects ({@code {"Name","Bytes"}}, bytes of the current file so far), streamed. */
    private static final class AddProgress {
        private final Context ctx;
        private final boolean enabled;
        private boolean begun;
        private String file = "";
        private long fileStart;
        private long total;

        AddProgress(Context ctx, boolean enabled) {
            this.ctx = ctx;
            this.enabled = enabled;
        }

        void begin() {
            if (!begun) {
                begun = true;
                ctx.status(200).contentType("application/json");
                ctx.header("X-Chunked-Output", "1");
            }
        }

        void startFile(String name) {
            file = name;
            fileStart = total;
        }

        void bytes(long soFar) {
            total = soFar;
            if (!enabled) {
                return;
            }
            begin();
            ObjectNode o = JSON.createObjectNode();
            o.put("Name", file);
            o.put("Bytes", soFar - fileStart);
            try {
                OutputStream out = ctx.outputStream();
                out.write((o + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The part's path: Kubo clients send it URL-encoded in {@code filename}; unnamed files get none. */
    private static String partPath(MultipartReader.Part part, int index) {
        String raw = part.disposition("filename");
        if (raw == null || raw.isEmpty()) {
            if (index > 0) {
                throw HttpException.badRequest("multipart part " + index + " has no filename");
            }
            return "";
        }
        String path;
        try {
            path = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpException.badRequest("bad filename '" + raw + "': " + e.getMessage());
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static ImportOptions importOptions(KuboArgs a) {
        ImportOptions.Builder b = ImportOptions.kubo().toBuilder();
        long cidVersion = a.nonNegative("cid-version", 0);
        if (cidVersion > 1) {
            throw HttpException.badRequest("unknown CID version: " + cidVersion);
        }
        b.cidVersion((int) cidVersion);
        // as Kubo: CIDv1 implies raw leaves unless raw-leaves says otherwise
        b.rawLeaves(a.bool("raw-leaves", cidVersion == 1));
        String chunker = a.string("chunker");
        if (chunker != null && !chunker.isBlank()) {
            b.chunker(chunker);
        }
        b.trickle(a.bool("trickle", false));
        b.inline(a.bool("inline", false));
        long inlineLimit = a.nonNegative("inline-limit", ImportOptions.DEFAULT_INLINE_LIMIT);
        b.inlineLimit((int) Math.min(inlineLimit, Integer.MAX_VALUE));
        b.wrapWithDirectory(a.bool("wrap-with-directory", false));
        return b.build();
    }

    // ---- reads ----

    private void cat(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        String path = a.arg(); // ContentService.resolve takes CID, CID/path or /ipfs/CID/path
        long offset = a.nonNegative("offset", 0);
        long length = a.nonNegative("length", Long.MAX_VALUE);
        Resolution r = KuboFiles.resolve(content, path);
        if (!r.node().isFile()) {
            throw new KuboCommandException("this dag node is a directory");
        }
        long size = r.node().size().orElse(0);
        long start = Math.min(offset, size);
        long len = Math.min(length, size - start);
        ctx.status(200).contentType("text/plain");
        ctx.header("X-Stream-Output", "1");
        ctx.header("X-Content-Length", Long.toString(len));
        try (InputStream in = content.unixfs().open(r.node(), start, len)) {
            in.transferTo(ctx.outputStream());
        }
    }

    private byte[] block(Cid cid) {
        return content.block(cid).orElseThrow(() -> new KuboCommandException("block was not found locally (offline): "
                + "ipld: could not find " + cid));
    }

    private void blockGet(Context ctx) {
        byte[] data = block(new KuboArgs(ctx).cidArg());
        ctx.status(200).contentType("text/plain").header("X-Stream-Output", "1").result(data);
    }

    private void blockStat(Context ctx) {
        Cid cid = new KuboArgs(ctx).cidArg();
        byte[] data = block(cid);
        ObjectNode o = JSON.createObjectNode();
        o.put("Key", cid.toString());
        o.put("Size", data.length);
        json(ctx, o);
    }

    static void json(Context ctx, ObjectNode o) {
        ctx.status(200).contentType("application/json").result((o + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
