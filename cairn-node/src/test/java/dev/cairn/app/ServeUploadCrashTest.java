package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cid.Cid;
import dev.cairn.fetch.IpfsCar;
import dev.cairn.http.kubo.MultipartBodies;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mission's promise for uploads: every write the service acknowledged survives a kill -9, and
 * an upload cut off by the crash leaves nothing visible. A node takes Kubo RPC uploads of every
 * kind (files, an ipfs-car CAR, a raw block) and a pin request, then dies by SIGKILL while a large
 * upload is half-way through its body (the body stalls there by construction). After a restart on
 * the same home, what was acknowledged reads back byte for byte and nothing else is pinned; the
 * cut-off file then uploads again normally.
 */
class ServeUploadCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SENT_BEFORE_KILL = 16 * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;

    @Test
    void acknowledgedUploadsSurviveKillMinus9AndTheCutOffUploadLeavesNoPin() throws Exception {
        Path home = tmp.resolve("home");
        int api = ServeProcess.freePort();
        int gateway = ServeProcess.freePort();
        Map<String, byte[]> files = new LinkedHashMap<>(); // acknowledged roots and their file bytes
        byte[] block = random(1000, 60);
        byte[] big = random(24 * 1024 * 1024 + 11, 99);
        String blockCid;
        String pinRequest;

        try (ServeProcess serve = ServeProcess.start(home, api, gateway, Map.of())) {
            String token = serve.adminToken();
            int[] sizes = {1, 262_144, 262_145, 1_000_000, 3 * 1024 * 1024 + 5};
            for (int i = 0; i < sizes.length; i++) {
                byte[] data = random(sizes[i], i);
                files.put(add(serve, token, data), data);
            }
            byte[] carred = random(2 * 1024 * 1024 + 17, 50);
            Path car = tmp.resolve("made-by-ipfs-car.car");
            Cid root = IpfsCar.pack(Files.write(tmp.resolve("carred.bin"), carred), car);
            JsonNode imported = JSON.readTree(post(serve, "/api/v0/dag/import", token,
                    MultipartBodies.single("made-by-ipfs-car.car", Files.readAllBytes(car))));
            assertThat(imported.at("/Root/Cid/~1").asText()).isEqualTo(root.toString());
            assertThat(imported.at("/Root/PinErrorMsg").asText()).isEmpty();
            files.put(root.toString(), carred);
            blockCid = JSON.readTree(post(serve, "/api/v0/block/put?cid-codec=raw", token, MultipartBodies.single("b", block)))
                    .get("Key").asText();
            pinRequest = pinAgain(serve, token, files.keySet().iterator().next());

            StallingBody body = new StallingBody(MultipartBodies.head("big"), big, SENT_BEFORE_KILL);
            CompletableFuture<HttpResponse<String>> cutOff = http.sendAsync(multipartRequest(
                    serve.api("/api/v0/add"), token, HttpRequest.BodyPublishers.ofInputStream(() -> body)),
                    HttpResponse.BodyHandlers.ofString());
            body.awaitStalled();
            serve.kill();
            body.release();
            assertThatThrownBy(() -> cutOff.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class);
        }

        try (ServeProcess serve = ServeProcess.start(home, api, gateway, Map.of())) {
            String token = serve.adminToken();
            JsonNode pins = JSON.readTree(post(serve, "/api/v0/pin/ls?type=recursive", token, null));
            List<String> pinned = new ArrayList<>();
            pins.get("Keys").fieldNames().forEachRemaining(pinned::add);
            assertThat(pinned).as("recursive pins after the restart").containsExactlyInAnyOrderElementsOf(files.keySet());
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                assertThat(bytes(serve, "/api/v0/cat?arg=" + f.getKey(), token)).as(f.getKey()).isEqualTo(f.getValue());
            }
            assertThat(bytes(serve, "/api/v0/block/get?arg=" + blockCid, token)).isEqualTo(block);
            JsonNode again = getJson(serve, "/pins/" + pinRequest, token);
            assertThat(again.get("status").asText()).isEqualTo("pinned");
            assertThat(getJson(serve, "/pins?status=pinned", token).get("count").asInt()).isEqualTo(files.size() + 1);
            long acknowledgedBytes = files.values().stream().mapToLong(b -> b.length).sum() + block.length;
            assertThat(packBytes(home)).as("recovery removed the cut-off upload's %d bytes", SENT_BEFORE_KILL)
                    .isLessThan(acknowledgedBytes + SENT_BEFORE_KILL / 4);

            String bigCid = add(serve, token, big);
            assertThat(bytes(serve, "/api/v0/cat?arg=" + bigCid, token)).isEqualTo(big);
        }
    }

    /**
     * A multipart body that sends its head and the first {@code stallAt} bytes of the data, then
     * blocks until released and fails: the request is in flight, never complete, when the node dies.
     */
    private static final class StallingBody extends InputStream {
        private final byte[] head;
        private final byte[] data;
        private final int stallAt;
        private final CountDownLatch stalled = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicLong sent = new AtomicLong();

        StallingBody(byte[] head, byte[] data, int stallAt) {
            this.head = head;
            this.data = data;
            this.stallAt = stallAt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long at = sent.get();
            int n;
            if (at < head.length) {
                n = (int) Math.min(len, head.length - at);
                System.arraycopy(head, (int) at, b, off, n);
            } else if (at - head.length < stallAt) {
                int from = (int) (at - head.length);
                n = Math.min(len, stallAt - from);
                System.arraycopy(data, from, b, off, n);
            } else {
                stalled.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("the test cut this upload off");
            }
            sent.addAndGet(n);
            return n;
        }

        void awaitStalled() throws InterruptedException {
            assertThat(stalled.await(60, TimeUnit.SECONDS)).as("the upload body reached its stall point").isTrue();
        }

        void release() {
            released.countDown();
        }
    }

    private String add(ServeProcess serve, String token, byte[] data) throws Exception {
        return JSON.readTree(post(serve, "/api/v0/add?quiet=true", token, MultipartBodies.single("data", data))).get("Hash").asText();
    }

    private String pinAgain(ServeProcess serve, String token, String cid) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(serve.api("/pins"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"cid\":\"" + cid + "\",\"name\":\"again\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return JSON.readTree(res.body()).get("requestid").asText();
    }

    private String post(ServeProcess serve, String path, String token, byte[] multipart) throws Exception {
        HttpRequest request = multipart == null
                ? HttpRequest.newBuilder(serve.api(path)).header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody()).build()
                : multipartRequest(serve.api(path), token, HttpRequest.BodyPublishers.ofByteArray(multipart));
        HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
        return res.body();
    }

    private byte[] bytes(ServeProcess serve, String path, String token) throws Exception {
        HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(serve.api(path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(res.statusCode()).as(path).isEqualTo(200);
        return res.body();
    }

    private JsonNode getJson(ServeProcess serve, String path, String token) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(serve.api(path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    /** Bytes in the home's pack files (CAR framing adds well under 1%). */
    private static long packBytes(Path home) throws IOException {
        try (var files = Files.walk(home.resolve("packs"))) {
            return files.filter(f -> f.toString().endsWith(".car")).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static HttpRequest multipartRequest(java.net.URI uri, String token, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", MultipartBodies.CONTENT_TYPE).POST(body).build();
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
