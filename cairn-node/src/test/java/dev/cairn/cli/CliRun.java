package dev.cairn.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real {@code cairn} command tree in-process against one home, capturing its streams. */
final class CliRun {
    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        List<String> lines() {
            return out().lines().toList();
        }
    }

    private final Path home;

    CliRun(Path home) {
        this.home = home;
    }

    Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    Result runWithInput(byte[] stdin, String... args) {
        return runWithInput(new ByteArrayInputStream(stdin), args);
    }

    Result runWithInput(InputStream stdin, String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(stdout, false, StandardCharsets.UTF_8);
        StringWriter errText = new StringWriter();
        PrintWriter err = new PrintWriter(errText);
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        int exit;
        try {
            exit = Cli.commandLine(Map.of(), home.getParent(), stdin, stdout, out, err).execute(all.toArray(String[]::new));
        } finally {
            out.flush();
            err.flush();
        }
        return new Result(exit, stdout.toByteArray(), errText.toString());
    }
}
