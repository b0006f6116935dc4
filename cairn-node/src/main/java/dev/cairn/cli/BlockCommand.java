package dev.cairn.cli;

import dev.cairn.app.LocalNode;
import dev.cairn.cid.Cid;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn block}: raw blocks (like {@code ipfs block stat|get}). */
@Command(name = "block", description = "Inspect raw blocks.", subcommands = {BlockCommand.Stat.class, BlockCommand.Get.class})
final class BlockCommand implements Runnable {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(root.out());
    }

    static byte[] fetch(LocalNode node, Cid cid) {
        return node.content().block(cid).orElseThrow(() -> new CliException("block not found locally: " + cid));
    }

    @Command(name = "stat", description = "Print a block's CID and size ('Key: <cid>' and 'Size: <bytes>', as Kubo).")
    static final class Stat implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @ParentCommand
        BlockCommand block;

        @Parameters(paramLabel = "CID")
        String cid;

        @Override
        public Integer call() {
            Cid c = Cid.parse(cid);
            try (LocalNode node = LocalNode.open(block.root.node())) {
                byte[] data = fetch(node, c);
                block.root.out().println("Key: " + c);
                block.root.out().println("Size: " + data.length);
                block.root.out().flush();
            }
            return 0;
        }
    }

    @Command(name = "get", description = "Write a block's raw bytes to standard output.")
    static final class Get implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @ParentCommand
        BlockCommand block;

        @Parameters(paramLabel = "CID")
        String cid;

        @Override
        public Integer call() throws IOException {
            Cid c = Cid.parse(cid);
            try (LocalNode node = LocalNode.open(block.root.node())) {
                byte[] data = fetch(node, c);
                OutputStream out = block.root.binaryOut();
                out.write(data);
                out.flush();
            }
            return 0;
        }
    }
}
