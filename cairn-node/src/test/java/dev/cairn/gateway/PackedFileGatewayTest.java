package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.config.ListenAddress;
import dev.cairn.content.ContentService;
import dev.cairn.content.UploadPinner;
import dev.cairn.db.Database;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.store.pack.PackBlockStore;
import dev.cairn.store.pack.PackOptions;
import dev.cairn.unixfs.importer.ImportOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files served from a real pack store, whose blocks the gateway sends from memory-mapped packs
 * (off-heap views handed to Jetty): whole files and ranges, with dag-pb leaves (the Data field
 * sliced out of each block) and raw leaves (whole blocks), equal the bytes that were added.
 */
class PackedFileGatewayTest {
    @TempDir
    Path dir;

    Database db;
    PackBlockStore store;
    ContentService content;
    HttpServerHandle server;
    final HttpClient http = HttpClient.newHttpClient();
    final byte[] data = new byte[2_500_000];

    /** The node's own wiring in small: blocks and their views from the content service. */
    final class Backend implements ContentBackend {
        @Override
        public Optional<byte[]> block(Cid cid) {
            return content.block(cid);
        }

        @Override
        public Optional<ByteBuffer> blockView(Cid cid) {
            return content.blockView(cid);
        }

        @Override
        public void writeCar(Cid root, OutputStream out) throws IOException {
            content.exportCar(root, out);
        }
    }

    @BeforeEach
    void start() {
        new Random(0x2EC0L).nextBytes(data);
        db = Database.openSqlite(dir.resolve("cairn.db"));
        // Small packs: a file's leaves spread over several mappings.
        store = PackBlockStore.open(dir, db, PackOptions.defaults().withPackSize(600_000).withFsync(false));
        content = new ContentService(store);
        server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                secret -> Optional.empty(), List.of(new GatewaySurface(new Backend())));
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
        db.close();
    }

    private Cid add(ImportOptions options) throws IOException {
        return content.addStream("f", new ByteArrayInputStream(data), options, UploadPinner.NONE).cid();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void assertServedWholeAndInRanges(Cid file) throws Exception {
        HttpResponse<byte[]> whole = get("/ipfs/" + file);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).as("the whole file").isEqualTo(data);

        Random random = new Random(file.hashCode());
        for (int i = 0; i < 8; i++) {
            int from = random.nextInt(data.length);
            int to = Math.min(data.length - 1, from + random.nextInt(700_000));
            HttpResponse<byte[]> part = get("/ipfs/" + file, "Range", "bytes=" + from + "-" + to);
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).as("bytes %d-%d", from, to).isEqualTo(Arrays.copyOfRange(data, from, to + 1));
        }
    }

    @Test
    void aFileWithDagPbLeavesIsServedFromMappedPacksByteForByte() throws Exception {
        Cid file = add(ImportOptions.kubo());
        Cid leaf = content.unixfs().blocksCovering(file, 0, 1).getLast();
        assertThat(store.view(leaf).orElseThrow().isDirect()).as("the store lends mapped, off-heap views").isTrue();

        assertServedWholeAndInRanges(file);
    }

    @Test
    void aFileWithRawLeavesIsServedFromMappedPacksByteForByte() throws Exception {
        Cid file = add(ImportOptions.unixfsV1_2025());

        assertServedWholeAndInRanges(file);
    }
}
