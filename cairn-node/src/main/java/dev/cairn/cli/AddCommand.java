package dev.cairn.cli;

import dev.cairn.app.LocalNode;
import dev.cairn.unixfs.importer.ImportOptions;
import dev.cairn.unixfs.importer.ImportedEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cairn add}: imports files into the store as UnixFS, with the CIDs {@code ipfs add} gives
 * for the same options. One ingest: the whole add becomes visible at once, or not at all.
 */
@Command(name = "add", description = {
        "Add files or directories to the node and print their CIDs (like 'ipfs add').",
        "Output: one 'added <cid> <path>' line per file and directory, the root last."})
final class AddCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Files or directories to add; none or '-' reads standard input (printed under its CID, as Kubo).")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-r", "--recursive"}, description = "Add directories recursively.")
    boolean recursive;

    @Option(names = {"-q", "--quiet"}, description = "Print only the root CID.")
    boolean quiet;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Import profile: kubo (ipfs add defaults; the default) or unixfs-v1-2025 (IPIP-499). "
                    + "Default from import.profile.")
    String profile;

    @Option(names = "--cid-version", paramLabel = "N", description = "CID version, 0 or 1 (1 implies --raw-leaves).")
    Integer cidVersion;

    @Option(names = "--raw-leaves", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Store file chunks as raw blocks.")
    Boolean rawLeaves;

    @Option(names = {"-s", "--chunker"}, paramLabel = "size-N", description = "Chunking: size-N bytes (default per profile).")
    String chunker;

    @Option(names = {"-t", "--trickle"}, description = "Use the trickle DAG layout instead of balanced.")
    boolean trickle;

    @Option(names = {"-w", "--wrap-with-directory"}, description = "Wrap the added files in a directory.")
    boolean wrap;

    @Option(names = {"-H", "--hidden"}, description = "Include files whose names start with '.'.")
    boolean hidden;

    @Option(names = "--inline", description = "Inline small blocks into identity CIDs.")
    boolean inline;

    @Option(names = "--inline-limit", paramLabel = "BYTES", description = "Largest block to inline (default 32, max 128).")
    Integer inlineLimit;

    @Option(names = {"-n", "--only-hash"}, description = "Compute the CIDs without storing anything.")
    boolean onlyHash;

    @Option(names = "--pin", arity = "1", defaultValue = "true", paramLabel = "BOOL",
            description = "Pin the added root(s) under the admin account (default true, as Kubo). Unpinned "
                    + "content is reclaimed by the next 'cairn gc'.")
    boolean pin;

    @Option(names = "--progress", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Show a progress bar (default: on a terminal, for inputs over 8 MiB).")
    Boolean progress;

    @Override
    public Integer call() throws IOException {
        if (paths.isEmpty() || (paths.size() == 1 && paths.get(0).toString().equals("-"))) {
            return addStdin();
        }
        for (Path p : paths) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new CliException(p + ": no such file or directory");
            }
            if (Files.isDirectory(p) && !recursive) {
                throw new CliException(p + " is a directory, use -r to add directories");
            }
        }
        ImportOptions options = options();
        long total = ProgressBar.totalSize(paths);
        boolean show = progress != null ? progress : System.console() != null && total > 8L * 1024 * 1024;
        try (ProgressBar bar = show ? new ProgressBar(root.err(), total) : null) {
            List<ImportedEntry> entries;
            if (onlyHash) {
                entries = dev.cairn.content.ContentService.hashOnly(paths, recursive, options,
                        bar == null ? n -> { } : bar::update);
            } else {
                try (LocalNode node = LocalNode.open(root.node())) {
                    entries = node.content().add(paths, recursive, options, bar == null ? n -> { } : bar::update,
                            pinner(node));
                }
            }
            if (bar != null) {
                bar.done();
            }
            print(entries);
        }
        return 0;
    }

    private int addStdin() throws IOException {
        ImportOptions options = options();
        ImportedEntry entry;
        java.io.InputStream in = root.binaryIn();
        if (onlyHash) {
            entry = new dev.cairn.unixfs.importer.Importer(block -> { }, options).addFile("", in);
        } else {
            try (LocalNode node = LocalNode.open(root.node())) {
                entry = node.content().addStream("", in, options, pinner(node));
            }
        }
        print(List.of(entry));
        return 0;
    }

    private dev.cairn.content.UploadPinner pinner(LocalNode node) {
        return pin ? node.adminPinner(root.err()::println) : dev.cairn.content.UploadPinner.NONE;
    }

    private void print(List<ImportedEntry> entries) {
        if (quiet) {
            root.out().println(entries.get(entries.size() - 1).cid());
        } else {
            for (ImportedEntry e : entries) {
                root.out().println(("added " + e.cid() + " " + e.path()).stripTrailing());
            }
        }
        root.out().flush();
    }

    private ImportOptions options() {
        String name = profile != null ? profile : root.node().config().importer().profile();
        ImportOptions base;
        try {
            base = ImportOptions.profile(name);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        ImportOptions.Builder b = base.toBuilder();
        try {
            if (cidVersion != null) {
                b.cidVersion(cidVersion);
                if (cidVersion == 1 && rawLeaves == null) {
                    b.rawLeaves(true);
                }
            }
            if (rawLeaves != null) {
                b.rawLeaves(rawLeaves);
            }
            if (chunker != null) {
                b.chunker(chunker);
            }
            if (trickle) {
                b.trickle(true);
            }
            if (inline) {
                b.inline(true);
            }
            if (inlineLimit != null) {
                b.inlineLimit(inlineLimit);
            }
            return b.wrapWithDirectory(wrap).hidden(hidden).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
