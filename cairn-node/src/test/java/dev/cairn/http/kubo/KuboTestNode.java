package dev.cairn.http.kubo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Scope;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.config.CairnHome;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** A running node on loopback and a plain HTTP client for its Kubo RPC, for the command tests. */
final class KuboTestNode implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final RunningNode node;
    final String admin;

    KuboTestNode(Path home) throws Exception {
        NodeContext ctx = NodeContext.open(new CairnHome(home), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0"));
        node = RunningNode.start(ctx, line -> { });
        admin = Files.readString(ctx.home().dir().resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
    }

    /** A new account with a token of the given scopes. */
    String account(String name, Scope... scopes) {
        node.accounts().create(name);
        return node.accounts().issue(name, Set.of(scopes), null, "t").secret();
    }

    HttpResponse<byte[]> post(String path, String token) throws Exception {
        return send(path, token, "POST", null);
    }

    HttpResponse<byte[]> post(String path, String token, byte[] multipartBody) throws Exception {
        return send(path, token, "POST", multipartBody);
    }

    HttpResponse<byte[]> send(String path, String token, String method, byte[] multipartBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.apiUri().resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (multipartBody != null) {
            b.header("Content-Type", MultipartBodies.CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(multipartBody));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** JSON of a 200 answer (fails with the body otherwise). */
    JsonNode json(String path, String token) throws Exception {
        HttpResponse<byte[]> res = post(path, token);
        assertThat(res.statusCode()).as(text(res)).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    List<JsonNode> lines(String path, String token) throws Exception {
        HttpResponse<byte[]> res = post(path, token);
        assertThat(res.statusCode()).as(text(res)).isEqualTo(200);
        return ndjson(text(res));
    }

    /** Adds one file; its CID. */
    String add(String token, byte[] data, String query) throws Exception {
        return addParts(token, query, List.of(filePart("data", data))).get("");
    }

    /** Adds multipart parts (see {@link #filePart}, {@link #dirPart}); CID by entry name ("" for an unnamed file). */
    Map<String, String> addParts(String token, String query, List<byte[]> parts) throws Exception {
        HttpResponse<byte[]> res = post("/api/v0/add" + query, token, multipart(parts));
        assertThat(res.statusCode()).as(text(res)).isEqualTo(200);
        Map<String, String> cids = new java.util.HashMap<>();
        for (JsonNode l : ndjson(text(res))) {
            cids.put(l.get("Name").asText(), l.get("Hash").asText());
        }
        if (cids.size() == 1 && parts.size() == 1) {
            cids.put("", cids.values().iterator().next());
        }
        return cids;
    }

    static byte[] filePart(String encodedName, byte[] data) {
        return MultipartBodies.filePart(encodedName, data);
    }

    static byte[] dirPart(String encodedName) {
        return MultipartBodies.dirPart(encodedName);
    }

    static byte[] symlinkPart(String encodedName, String target) {
        return MultipartBodies.symlinkPart(encodedName, target);
    }

    static byte[] multipart(List<byte[]> parts) {
        return MultipartBodies.multipart(parts);
    }

    static String text(HttpResponse<byte[]> res) {
        return new String(res.body(), StandardCharsets.UTF_8);
    }

    static List<JsonNode> ndjson(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        node.close();
    }
}
