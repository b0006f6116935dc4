package dev.cairn.http.kubo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.account.Scope;
import dev.cairn.http.HttpRequests;
import io.javalin.http.Context;

/**
 * {@code repo/stat} (docs.ipfs.tech/reference/kubo/rpc/#api-v0-repo-stat): the node's storage as
 * a whole, as Kubo's corerepo.Stat reports it ({@code RepoSize}, {@code StorageMax},
 * {@code NumObjects}, {@code RepoPath}, {@code Version}); {@code size-only} keeps the first two.
 * RepoSize counts stored block bytes; StorageMax is RepoSize plus the free space of the disk.
 * The repository path is the server's, so only admin tokens see it (others get "").
 */
final class KuboRepoStat {
    /** Kubo's repository version string; Cairn's layout is its own, this is what clients parse. */
    static final String REPO_VERSION = "fs-repo@16";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KuboStorage storage;

    KuboRepoStat(KuboStorage storage) {
        this.storage = storage;
    }

    void stat(Context ctx) {
        KuboArgs a = new KuboArgs(ctx);
        boolean sizeOnly = a.bool("size-only", false);
        KuboStorage.Usage u = storage.usage();
        ObjectNode o = JSON.createObjectNode();
        o.put("RepoSize", u.bytes());
        o.put("StorageMax", u.storageMax());
        if (!sizeOnly) {
            o.put("NumObjects", u.blocks());
            boolean admin = HttpRequests.principal(ctx).may(Scope.ADMIN);
            o.put("RepoPath", admin ? u.path() : "");
            o.put("Version", REPO_VERSION);
        }
        KuboRpcSurface.json(ctx, o);
    }
}
