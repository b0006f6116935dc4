package dev.cairn.http.kubo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.cid.Cid;
import dev.cairn.gc.BlockRemover;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code block/rm} (docs.ipfs.tech/reference/kubo/rpc/#api-v0-block-rm): one
 * {@code {"Hash","Error"}} line per argument, as Kubo's blockstoreutil.RmBlocks writes them, with
 * status 200 even when some were refused. Only blocks that no live pin of any account reaches are
 * removed ({@link BlockRemover}): the store is shared, so a tenant can clean up what it uploaded
 * unpinned but never a block someone's pin needs. A refused block says "pinned: recursive" (the
 * root of a pin) or "pinned: indirect" (inside a pinned DAG); Kubo's "pinned via ROOT" is not
 * used, since ROOT may be another account's pin.
 */
final class KuboBlocks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KuboStorage storage;

    KuboBlocks(KuboStorage storage) {
        this.storage = storage;
    }

    void rm(Context ctx) {
        KuboArgs a = new KuboArgs(ctx);
        boolean force = a.bool("force", false);
        boolean quiet = a.bool("quiet", false);
        List<Cid> cids = a.args().stream().map(KuboArgs::cid).toList();
        Map<Cid, BlockRemover.Outcome> outcomes = storage.removeUnpinned(cids);
        StringBuilder body = new StringBuilder();
        for (Cid cid : cids) {
            String error = switch (outcomes.getOrDefault(cid, BlockRemover.Outcome.NOT_FOUND)) {
                case REMOVED -> null;
                case NOT_FOUND -> force ? null : "ipld: could not find " + cid;
                case PINNED_ROOT -> "pinned: recursive";
                case PINNED_INDIRECT -> "pinned: indirect";
                case IN_USE -> "in use by an upload or pin in progress";
            };
            if (error == null && quiet) {
                continue;
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("Hash", cid.toString());
            if (error != null) {
                o.put("Error", error);
            }
            body.append(o).append('\n');
        }
        ctx.status(200).contentType("application/json").header("X-Chunked-Output", "1")
                .result(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
