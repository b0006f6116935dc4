package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.Block;
import dev.cairn.car.CarReader;
import dev.cairn.cid.Cid;
import dev.cairn.config.ListenAddress;
import dev.cairn.dag.DagExport;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.testing.FixtureCars;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replays gateway-conformance's trustless_gateway_raw_test.go and the CORS checks over real HTTP. */
class TrustlessRawTest {
    final Map<Cid, byte[]> blocks = new ConcurrentHashMap<>();
    final HttpClient http = HttpClient.newHttpClient();
    HttpServerHandle server;
    Cid root;
    Cid dir;
    Cid ascii;

    @BeforeEach
    void start() throws IOException {
        String fixture = "gateway-raw-block.car";
        for (Block b : FixtureCars.blocks(FixtureCars.fixture(fixture))) {
            blocks.put(b.cid(), b.data());
        }
        try (InputStream in = Files.newInputStream(FixtureCars.fixture(fixture)); CarReader car = CarReader.open(in)) {
            root = car.header().roots().get(0);
        }
        UnixfsReader reader = UnixfsReader.over(cid -> Optional.ofNullable(blocks.get(cid)));
        dir = reader.resolve(root, "dir").cid();
        ascii = reader.resolve(root, "dir/ascii.txt").cid();
        ContentBackend backend = new ContentBackend() {
            @Override
            public Optional<byte[]> block(Cid cid) {
                return Optional.ofNullable(blocks.get(cid));
            }

            @Override
            public void writeCar(Cid r, OutputStream out) throws IOException {
                DagExport.writeCar(this::block, r, out);
            }
        };
        server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                secret -> Optional.empty(), List.of(new GatewaySurface(backend)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aBlockIsServedRawByFormatOrByAccept() throws Exception {
        assertThat(get("/ipfs/" + dir + "?format=raw").body()).isEqualTo(blocks.get(dir));
        HttpResponse<byte[]> byAccept = get("/ipfs/" + dir, "Accept", "application/vnd.ipld.raw");
        assertThat(byAccept.body()).isEqualTo(blocks.get(dir));
        assertThat(byAccept.headers().firstValue("Content-Location")).contains("/ipfs/" + dir + "?format=raw");
        assertThat(get("/ipfs/" + dir + "?format=raw").headers().firstValue("Content-Location")).isEmpty();
    }

    @Test
    void aRawAnswerCarriesTheExpectedHeaders() throws Exception {
        HttpResponse<byte[]> r = get("/ipfs/" + ascii, "Accept", "application/vnd.ipld.raw");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(blocks.get(ascii));
        assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.ipld.raw");
        assertThat(r.headers().firstValue("Content-Length")).contains(Integer.toString(blocks.get(ascii).length));
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).matches("attachment;\\s*filename=\".*\\.bin\"");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Etag").orElseThrow()).isNotEmpty();
        assertThat(r.headers().firstValue("X-Ipfs-Path")).contains("/ipfs/" + ascii);
        assertThat(r.headers().firstValue("X-Ipfs-Roots").orElseThrow()).contains(ascii.toString());
        assertThat(r.headers().firstValue("Cache-Control")).contains("public, max-age=29030400, immutable");
        HttpResponse<byte[]> named = get("/ipfs/" + ascii + "?filename=foobar.bin", "Accept", "application/vnd.ipld.raw");
        assertThat(named.headers().firstValue("Content-Disposition").orElseThrow()).matches("attachment;\\s*filename=\"foobar\\.bin\"");
    }

    @Test
    void browsersMayReadDeserializedAnswersToo() throws Exception {
        HttpResponse<byte[]> r = get("/ipfs/" + root + "/dir/ascii.txt", "Origin", "https://app.example");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        HttpResponse<byte[]> preflight = http.send(HttpRequest.newBuilder(server.uri().resolve("/ipfs/" + root + "/dir/ascii.txt"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "GET").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(preflight.statusCode()).isIn(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, HEAD, OPTIONS");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains(
                "Content-Type, Range, User-Agent, X-Requested-With");
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("Content-Range", "X-Ipfs-Path", "X-Ipfs-Roots");
    }
}
