package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import dev.cairn.config.ListenAddress;
import dev.cairn.content.ContentService;
import dev.cairn.dag.Links;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.interop.CarInspect;
import dev.cairn.store.memory.MemoryBlockStore;
import dev.cairn.unixfs.importer.ImportOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trustless gateway over a real content service, checked by hashing and by an independent CAR reader. */
class GatewaySurfaceTest {
    @TempDir
    Path dir;

    MemoryBlockStore store = new MemoryBlockStore();
    ContentService content = new ContentService(store);
    Cid file;
    Cid hidden;
    HttpServerHandle server;
    HttpClient http = HttpClient.newHttpClient();

    /** Serves the content service, except that it pretends {@code hidden} is not stored. */
    final class Backend implements ContentBackend {
        @Override
        public Optional<byte[]> block(Cid cid) {
            return cid.equals(hidden) ? Optional.empty() : content.block(cid);
        }

        @Override
        public void writeCar(Cid root, OutputStream out) throws IOException {
            dev.cairn.dag.DagExport.writeCar(cid -> block(cid), root, out);
        }
    }

    @BeforeEach
    void start() throws IOException {
        byte[] data = new byte[700_000]; // three 256 KiB chunks under one root
        new Random(7).nextBytes(data);
        file = content.addStream("f", new ByteArrayInputStream(data), ImportOptions.kubo(), dev.cairn.content.UploadPinner.NONE).cid();
        server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                secret -> Optional.empty(), List.of(new GatewaySurface(new Backend())));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @Test
    void aRawBlockHashesToItsCid() throws Exception {
        HttpResponse<byte[]> r = get("/ipfs/" + file + "?format=raw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sha256(r.body())).isEqualTo(file.multihash().digest());
        assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.ipld.raw");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Etag")).contains("\"" + file + ".raw\"");
        assertThat(r.headers().firstValue("Cache-Control")).contains("public, max-age=29030400, immutable");
        assertThat(r.headers().firstValue("Content-Length")).contains(Integer.toString(r.body().length));
        assertThat(r.headers().firstValue("X-Ipfs-Path")).contains("/ipfs/" + file);
    }

    @Test
    void everyLeafIsServedRawToo() throws Exception {
        for (var link : Links.of(file, content.block(file).orElseThrow())) {
            HttpResponse<byte[]> r = get("/ipfs/" + link + "?format=raw");
            assertThat(sha256(r.body())).isEqualTo(link.multihash().digest());
        }
    }

    @Test
    void theAcceptHeaderSelectsRawWhenNoFormatIsGiven() throws Exception {
        HttpResponse<byte[]> r = get("/ipfs/" + file, "Accept", "application/vnd.ipld.raw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sha256(r.body())).isEqualTo(file.multihash().digest());
    }

    @Test
    void theFormatParameterBeatsAccept() throws Exception {
        HttpResponse<byte[]> r = get("/ipfs/" + file + "?format=car", "Accept", "application/vnd.ipld.raw");
        assertThat(r.headers().firstValue("Content-Type")).contains(GatewaySurface.CAR_TYPE);
    }

    @Test
    void aCarHoldsTheWholeDagInDfsOrderAsAnIndependentReaderSeesIt() throws Exception {
        HttpResponse<byte[]> r = get("/ipfs/" + file + "?format=car&dag-scope=all");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.ipld.car; version=1; order=dfs; dups=n");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Cache-Control")).contains(GatewaySurface.IMMUTABLE);
        Path car = Files.write(dir.resolve("out.car"), r.body());
        CarInspect.Report report = CarInspect.inspect(car);
        assertThat(report.version()).isEqualTo(1);
        assertThat(report.roots()).containsExactly(file.toString());
        List<String> expected = new java.util.ArrayList<>(List.of(file.toString()));
        for (Cid link : Links.of(file, content.block(file).orElseThrow())) {
            expected.add(link.toString());
        }
        assertThat(report.cids()).containsExactlyElementsOf(expected);
    }

    @Test
    void dagScopeBlockSendsTheRootBlockOnly() throws Exception {
        HttpResponse<byte[]> r = get("/ipfs/" + file + "?dag-scope=block", "Accept", "application/vnd.ipld.car");
        CarInspect.Report report = CarInspect.inspect(Files.write(dir.resolve("b.car"), r.body()));
        assertThat(report.cids()).containsExactly(file.toString());
    }

    @Test
    void headAnswersTheHeadersWithoutABody() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(server.uri().resolve("/ipfs/" + file + "?format=raw"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Etag")).contains("\"" + file + ".raw\"");
    }

    @Test
    void aMatchingIfNoneMatchIs304() throws Exception {
        assertThat(get("/ipfs/" + file + "?format=raw", "If-None-Match", "\"" + file + ".raw\"").statusCode()).isEqualTo(304);
        assertThat(get("/ipfs/" + file + "?format=raw", "If-None-Match", "\"x\", W/\"" + file + ".raw\"").statusCode()).isEqualTo(304);
        assertThat(get("/ipfs/" + file + "?format=raw", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingRootIs404ForRawAndCar() throws Exception {
        hidden = file;
        assertThat(get("/ipfs/" + file + "?format=raw").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> car = get("/ipfs/" + file + "?format=car");
        assertThat(car.statusCode()).isEqualTo(404);
        assertThat(new String(car.body())).contains(file.toString());
    }

    @Test
    void aBadCidIs400() throws Exception {
        for (String bad : new String[] {"notacid", "bafyINVALID", "Qm123"}) {
            assertThat(get("/ipfs/" + bad + "?format=raw").statusCode()).as(bad).isEqualTo(400);
        }
    }

    @Test
    void unsupportedFormatsAndScopesAreRefusedClearly() throws Exception {
        assertThat(get("/ipfs/" + file + "?format=ipns-record").statusCode()).isEqualTo(406);
        assertThat(get("/ipfs/" + file + "?format=car&dag-scope=everything").statusCode()).isEqualTo(400);
        assertThat(get("/ipfs/" + file + "?format=car&car-version=2").statusCode()).isEqualTo(400);
        assertThat(get("/ipfs/" + file).statusCode()).isEqualTo(200);
    }

    @Test
    void aDagWithAMissingBlockIsCutMidStreamNotCompleted() throws Exception {
        List<Cid> leaves = Links.of(file, content.block(file).orElseThrow());
        hidden = leaves.get(1);
        // The status line went out before the gap was found: the body must not end like a complete
        // response, so a client cannot take the truncated CAR for the whole DAG.
        assertThatThrownBy(() -> get("/ipfs/" + file + "?format=car")).isInstanceOf(IOException.class);
    }

    @Test
    void aCarCutMidStreamIsResetEvenWhenTheClientAskedToCloseTheConnection() throws Exception {
        List<Cid> leaves = Links.of(file, content.block(file).orElseThrow());
        hidden = leaves.get(1);
        // With Connection: close, Jetty ends a body of unknown length with the connection (no
        // chunking): a clean close would look like a complete CAR, so the end must be a reset.
        try (java.net.Socket s = new java.net.Socket(server.uri().getHost(), server.uri().getPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET /ipfs/" + file + "?format=car HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            java.io.InputStream in = s.getInputStream();
            byte[] buffer = new byte[65536];
            assertThatThrownBy(() -> {
                while (in.read(buffer) >= 0) {
                    // drain until the end of the connection
                }
            }).isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void browsersMayReadTheGatewaysHeaders() throws Exception {
        HttpResponse<byte[]> preflight = http.send(HttpRequest.newBuilder(server.uri().resolve("/ipfs/" + file))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "GET").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, HEAD, OPTIONS");
        HttpResponse<byte[]> r = get("/ipfs/" + file + "?format=raw");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("X-Ipfs-Roots");
    }

    @Test
    void randomPathsAndAcceptHeadersGetAClientErrorNeverA500() throws Exception {
        Random random = new Random(20261125);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%._~-";
        String[] accepts = {"application/vnd.ipld.raw", "application/vnd.ipld.car;q=0.5", "*/*", "text/html", ";;,", ""};
        for (int i = 0; i < 150; i++) {
            StringBuilder cid = new StringBuilder();
            String start = random.nextBoolean() ? file.toString().substring(0, random.nextInt(file.toString().length())) : "";
            cid.append(start);
            for (int n = random.nextInt(60); n > 0; n--) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                // '%' starts an escape of any byte, so decoded paths hold arbitrary bytes too
                cid.append(c == '%' ? String.format("%%%02X", random.nextInt(256)) : String.valueOf(c));
            }
            if (cid.isEmpty()) {
                cid.append('x');
            }
            String accept = accepts[random.nextInt(accepts.length)];
            HttpResponse<byte[]> r = accept.isEmpty() ? get("/ipfs/" + cid + "?format=raw") : get("/ipfs/" + cid, "Accept", accept);
            assertThat(r.statusCode()).as(cid + " / " + accept).isIn(200, 400, 404, 406, 501);
        }
    }
}
