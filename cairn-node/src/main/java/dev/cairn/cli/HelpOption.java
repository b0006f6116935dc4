package dev.cairn.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} for a subcommand (the root adds the standard help and version options). */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
