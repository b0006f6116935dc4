package dev.cairn.gateway;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.http.HttpException;
import dev.cairn.http.ResponseChannel;
import dev.cairn.unixfs.reader.DirEntry;
import dev.cairn.unixfs.reader.Resolution;
import dev.cairn.unixfs.reader.UnixfsNode;
import dev.cairn.unixfs.reader.UnixfsReader;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Deserialized responses of the path gateway (spec section 1): UnixFS files (sniffed type,
 * single ranges, {@code ?filename=} and {@code ?download=true}), directories (301 to the
 * trailing-slash URL, {@code index.html}, else a generated listing; basic and HAMT), symlinks
 * (the target as body) and non-UnixFS blocks as-is.
 */
final class UnixfsResponses {
    static final String LISTING_CACHE = "public, max-age=604800, stale-while-revalidate=2678400";

    private final BlockSource source;
    private final UnixfsReader reader;

    UnixfsResponses(BlockSource source) {
        this.source = source;
        this.reader = UnixfsReader.over(source);
    }

    /**
     * @param rootBlock the bytes of {@code root}, just read by the caller to check it is here:
     *                  resolving starts from them instead of asking the store again (on 1 KiB files
     *                  that second index lookup was a good part of a request's work)
     */
    void serve(Context ctx, ContentPath path, Cid root, byte[] rootBlock) throws IOException {
        Optional<byte[]> known = Optional.of(rootBlock);
        Resolution resolution = UnixfsReader.over(cid -> cid.equals(root) ? known : source.get(cid))
                .resolve(root, path.remainder());
        UnixfsNode node = resolution.node();
        ctx.header("X-Ipfs-Path", ContentPath.requested(ctx));
        ctx.header("X-Ipfs-Roots", resolution.path().stream().map(Cid::toString).collect(Collectors.joining(",")));
        switch (node.kind()) {
            case FILE, RAW_FILE -> file(ctx, path, node, etag(node.cid()));
            case DIRECTORY, HAMT_DIRECTORY -> directory(ctx, path, node);
            case SYMLINK -> small(ctx, "\"" + node.cid() + "\"", "inode/symlink",
                    node.symlinkTarget().getBytes(StandardCharsets.UTF_8));
            default -> block(ctx, node);
        }
    }

    private void directory(Context ctx, ContentPath path, UnixfsNode dir) throws IOException {
        if (!path.trailingSlash()) {
            String query = ctx.queryString();
            ctx.header("Location", path.directoryUrl() + (query == null || query.isEmpty() ? "" : "?" + query));
            ctx.status(301);
            return;
        }
        Optional<DirEntry> index = reader.entry(dir, "index.html");
        if (index.isPresent()) {
            UnixfsNode page = reader.node(index.get().cid());
            if (page.isFile()) {
                file(ctx, path, page, "\"" + dir.cid() + "\"", MediaTypes.HTML);
                return;
            }
        }
        String etag = DirectoryListing.etag(dir.cid());
        ctx.header("Etag", etag);
        ctx.header("Cache-Control", GatewaySurface.privateRead(ctx)
                ? LISTING_CACHE.replace("public", "private") : LISTING_CACHE);
        // The directory's own CID names the same content, so a client holding it is up to date too.
        if (GatewaySurface.notModified(ctx, etag, "\"" + dir.cid() + "\"")) {
            return;
        }
        String html;
        try (Stream<DirEntry> entries = reader.list(dir)) {
            html = DirectoryListing.render(path, dir.cid(), entries.iterator());
        }
        send(ctx, MediaTypes.HTML, html.getBytes(StandardCharsets.UTF_8));
    }

    private void file(Context ctx, ContentPath path, UnixfsNode file, String etag) throws IOException {
        file(ctx, path, file, etag, null);
    }

    private void file(Context ctx, ContentPath path, UnixfsNode file, String etag, String knownType) throws IOException {
        ctx.header("Etag", etag);
        ctx.header("Cache-Control", GatewaySurface.immutable(ctx));
        String filename = ctx.queryParam("filename");
        boolean download = "true".equals(ctx.queryParam("download"));
        if (filename != null || download) {
            String name = filename != null ? filename : path.lastName();
            ctx.header("Content-Disposition", Disposition.of(download ? "attachment" : "inline", name));
        }
        if (GatewaySurface.notModified(ctx, etag)) {
            return;
        }
        long size = file.size().orElseThrow();
        ctx.header("Accept-Ranges", "bytes");
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(ctx.header("Range"), size);
        } catch (ByteRange.Unsatisfiable e) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new HttpException(416, e.getMessage());
        }
        long offset = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        if (range.isPresent()) {
            ctx.status(206);
            ctx.header("Content-Range", range.get().contentRange(size));
        }
        // Sniffed from the bytes about to be sent, so a range never needs blocks outside it.
        String type = knownType != null ? knownType
                : contentType(filename != null ? filename : path.lastName(), () -> sniff(file, offset, length));
        ctx.contentType(type);
        ctx.header("Content-Length", Long.toString(length));
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        // As buffers lent by the store (mapped packs): one copy, page cache to socket.
        ResponseChannel body = ResponseChannel.of(ctx);
        reader.write(file, offset, length, body);
        body.flush();
    }

    /** The Etag of a file (or symlink, or other block) served by its own CID. */
    static String etag(Cid cid) {
        return "\"" + cid + "\"";
    }

    /** A file's type: by the extension of its name, else by what its first bytes show. */
    static String contentType(String name, Supplier<String> sniffed) {
        return MediaTypes.byName(name).orElseGet(sniffed);
    }

    private String sniff(UnixfsNode file, long offset, long length) {
        int want = (int) Math.min(length, MediaTypes.SNIFF_BYTES);
        try (InputStream in = reader.open(file, offset, want)) {
            // Read into an array of the size wanted (readAllBytes allocates 16 KiB to read 512).
            byte[] head = new byte[want];
            int n = in.readNBytes(head, 0, want);
            return MediaTypes.sniff(n == want ? head : java.util.Arrays.copyOf(head, n));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A block that is not UnixFS (dag-cbor, dag-json, plain dag-pb, ...), returned as stored. */
    private void block(Context ctx, UnixfsNode node) {
        String type = switch ((int) node.cid().codec()) {
            case 0x71 -> "application/vnd.ipld.dag-cbor";
            case 0x0129 -> "application/vnd.ipld.dag-json";
            case 0x0200 -> "application/json";
            case 0x51 -> "application/cbor";
            default -> GatewaySurface.RAW;
        };
        small(ctx, "\"" + node.cid() + "\"", type, node.block());
    }

    private void small(Context ctx, String etag, String type, byte[] body) {
        ctx.header("Etag", etag);
        ctx.header("Cache-Control", GatewaySurface.immutable(ctx));
        if (GatewaySurface.notModified(ctx, etag)) {
            return;
        }
        send(ctx, type, body);
    }

    private static void send(Context ctx, String type, byte[] body) {
        ctx.contentType(type);
        ctx.header("Content-Length", Integer.toString(body.length));
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(body);
        }
    }
}
