package dev.cairn.cli;

import dev.cairn.app.NodeContext;
import dev.cairn.config.CairnHome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code cairn} command: global options and the list of subcommands. Holds what every
 * subcommand needs (environment, user home, output) so that tests can run the whole CLI in-process
 * with their own values.
 */
@Command(
        name = "cairn",
        mixinStandardHelpOptions = true,
        versionProvider = CairnCommand.Version.class,
        description = "Cairn: an IPFS pinning service.",
        subcommands = {AddCommand.class, CatCommand.class, LsCommand.class, CarCommand.class, BlockCommand.class,
                IdCommand.class, VersionCommand.class, ConfigCommand.class, ServeCommand.class,
                AccountCommand.class, TokenCommand.class, GcCommand.class},
        usageHelpAutoWidth = true)
public final class CairnCommand implements Runnable {
    private final Map<String, String> env;
    private final Path userHome;
    private NodeContext node;

    @Spec
    CommandSpec spec;

    @Option(names = "--home", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Node home directory (config, identity, data). Default: $CAIRN_HOME, else ~/.cairn.")
    String home;

    @Option(names = "--set", scope = ScopeType.INHERIT, paramLabel = "SECTION.KEY=VALUE",
            description = "Override one configuration setting for this run (repeatable), e.g. --set gateway.mode=public.")
    Map<String, String> overrides = new LinkedHashMap<>();

    private final java.io.OutputStream stdout;

    public CairnCommand(Map<String, String> env, Path userHome) {
        this(env, userHome, System.out);
    }

    /** @param stdout where commands that print bytes ({@code cat}, {@code block get}) write them */
    public CairnCommand(Map<String, String> env, Path userHome, java.io.OutputStream stdout) {
        this.env = Map.copyOf(env);
        this.userHome = userHome;
        this.stdout = stdout;
    }

    /** Standard input as bytes (for {@code add} and {@code car import} of '-'). */
    public java.io.InputStream binaryIn() {
        return stdin;
    }

    /** Replaces standard input (tests). */
    public CairnCommand withStdin(java.io.InputStream in) {
        this.stdin = in;
        return this;
    }

    private java.io.InputStream stdin = System.in;

    /**
     * Standard output as bytes, for binary output. Flushes {@link #out()} first so that text and
     * bytes keep their order.
     */
    public java.io.OutputStream binaryOut() {
        out().flush();
        return stdout;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    /** The process environment (or the test's stand-in). */
    public Map<String, String> env() {
        return env;
    }

    /** The home directory chosen by --home, CAIRN_HOME or the default; not created. */
    public CairnHome cairnHome() {
        return CairnHome.resolve(home, env, userHome);
    }

    /** The opened node, initialising the home on first use. Opened once per invocation. */
    public NodeContext node() {
        if (node == null) {
            node = NodeContext.open(cairnHome(), env, overrides);
        }
        return node;
    }

    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Backs {@code cairn --version}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return CairnVersion.describe().toArray(String[]::new);
        }
    }
}
