package dev.cairn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one {@code Error: ...} line on stderr and an exit code: {@link #USAGE}
 * for command-line mistakes, {@link #FAILURE} for everything else. See the package documentation.
 */
final class ErrorPolicy implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final String DEBUG_ENV = "CAIRN_DEBUG";

    private final boolean debug;

    ErrorPolicy(Map<String, String> env) {
        String flag = env.get(DEBUG_ENV);
        this.debug = flag != null && !flag.isBlank() && !flag.equals("0") && !flag.equalsIgnoreCase("false");
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException unmatched && !cmd.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        PrintWriter err = cmd.getErr();
        err.println("Error: " + oneLine(message) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("Error: " + describe(ex));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /**
     * Cairn's own exception types and I/O failures carry messages written for users; anything else
     * is a bug, so it is labelled with its type and points at the debug switch.
     */
    private String describe(Throwable ex) {
        Throwable shown = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        String message = shown.getMessage();
        boolean forUsers = shown.getClass().getName().startsWith("dev.cairn.") || shown instanceof IOException;
        if (forUsers && message != null && !message.isBlank()) {
            return oneLine(message);
        }
        String text = shown.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return "internal error: " + oneLine(text) + (debug ? "" : " (run with " + DEBUG_ENV + "=1 for a stack trace)");
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
