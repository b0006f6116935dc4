package dev.cairn.cli;

import dev.cairn.app.LocalNode;
import dev.cairn.cid.Cid;
import dev.cairn.content.ContentService.CarImport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code cairn car}: CAR archives in and out (like {@code ipfs dag export/import}). */
@Command(name = "car", description = "Import and export CAR archives.",
        subcommands = {CarCommand.Export.class, CarCommand.Import.class})
final class CarCommand implements Runnable {
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

    @Command(name = "export", description = "Write the whole DAG under CID as a CARv1 (depth-first, no duplicate blocks).")
    static final class Export implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @ParentCommand
        CarCommand car;

        @Parameters(paramLabel = "CID", description = "Root of the DAG to export.")
        String cid;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            Cid root = Cid.parse(cid);
            try (LocalNode node = LocalNode.open(car.root.node())) {
                if (output == null) {
                    OutputStream out = new BufferedOutputStream(car.root.binaryOut(), 1 << 16);
                    node.content().exportCar(root, out);
                    out.flush();
                    return 0;
                }
                // Write beside the target and move into place, so a failed export leaves no half file.
                Path tmp = Files.createTempFile(output.toAbsolutePath().getParent(), ".cairn-export", ".car");
                try {
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                        node.content().exportCar(root, out);
                    }
                    Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return 0;
        }
    }

    @Command(name = "import", description = {
            "Import CAR files (v1 or v2): every block is verified against its CID; one bad block and nothing is stored.",
            "Prints 'root <cid>' for each root named in the headers."})
    static final class Import implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @ParentCommand
        CarCommand car;

        @Option(names = "--pin-roots", arity = "1", defaultValue = "true", paramLabel = "BOOL",
                description = "Pin the header's roots under the admin account when their DAG is complete (default true).")
        boolean pinRoots;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "CAR files to import ('-' reads standard input).")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            List<dev.cairn.content.ContentService.InputStreamSupplier> inputs = new ArrayList<>();
            for (Path f : files) {
                if (f.toString().equals("-")) {
                    inputs.add(() -> new java.io.FilterInputStream(car.root.binaryIn()) {
                        @Override
                        public void close() {
                            // standard input stays open
                        }
                    });
                } else if (!Files.isRegularFile(f)) {
                    throw new CliException(f + ": no such file");
                } else {
                    inputs.add(() -> Files.newInputStream(f));
                }
            }
            CarImport result;
            try (LocalNode node = LocalNode.open(car.root.node())) {
                dev.cairn.content.UploadPinner pinner = pinRoots
                        ? node.adminPinner(car.root.err()::println) : dev.cairn.content.UploadPinner.NONE;
                result = node.content().importCarStreams(inputs, pinner);
            }
            for (Cid r : result.roots()) {
                car.root.out().println("root " + r + (result.missingRoots().contains(r) ? " (not in the CAR: incomplete)" : ""));
            }
            car.root.err().println("imported " + result.blocks() + " new blocks (" + result.bytes() + " bytes)"
                    + (!pinRoots ? "; roots not pinned (--pin-roots=false)"
                    : result.pinned() ? "; roots pinned"
                    : "; roots NOT pinned: the DAG is incomplete (" + result.absentBlocks() + " linked blocks absent)"));
            car.root.out().flush();
            car.root.err().flush();
            return 0;
        }
    }
}
