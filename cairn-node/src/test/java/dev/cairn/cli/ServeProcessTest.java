package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.RunningNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn serve} as a real process: it starts on free ports, prints where it listens and the
 * first start's admin token, serves while the CLI manages tokens on the same home from another
 * process, and stops cleanly on SIGTERM.
 */
class ServeProcessTest {
    private static final String ABSENT_CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    @TempDir
    Path tmp;

    HttpClient http = HttpClient.newHttpClient();

    /** A running {@code cairn serve} child and the lines it printed so far. */
    static final class Served {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();

        Served(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the child is gone
                }
                lines.add("<EOF>");
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Reads lines until one starts with {@code prefix}; returns it. */
        String await(String prefix) throws InterruptedException {
            while (true) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("waiting for '" + prefix + "', got so far: " + seen).isNotNull().isNotEqualTo("<EOF>");
                seen.add(line);
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        /** SIGTERM, then the rest of the output. */
        int stop() throws InterruptedException {
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stdout
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            for (String line; !(line = lines.poll(10, TimeUnit.SECONDS)).equals("<EOF>"); ) {
                seen.add(line);
            }
            return process.exitValue();
        }
    }

    private Served serve(Path home) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--home", home.toString(), "serve")
                .redirectError(tmp.resolve("serve.err").toFile());
        pb.environment().put("CAIRN_API_LISTEN", "127.0.0.1:0");
        pb.environment().put("CAIRN_GATEWAY_LISTEN", "127.0.0.1:0");
        pb.environment().put("CAIRN_STORE_FSYNC", "false");
        return new Served(pb.start());
    }

    private static URI after(String line, String prefix) {
        return URI.create(line.substring(prefix.length()).strip());
    }

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serveRunsTheNodeUntilSigtermAndBootstrapsTheAdminOnce() throws Exception {
        Path home = tmp.resolve("home");
        Served first = serve(home);
        String adminToken;
        try {
            assertThat(first.await("Peer ID: ")).matches("Peer ID: 12D3KooW\\w+");
            assertThat(first.await("Created account 'admin'")).contains(home.resolve("admin.token").toString(), "0600");
            adminToken = first.await("    cairn_").strip();
            URI api = after(first.await("API listening on "), "API listening on ");
            URI gateway = after(first.await("Gateway listening on "), "Gateway listening on ");
            first.await("Ready.");
            assertThat(api.getHost()).isEqualTo("127.0.0.1");
            assertThat(api.getPort()).isPositive().isNotEqualTo(gateway.getPort());

            Path tokenFile = home.resolve(RunningNode.ADMIN_TOKEN_FILE);
            assertThat(Files.readString(tokenFile)).isEqualTo(adminToken + "\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");

            assertThat(get(api.resolve("/health"), null).statusCode()).isEqualTo(200);
            HttpResponse<String> whoami = get(api.resolve("/admin/whoami"), adminToken);
            assertThat(whoami.statusCode()).isEqualTo(200);
            assertThat(whoami.body()).contains("\"account\":\"admin\"", "\"admin\"");
            assertThat(get(api.resolve("/admin/whoami"), null).statusCode()).isEqualTo(401);
            assertThat(get(gateway.resolve("/ipfs/" + ABSENT_CID + "?format=raw"), null).statusCode()).isEqualTo(404);

            // Another process (this JVM's CLI) manages tokens on the home the server holds.
            CliRun cli = new CliRun(home);
            assertThat(cli.run("account", "create", "alice").exit()).isZero();
            CliRun.Result created = cli.run("token", "create", "--account", "alice");
            assertThat(created.exit()).as(created.stderr()).isZero();
            HttpResponse<String> alice = get(api.resolve("/admin/whoami"), created.out().strip());
            assertThat(alice.body()).contains("\"account\":\"alice\"");
            assertThat(cli.run("token", "revoke", "2").exit()).isZero();
            assertThat(get(api.resolve("/admin/whoami"), created.out().strip()).statusCode()).isEqualTo(401);
        } finally {
            int code = first.stop();
            assertThat(code).as("exit on SIGTERM, output " + first.seen).isEqualTo(143);
        }
        assertThat(first.seen).contains("Stopping...", "Stopped.");

        // The second start finds the admin and prints no token; the block store lock was released.
        Served second = serve(home);
        try {
            second.await("Ready.");
            assertThat(second.seen).noneMatch(l -> l.contains("cairn_") || l.contains("Created account"));
            assertThat(Files.readString(home.resolve(RunningNode.ADMIN_TOKEN_FILE))).isEqualTo(adminToken + "\n");
        } finally {
            second.stop();
        }
    }

    @Test
    void serveHelpDocumentsTheListenersAndTheAdminToken() {
        CliRun.Result help = new CliRun(tmp.resolve("h")).run("serve", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("127.0.0.1:5001", "127.0.0.1:8080", "admin.token", "SIGTERM");
    }

    @Test
    void aTakenPortFailsTheStartWithTheAddress() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            CliRun.Result r = new CliRun(tmp.resolve("h")).run("--set", "api.listen=" + address,
                    "--set", "gateway.listen=127.0.0.1:0", "serve");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.stderr()).startsWith("Error: cannot listen on " + address);
        }
    }
}
