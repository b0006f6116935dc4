package dev.cairn.cli;

import dev.cairn.app.LocalNode;
import dev.cairn.unixfs.reader.Resolution;
import dev.cairn.unixfs.reader.UnixfsNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn cat}: the bytes of a UnixFS file (like {@code ipfs cat}), optionally a range. */
@Command(name = "cat", description = "Print the contents of a file: CID, CID/path or /ipfs/CID/path (like 'ipfs cat').")
final class CatCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @Parameters(paramLabel = "PATH", description = "CID[/path] of a file.")
    String path;

    @Option(names = {"-o", "--offset"}, paramLabel = "N", description = "Byte offset to start at (default 0).")
    long offset;

    @Option(names = {"-l", "--length"}, paramLabel = "N", description = "Maximum number of bytes to print (default: to the end).")
    Long length;

    @Override
    public Integer call() throws IOException {
        if (offset < 0) {
            throw new CliException("--offset must be >= 0");
        }
        if (length != null && length < 0) {
            throw new CliException("--length must be >= 0");
        }
        try (LocalNode node = LocalNode.open(root.node())) {
            Resolution r = node.content().resolve(path);
            UnixfsNode file = r.node();
            if (file.isDirectory()) {
                throw new CliException("this dag node is a directory");
            }
            long len = length == null ? Long.MAX_VALUE : length;
            OutputStream out = root.binaryOut();
            try (InputStream in = node.content().unixfs().open(file, offset, len)) {
                in.transferTo(out);
            }
            out.flush();
        }
        return 0;
    }
}
