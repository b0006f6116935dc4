package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cli.Main;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code cairn serve} in a child JVM, for the tests that kill it with SIGKILL: an in-process node
 * cannot be killed mid-write, and a crash must be a real process death for the recovery to be
 * tested. Output goes to {@code serve.log} beside the home, shown when the start fails.
 */
final class ServeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    final Path home;
    final int api;
    final int gateway;

    private ServeProcess(Process process, Path home, int api, int gateway) {
        this.process = process;
        this.home = home;
        this.api = api;
        this.gateway = gateway;
    }

    /** Starts serve on {@code home} with the given ports and environment; returns once /health answers. */
    static ServeProcess start(Path home, int api, int gateway, Map<String, String> env) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--home", home.toString(), "--set", "api.listen=127.0.0.1:" + api,
                "--set", "gateway.listen=127.0.0.1:" + gateway, "serve"));
        Path log = home.resolveSibling(home.getFileName() + "-serve.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new ServeProcess(p, home, api, gateway);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("serve did not start").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The admin token the first start wrote into the home. */
    String adminToken() throws IOException {
        return Files.readString(home.resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
    }

    URI api(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + api + pathAndQuery);
    }

    URI gateway(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + gateway + pathAndQuery);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, the clean stop. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
