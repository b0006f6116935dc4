package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cid.Cid;
import dev.cairn.cli.Main;
import dev.cairn.fetch.IpfsCar;
import dev.cairn.fetch.TrustlessOrigin;
import dev.cairn.interop.UnixfsCat;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code cairn serve} in the middle of a pin: the restarted node resumes the job and
 * finishes it, and the content reads back byte for byte. The origin stalls after a few blocks so
 * that the kill lands mid-pin by construction; after the restart an honest origin answers on the
 * same address.
 */
class ServeCrashResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void aPinInterruptedByKillMinus9ResumesAfterRestartAndFinishes() throws Exception {
        byte[] data = new byte[4 * 1024 * 1024 + 5];
        new Random(9).nextBytes(data);
        Path car = tmp.resolve("data.car");
        Cid root = IpfsCar.pack(Files.write(tmp.resolve("data.bin"), data), car);
        int originPort = freePort();
        int api = freePort();
        int gateway = freePort();
        Path home = tmp.resolve("home");
        String origin = "/ip4/127.0.0.1/tcp/" + originPort + "/http";

        String requestId;
        try (TrustlessOrigin stalling = TrustlessOrigin.serve(
                List.of("--port", Integer.toString(originPort), "--stall-after", "5"), car)) {
            Process serve = serve(home, api, gateway);
            try {
                String token = Files.readString(home.resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
                requestId = post(api, token, Map.of("cid", root.toString(), "origins", List.of(origin)));
                awaitStatus(api, token, requestId, s -> s.get("status").asText().equals("pinning")
                        && !s.path("info").path("blocks_fetched").asText("0").equals("0"));
            } finally {
                serve.destroyForcibly(); // SIGKILL mid-pin
                serve.waitFor(30, TimeUnit.SECONDS);
            }
        }

        try (TrustlessOrigin honest = TrustlessOrigin.serve(List.of("--port", Integer.toString(originPort)), car)) {
            Process serve = serve(home, api, gateway);
            try {
                String token = Files.readString(home.resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
                JsonNode done = awaitStatus(api, token, requestId,
                        s -> List.of("pinned", "failed").contains(s.get("status").asText()));
                assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("pinned");
                Path back = tmp.resolve("back.car");
                HttpResponse<Path> res = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway + "/ipfs/" + root + "?format=car")).build(),
                        HttpResponse.BodyHandlers.ofFile(back));
                assertThat(res.statusCode()).isEqualTo(200);
                assertThat(UnixfsCat.cat(back, root.toString())).isEqualTo(data);
            } finally {
                serve.destroy();
                serve.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Process serve(Path home, int api, int gateway) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--home", home.toString(), "--set", "api.listen=127.0.0.1:" + api,
                "--set", "gateway.listen=127.0.0.1:" + gateway, "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("serve.log").toFile()));
        pb.environment().put("CAIRN_FETCH_ALLOW_PRIVATE_ORIGINS", "true");
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(p.isAlive()).as(Files.readString(tmp.resolve("serve.log"))).isTrue();
            assertThat(System.nanoTime()).as("serve did not start").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private String post(int api, String token, Object body) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/pins"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return JSON.readTree(res.body()).get("requestid").asText();
    }

    private JsonNode awaitStatus(int api, String token, String id, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api + "/pins/" + id)).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode s = JSON.readTree(res.body());
            if (res.statusCode() == 200 && done.test(s)) {
                return s;
            }
            assertThat(System.nanoTime()).as("waiting, last answer: " + res.body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
