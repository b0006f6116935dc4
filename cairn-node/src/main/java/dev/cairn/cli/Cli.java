package dev.cairn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds and runs the {@code cairn} command tree against explicit streams and environment, so the
 * real CLI runs unchanged inside tests.
 */
public final class Cli {
    private Cli() {}

    /** The configured command line (error policy installed, streams set), ready to execute. */
    public static CommandLine commandLine(Map<String, String> env, Path userHome, PrintWriter out, PrintWriter err) {
        return commandLine(env, userHome, System.out, out, err);
    }

    /** As above, with {@code stdout} as the byte stream behind {@code out} for binary output. */
    public static CommandLine commandLine(Map<String, String> env, Path userHome, java.io.OutputStream stdout,
                                          PrintWriter out, PrintWriter err) {
        return commandLine(env, userHome, System.in, stdout, out, err);
    }

    /** The full form: every stream the commands use is given. */
    public static CommandLine commandLine(Map<String, String> env, Path userHome, java.io.InputStream stdin,
                                          java.io.OutputStream stdout, PrintWriter out, PrintWriter err) {
        ErrorPolicy policy = new ErrorPolicy(env);
        return new CommandLine(new CairnCommand(env, userHome, stdout).withStdin(stdin))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(policy)
                .setParameterExceptionHandler(policy);
    }

    /** Runs {@code cairn args...} and returns the exit code (0, 1 failure, 2 usage). */
    public static int run(String[] args, Map<String, String> env, Path userHome, PrintWriter out, PrintWriter err) {
        return run(args, env, userHome, System.out, out, err);
    }

    /** Runs with {@code stdout} as the byte stream behind {@code out} (binary output goes there). */
    public static int run(String[] args, Map<String, String> env, Path userHome, java.io.OutputStream stdout,
                          PrintWriter out, PrintWriter err) {
        try {
            return commandLine(env, userHome, stdout, out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
