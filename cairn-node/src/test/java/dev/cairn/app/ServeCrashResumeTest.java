package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cid.Cid;
import dev.cairn.fetch.IpfsCar;
import dev.cairn.fetch.TrustlessOrigin;
import dev.cairn.interop.UnixfsCat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
        int originPort = ServeProcess.freePort();
        int api = ServeProcess.freePort();
        int gateway = ServeProcess.freePort();
        Path home = tmp.resolve("home");
        String origin = "/ip4/127.0.0.1/tcp/" + originPort + "/http";

        Map<String, String> env = Map.of("CAIRN_FETCH_ALLOW_PRIVATE_ORIGINS", "true");

        String requestId;
        try (TrustlessOrigin stalling = TrustlessOrigin.serve(
                List.of("--port", Integer.toString(originPort), "--stall-after", "5"), car)) {
            ServeProcess serve = ServeProcess.start(home, api, gateway, env);
            try {
                String token = serve.adminToken();
                requestId = post(api, token, Map.of("cid", root.toString(), "origins", List.of(origin)));
                awaitStatus(api, token, requestId, s -> s.get("status").asText().equals("pinning")
                        && !s.path("info").path("blocks_fetched").asText("0").equals("0"));
            } finally {
                serve.kill(); // SIGKILL mid-pin
            }
        }

        try (TrustlessOrigin honest = TrustlessOrigin.serve(List.of("--port", Integer.toString(originPort)), car);
             ServeProcess serve = ServeProcess.start(home, api, gateway, env)) {
            String token = serve.adminToken();
            JsonNode done = awaitStatus(api, token, requestId,
                    s -> List.of("pinned", "failed").contains(s.get("status").asText()));
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("pinned");
            Path back = tmp.resolve("back.car");
            HttpResponse<Path> res = http.send(HttpRequest.newBuilder(
                    serve.gateway("/ipfs/" + root + "?format=car")).build(), HttpResponse.BodyHandlers.ofFile(back));
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(UnixfsCat.cat(back, root.toString())).isEqualTo(data);
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
}
