package dev.cairn.http.kubo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.config.CairnHome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code api.max-upload-bytes} over real HTTP: a declared length over it is refused before the
 * body is sent, a body of unknown length is cut off as it passes it, and an upload cut off by
 * the client; in every case nothing is pinned or stored and no pack file is left behind.
 */
class KuboUploadLimitsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOUNDARY = MultipartBodies.BOUNDARY;
    private static final int LIMIT = 4_000_000;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private RunningNode node;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        NodeContext ctx = NodeContext.open(new CairnHome(tmp.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0",
                        "api.max-upload-bytes", Integer.toString(LIMIT)));
        node = RunningNode.start(ctx, line -> { });
        admin = Files.readString(ctx.home().dir().resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aDeclaredLengthOverTheLimitIsAnsweredWith413BeforeAnyBodyIsSent() throws Exception {
        for (String command : List.of("add", "dag/import", "block/put", "dag/put")) {
            try (Socket s = new Socket(node.apiUri().getHost(), node.apiUri().getPort())) {
                s.setSoTimeout(30_000); // a hang guard: the server must answer without waiting for the body
                OutputStream out = s.getOutputStream();
                out.write(headers("/api/v0/" + command, admin, "Content-Length: " + (LIMIT + 1)));
                out.flush();
                RawResponse res = RawResponse.read(s.getInputStream());
                assertThat(res.status()).as(command + ": " + res.body()).isEqualTo(413);
                JsonNode error = JSON.readTree(res.body());
                assertThat(error.get("Type").asText()).isEqualTo("error");
                assertThat(error.get("Code").asInt()).isEqualTo(1);
                assertThat(error.get("Message").asText()).contains("api.max-upload-bytes");
            }
        }
        assertNothingKept();
    }

    @Test
    void aChunkedAddOverTheLimitIsCutOffWith413AndKeepsNothing() throws Exception {
        byte[] body = multipart(random(3 * LIMIT, 1));
        HttpResponse<String> res = chunked("/api/v0/add", admin, body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(413);
        assertThat(JSON.readTree(res.body()).get("Message").asText()).contains("api.max-upload-bytes");
        assertNothingKept();
    }

    @Test
    void aChunkedDagImportOverTheLimitIsCutOffWith413AndKeepsNothing() throws Exception {
        byte[] car = carOf(random(3 * LIMIT / 2, 2));
        assertNothingKept();
        HttpResponse<String> res = chunked("/api/v0/dag/import", admin, multipart(car));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(413);
        assertNothingKept();
    }

    @Test
    void anUploadUnderTheLimitIsStoredAndPinned() throws Exception {
        HttpResponse<String> res = chunked("/api/v0/add", admin, multipart(random(LIMIT / 2, 3)));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        String cid = JSON.readTree(res.body()).get("Hash").asText();
        assertThat(pins()).containsExactly(cid);
        assertThat(packFiles()).isNotEmpty();
    }

    @Test
    void anAddCutOffByTheClientMidwayLeavesNoPinNoBlocksAndNoPackFile() throws Exception {
        cutOffMidway("/api/v0/add", multipart(random(LIMIT - 1000, 4)));
    }

    @Test
    void aDagImportCutOffByTheClientMidwayLeavesNoPinNoBlocksAndNoPackFile() throws Exception {
        byte[] car = carOf(random(LIMIT - 10_000, 5));
        assertNothingKept();
        cutOffMidway("/api/v0/dag/import", multipart(car));
    }

    /**
     * Sends the headers and a part of the body, waits until the server has written some of it to a
     * pack (so the upload was really under way), then closes the socket.
     */
    private void cutOffMidway(String path, byte[] body) throws Exception {
        try (Socket s = new Socket(node.apiUri().getHost(), node.apiUri().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(headers(path, admin, "Content-Length: " + body.length));
            int sent = body.length * 3 / 4;
            out.write(body, 0, sent);
            out.flush();
            awaitTrue(() -> !packFiles().isEmpty(), "a pack file while the upload streams");
        }
        awaitTrue(() -> packFiles().isEmpty(), "the aborted upload's pack file to be deleted: " + packFiles());
        assertNothingKept();
    }

    // ---- helpers ----

    private void assertNothingKept() throws Exception {
        assertThat(pins()).isEmpty();
        assertThat(node.local().blocks().stats().blocks()).isZero();
        assertThat(packFiles()).isEmpty();
    }

    /** Pack files, wherever under the packs directory (the store fans them out into subdirectories). */
    List<String> packFiles() throws IOException {
        Path packs = node.local().context().config().store().dataDir().resolve("packs");
        if (!Files.isDirectory(packs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(packs)) { // packs sit in fan-out directories
            return files.filter(Files::isRegularFile).map(p -> packs.relativize(p).toString())
                    .filter(n -> !n.equals("LOCK")).sorted().toList();
        }
    }

    private List<String> pins() throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri("/api/v0/pin/ls?stream=true"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return res.body().lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l).get("Cid").asText();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    /** A CAR of {@code data} added without pinning elsewhere: another node, so this one stays empty. */
    private byte[] carOf(byte[] data) throws Exception {
        RunningNode donor = RunningNode.start(NodeContext.open(new CairnHome(tmp.resolve("donor")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0")), line -> { });
        try {
            String token = Files.readString(tmp.resolve("donor").resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
            HttpResponse<String> added = http.send(HttpRequest.newBuilder(donor.apiUri().resolve("/api/v0/add"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(data))).build(), HttpResponse.BodyHandlers.ofString());
            String cid = JSON.readTree(added.body()).get("Hash").asText();
            HttpResponse<byte[]> car = http.send(HttpRequest.newBuilder(donor.apiUri().resolve("/api/v0/dag/export?arg=" + cid))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(car.statusCode()).isEqualTo(200);
            return car.body();
        } finally {
            donor.close();
        }
    }

    private HttpResponse<String> chunked(String path, String token, byte[] body) throws Exception {
        return chunked(http, uri(path), token, body);
    }

    /** POSTs a multipart body of unknown length (chunked transfer encoding). */
    static HttpResponse<String> chunked(HttpClient http, URI uri, String token, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return node.apiUri().resolve(path);
    }

    static byte[] headers(String path, String token, String lengthHeader) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n" + lengthHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] multipart(byte[] data) {
        return MultipartBodies.single("f.bin", data);
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls until {@code check} holds; fails after a generous deadline (a hang guard, not a timing assertion). */
    static void awaitTrue(Check check, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!check.holds()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    /** A minimal HTTP/1.1 response reader for raw-socket tests: status and a Content-Length body. */
    record RawResponse(int status, String body) {
        static RawResponse read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed inside the response head: " + head);
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(text.substring(9, 12));
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            return new RawResponse(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }
}
