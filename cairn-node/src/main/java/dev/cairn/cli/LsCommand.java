package dev.cairn.cli;

import dev.cairn.app.LocalNode;
import dev.cairn.block.BlockNotFoundException;
import dev.cairn.unixfs.reader.DirEntry;
import dev.cairn.unixfs.reader.Resolution;
import dev.cairn.unixfs.reader.UnixfsNode;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn ls}: a directory's entries as {@code ipfs ls} prints them:
 * {@code <cid> <size> <name>}, where size is the file size, and {@code -} with a trailing
 * {@code /} on the name for directories.
 */
@Command(name = "ls", description = "List a directory: CID, CID/path or /ipfs/CID/path (like 'ipfs ls').")
final class LsCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @Parameters(paramLabel = "PATH", description = "CID[/path] of a directory (a file lists itself).")
    String path;

    @Override
    public Integer call() {
        try (LocalNode node = LocalNode.open(root.node())) {
            UnixfsReader reader = node.content().unixfs();
            Resolution r = node.content().resolve(path);
            UnixfsNode target = r.node();
            if (!target.isDirectory()) {
                root.out().println(line(target.cid().toString(), reader, target, r.cid().toString()));
                root.out().flush();
                return 0;
            }
            try (Stream<DirEntry> entries = reader.list(target)) {
                Iterator<DirEntry> it = entries.iterator();
                while (it.hasNext()) {
                    DirEntry e = it.next();
                    UnixfsNode child;
                    try {
                        child = reader.node(e.cid());
                    } catch (BlockNotFoundException missing) {
                        root.out().println(e.cid() + " ? " + e.name() + "  (block not in store)");
                        continue;
                    }
                    root.out().println(line(e.cid().toString(), reader, child, e.name()));
                }
            }
            root.out().flush();
        }
        return 0;
    }

    private static String line(String cid, UnixfsReader reader, UnixfsNode node, String name) {
        if (node.isDirectory()) {
            return cid + " - " + name + "/";
        }
        String size = node.size().isPresent() ? Long.toString(node.size().getAsLong()) : "-";
        return cid + " " + size + " " + name;
    }
}
