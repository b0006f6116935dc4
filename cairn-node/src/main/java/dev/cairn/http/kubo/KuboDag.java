package dev.cairn.http.kubo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.content.ContentService;
import dev.cairn.content.UploadPinner;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpRequests;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;

/**
 * Blocks and CARs: {@code block/put}, {@code dag/export} (a CARv1 stream) and {@code dag/import}
 * (CAR uploads, every block verified, all of them stored or none, roots pinned for the caller
 * when their DAG is complete).
 */
final class KuboDag {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContentService content;
    private final LongFunction<UploadPinner> pinners;
    private final UploadLimits limits;

    KuboDag(ContentService content, LongFunction<UploadPinner> pinners, UploadLimits limits) {
        this.content = content;
        this.pinners = pinners;
        this.limits = limits;
    }

    private UploadPinner pinner(Context ctx, boolean pin) {
        return pin ? pinners.apply(HttpRequests.principal(ctx).account().id()) : UploadPinner.NONE;
    }

    /** One block from the first multipart file; CIDv1 of {@code cid-codec} (raw) and {@code mhtype} (sha2-256). */
    void blockPut(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        String codecName = a.string("cid-codec") == null ? "raw" : a.string("cid-codec");
        Multicodec codec = Multicodec.byName(codecName).filter(c -> c == Multicodec.RAW || c == Multicodec.DAG_PB
                        || c == Multicodec.DAG_CBOR || c == Multicodec.DAG_JSON)
                .orElseThrow(() -> HttpException.badRequest("unsupported cid-codec '" + codecName + "'"));
        String mhName = a.string("mhtype") == null ? "sha2-256" : a.string("mhtype");
        Multicodec mh = Multicodec.byName(mhName).filter(m -> m == Multicodec.SHA2_256 || m == Multicodec.SHA2_512)
                .orElseThrow(() -> HttpException.badRequest("unsupported mhtype '" + mhName + "'"));
        boolean pin = a.bool("pin", false);
        byte[] data;
        Cid cid;
        try (UploadLimits.Body body = limits.body(ctx)) { // its quota reservation lasts until the pin is committed
            MultipartReader parts = new MultipartReader(body, MultipartReader.boundary(ctx.contentType()));
            MultipartReader.Part part = parts.next();
            if (part == null) {
                throw HttpException.badRequest("file argument 'data' is required");
            }
            data = part.body().readNBytes(Block.MAX_SIZE + 1);
            if (data.length > Block.MAX_SIZE) {
                throw HttpException.badRequest("produced block is over " + Block.MAX_SIZE + " bytes");
            }
            cid = Cid.v1(codec, Multihash.digest(mh.code(), data));
            content.putBlock(Block.hashed(cid, data), pinner(ctx, pin));
        }
        if (pin) {
            limits.uploaded(java.util.List.of(cid));
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("Key", cid.toString());
        o.put("Size", data.length);
        KuboRpcSurface.json(ctx, o);
    }

    void export(Context ctx) throws IOException {
        Cid root = new KuboArgs(ctx).cidArg();
        if (content.block(root).isEmpty()) {
            throw new KuboCommandException("block was not found locally (offline): ipld: could not find " + root);
        }
        ctx.status(200).contentType("application/vnd.ipld.car").header("X-Stream-Output", "1");
        OutputStream out = ctx.outputStream();
        content.exportCar(root, out);
        out.flush();
    }

    /** Every multipart file is a CAR (v1 or v2); one result line per root, as Kubo. */
    void importCars(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        boolean pinRoots = a.bool("pin-roots", true);
        boolean stats = a.bool("stats", false);
        ContentService.CarImport result;
        int[] count = {0};
        try (UploadLimits.Body body = limits.body(ctx)) { // its quota reservation lasts until the roots are pinned
            result = importCars(body, ctx, pinRoots, count);
        }
        if (count[0] == 0) {
            throw HttpException.badRequest("file argument 'path' is required: the multipart body has no CAR");
        }
        if (pinRoots && result.pinned()) {
            limits.uploaded(result.roots());
        }
        ctx.status(200).contentType("application/json");
        OutputStream out = ctx.outputStream();
        if (pinRoots) {
            for (Cid root : result.roots()) {
                ObjectNode line = JSON.createObjectNode();
                ObjectNode r = line.putObject("Root");
                r.putObject("Cid").put("/", root.toString());
                r.put("PinErrorMsg", result.pinned() ? "" : "block was not found locally (offline): the DAG under "
                        + root + " is incomplete");
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (stats) {
            ObjectNode line = JSON.createObjectNode();
            ObjectNode s = line.putObject("Stats");
            s.put("BlockCount", result.blocks());
            s.put("BlockBytesCount", result.bytes());
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    /** Imports every CAR part of {@code upload}, counting them in {@code count[0]}. */
    private ContentService.CarImport importCars(InputStream upload, Context ctx, boolean pinRoots, int[] count)
            throws IOException {
        MultipartReader parts = new MultipartReader(upload, MultipartReader.boundary(ctx.contentType()));
        Iterable<ContentService.InputStreamSupplier> cars = () -> new Iterator<>() {
            private MultipartReader.Part next;
            private boolean looked;

            @Override
            public boolean hasNext() {
                if (!looked) {
                    try {
                        next = parts.next();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    looked = true;
                }
                return next != null;
            }

            @Override
            public ContentService.InputStreamSupplier next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                InputStream body = next.body();
                looked = false;
                count[0]++;
                return () -> body;
            }
        };
        try {
            return content.importCarStreams(cars, pinner(ctx, pinRoots));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
