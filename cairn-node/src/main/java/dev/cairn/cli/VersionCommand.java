package dev.cairn.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cairn version}: like {@code ipfs version --all}. Needs no home. */
@Command(name = "version", description = "Show Cairn's version and the Java and OS it runs on.")
final class VersionCommand implements Runnable {
    @Mixin
    HelpOption help;

    @ParentCommand
    CairnCommand root;

    @Option(names = {"-n", "--number"}, description = "Print only the version number.")
    boolean number;

    @Override
    public void run() {
        if (number) {
            root.out().println(CairnVersion.version());
        } else {
            CairnVersion.describe().forEach(root.out()::println);
        }
        root.out().flush();
    }
}
