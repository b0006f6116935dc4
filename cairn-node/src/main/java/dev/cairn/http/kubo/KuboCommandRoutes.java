package dev.cairn.http.kubo;

import dev.cairn.account.Scope;
import dev.cairn.content.ContentService;
import dev.cairn.content.UploadPinner;
import dev.cairn.http.Access;
import dev.cairn.http.HttpException;
import dev.cairn.http.Routes;
import dev.cairn.pin.PinService;
import io.javalin.http.Context;
import java.util.function.LongFunction;

/**
 * The route table of the Kubo commands kept in their own classes ({@code get}, {@code ls},
 * {@code refs}, {@code block/rm}, {@code dag/get|put|stat}, {@code pin/update|verify},
 * {@code repo/stat}), and the answers go-ipfs-cmds gives outside its commands: an unknown command
 * is a plain-text {@code 404 page not found}, any method but POST a plain-text
 * {@code 405 - Method Not Allowed} with {@code Allow: OPTIONS, POST}, whoever asks.
 */
final class KuboCommandRoutes {
    private final KuboFiles files;
    private final KuboDagNodes dagNodes;
    private final KuboRefs refs;
    private final KuboBlocks blocks;
    private final KuboRepoStat repo;
    private final KuboPinUpdates pinUpdates;

    KuboCommandRoutes(ContentService content, LongFunction<UploadPinner> pinners, PinService pins, KuboStorage storage,
                      UploadLimits limits) {
        this.files = new KuboFiles(content);
        this.dagNodes = new KuboDagNodes(content, pinners, limits);
        this.refs = new KuboRefs(content);
        this.blocks = new KuboBlocks(storage);
        this.repo = new KuboRepoStat(storage);
        this.pinUpdates = new KuboPinUpdates(pins, content);
    }

    void routes(Routes r) {
        r.post("/api/v0/get", Access.scope(Scope.READ), StreamError.reported(files::get));
        r.post("/api/v0/ls", Access.scope(Scope.READ), StreamError.reported(files::ls));
        r.post("/api/v0/dag/get", Access.scope(Scope.READ), dagNodes::get);
        r.postStreaming("/api/v0/dag/put", Access.scope(Scope.UPLOAD), dagNodes::put);
        r.post("/api/v0/dag/stat", Access.scope(Scope.READ), StreamError.reported(dagNodes::stat));
        r.post("/api/v0/refs", Access.scope(Scope.READ), StreamError.reported(refs::refs));
        r.post("/api/v0/block/rm", Access.scope(Scope.PIN), blocks::rm);
        r.post("/api/v0/repo/stat", Access.scope(Scope.READ), repo::stat);
        r.post("/api/v0/pin/update", Access.scope(Scope.PIN), pinUpdates::update);
        r.post("/api/v0/pin/verify", Access.scope(Scope.READ), pinUpdates::verify);

        r.post("/api/v0/*", Access.ANONYMOUS, KuboCommandRoutes::unknownCommand);
        r.get("/api/v0/*", Access.ANONYMOUS, KuboCommandRoutes::notPost);
        r.head("/api/v0/*", Access.ANONYMOUS, KuboCommandRoutes::notPost);
        r.put("/api/v0/*", Access.ANONYMOUS, KuboCommandRoutes::notPost);
        r.delete("/api/v0/*", Access.ANONYMOUS, KuboCommandRoutes::notPost);
    }

    private static void unknownCommand(Context ctx) {
        KuboErrors.plain(ctx);
        throw new HttpException(404, "404 page not found");
    }

    private static void notPost(Context ctx) {
        KuboErrors.plain(ctx);
        ctx.header("Allow", "OPTIONS, POST");
        throw new HttpException(405, "405 - Method Not Allowed");
    }
}
