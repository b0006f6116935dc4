package dev.cairn.cli;

import dev.cairn.app.LocalNode;
import dev.cairn.gc.GcReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code cairn gc}: one garbage collection (like {@code ipfs repo gc}). */
@Command(name = "gc", description = {
        "Remove blocks that no live pin reaches (queued, pinning or pinned requests).",
        "Opens the store, so it cannot run while 'cairn serve' runs on the same data directory;",
        "set gc.enabled=true to collect inside the server instead. Then packs whose live share fell",
        "below gc.compact-below-percent are rewritten, which gives the disk space back."})
final class GcCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @picocli.CommandLine.Option(names = "--dry-run", description = "Only report what would be removed.")
    boolean dryRun;

    @Override
    public Integer call() {
        try (LocalNode node = LocalNode.openForMaintenance(root.node(), "cairn gc",
                ", or let the server collect: gc.enabled=true in config.toml")) {
            var gc = node.garbageCollector(node.livePins());
            GcReport r = dryRun ? gc.preview() : gc.collect();
            root.out().println((dryRun ? "Would remove " : "Removed ") + r.removed() + " blocks (" + r.bytesFreed() + " bytes); kept "
                    + r.marked() + " blocks reachable from " + r.liveRoots() + " live pins.");
            if (!dryRun) {
                root.out().println("Compacted " + r.packsCompacted() + " packs into " + r.packsWritten() + " ("
                        + r.blocksMoved() + " blocks moved); reclaimed " + r.bytesReclaimed() + " bytes on disk."
                        + (r.corruptBlocks() > 0 ? " " + r.corruptBlocks()
                                + " blocks failed verification and were left in place (see the log)." : ""));
                root.out().println("Purged " + r.pinsPurged() + " deleted pin requests.");
            }
            root.out().flush();
        }
        return 0;
    }
}
