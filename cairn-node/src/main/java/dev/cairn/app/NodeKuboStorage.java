package dev.cairn.app;

import dev.cairn.cid.Cid;
import dev.cairn.gc.BlockRemover;
import dev.cairn.http.kubo.KuboStorage;
import dev.cairn.store.StoreStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Kubo RPC's view of this node's storage: store totals, the data directory, and block removal. */
final class NodeKuboStorage implements KuboStorage {
    private final LocalNode node;
    private final BlockRemover remover;

    NodeKuboStorage(LocalNode node) {
        this.node = node;
        this.remover = new BlockRemover(node.blocks(), node.livePins(), node.gcBarrier());
    }

    @Override
    public Usage usage() {
        StoreStats stats = node.blocks().stats();
        Path dir = node.context().config().store().dataDir();
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            free = 0; // the store's own size is still right; only the headroom is unknown
        }
        long max = stats.bytes() > Long.MAX_VALUE - free ? Long.MAX_VALUE : stats.bytes() + free;
        return new Usage(stats.blocks(), stats.bytes(), max, dir.toAbsolutePath().toString());
    }

    @Override
    public Map<Cid, BlockRemover.Outcome> removeUnpinned(List<Cid> cids) {
        return remover.remove(cids);
    }
}
