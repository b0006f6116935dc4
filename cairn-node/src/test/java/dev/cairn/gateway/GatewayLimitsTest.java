package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import dev.cairn.config.GatewayLimitsConfig;
import dev.cairn.config.GatewayMode;
import dev.cairn.config.ListenAddress;
import dev.cairn.content.ContentService;
import dev.cairn.content.UploadPinner;
import dev.cairn.dag.DagExport;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.store.memory.MemoryBlockStore;
import dev.cairn.unixfs.importer.ImportOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's overload limits over real HTTP. "Slow clients" are raw sockets with a tiny
 * receive buffer that send a request and then stop reading, so the server's handler stays
 * blocked in the middle of a body far larger than the socket buffers.
 */
class GatewayLimitsTest {
    static final int BIG = 24 * 1024 * 1024;

    final MemoryBlockStore store = new MemoryBlockStore();
    final ContentService content = new ContentService(store);
    final HttpClient http = HttpClient.newHttpClient();
    final List<Socket> sockets = new ArrayList<>();
    /** Lookups of this CID take {@link #slowMillis} (a stand-in for a slow disk). */
    volatile Cid slow;
    volatile long slowMillis;
    HttpServerHandle server;
    GatewayLimits limits;

    final class Backend implements ContentBackend {
        @Override
        public Optional<byte[]> block(Cid cid) {
            if (cid.equals(slow)) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return content.block(cid);
        }

        @Override
        public void writeCar(Cid root, OutputStream out) throws IOException {
            DagExport.writeCar(this::block, root, out);
        }
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
        if (limits != null) {
            limits.close();
        }
    }

    private void start(GatewayLimitsConfig config) {
        limits = new GatewayLimits(config);
        server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0),
                HttpOptions.defaults().withGuard(limits), secret -> Optional.empty(),
                List.of(new GatewaySurface(new Backend(), GatewayMode.PUBLIC, null)));
    }

    private static GatewayLimitsConfig limits(int concurrent, Duration duration, int ranges, long rangeBytes) {
        return new GatewayLimitsConfig(concurrent, duration, ranges, rangeBytes);
    }

    private Cid add(int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return content.addStream("f", new ByteArrayInputStream(data), ImportOptions.kubo(), UploadPinner.NONE).cid();
    }

    /** Sends a GET, reads the response head, then stops reading: the server stays mid-body. */
    private Socket slowClient(String path, StringBuilder head) throws IOException {
        return slowClient(path, head, "");
    }

    private Socket slowClient(String path, StringBuilder head, String headers) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
        sockets.add(s);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return s;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (limits.inFlight() > 0) {
            assertThat(System.nanoTime()).as("requests still holding permits: " + limits.inFlight()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void oneRequestBeyondTheLimitIsRefusedAtOnceWith429AndRetryAfter() throws Exception {
        start(limits(2, Duration.ofMinutes(5), 16, 0));
        Cid big = add(BIG, 1);
        for (int i = 0; i < 2; i++) {
            StringBuilder head = new StringBuilder();
            slowClient("/ipfs/" + big, head);
            assertThat(head).startsWith("HTTP/1.1 200");
        }

        HttpResponse<String> refused = get("/ipfs/" + big + "?format=raw");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(refused.body()).contains("at most 2 at once");
        assertThat(limits.inFlight()).isEqualTo(2);
    }

    @Test
    void clientsThatGoAwayMidBodyGiveTheirPermitsBack() throws Exception {
        start(limits(2, Duration.ofMinutes(5), 16, 0));
        Cid big = add(BIG, 2);
        for (int i = 0; i < 2; i++) {
            slowClient("/ipfs/" + big, new StringBuilder());
        }
        assertThat(get("/ipfs/" + big + "?format=raw").statusCode()).isEqualTo(429);

        for (Socket s : sockets) {
            s.setSoLinger(true, 0); // a reset, as a client that vanished
            s.close();
        }
        awaitIdle();

        assertThat(get("/ipfs/" + big + "?format=raw").statusCode()).isEqualTo(200);
    }

    @Test
    void failedRequestsGiveTheirPermitBack() throws Exception {
        start(limits(1, Duration.ofMinutes(5), 16, 0));
        Cid small = add(1000, 3);
        // A client may see the whole answer a moment before the handler returns: wait for the
        // permit between requests, or a lone permit could still be out (and the next one 429).
        for (int i = 0; i < 5; i++) {
            assertThat(get("/ipfs/not-a-cid").statusCode()).isEqualTo(400);
            awaitIdle();
            assertThat(get("/ipfs/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy").statusCode()).isEqualTo(404);
            awaitIdle();
            assertThat(get("/ipfs/" + small + "?format=nonsense").statusCode()).isEqualTo(406);
            awaitIdle();
        }
        assertThat(get("/ipfs/" + small).statusCode()).isEqualTo(200);
        awaitIdle();
    }

    @Test
    void aResponseStillStreamingAtTheDeadlineIsCutOffNotEndedCleanly() throws Exception {
        start(limits(8, Duration.ofMillis(300), 16, 0));
        Cid big = add(BIG, 4);
        StringBuilder head = new StringBuilder();
        Socket s = slowClient("/ipfs/" + big, head);
        assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: " + BIG);
        awaitIdle(); // the deadline passes, the server cuts the connection and its handler ends

        long received = 0;
        try (InputStream in = s.getInputStream()) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) >= 0; ) {
                received += n;
            }
        } catch (IOException reset) {
            // A reset instead of an orderly close is a cut-off too.
        }

        assertThat(received).as("body bytes before the cut").isLessThan(BIG);
    }

    @Test
    void aCarWithoutLengthCutOffAtTheDeadlineEndsInAResetEvenOnAConnectionToBeClosed() throws Exception {
        start(limits(8, Duration.ofMillis(300), 16, 0));
        Cid big = add(BIG, 5);
        StringBuilder head = new StringBuilder();
        // Connection: close and no length: the body ends with the connection, so only a reset
        // (not a clean close) tells the client the CAR is incomplete
        Socket s = slowClient("/ipfs/" + big + "?format=car", head, "Connection: close\r\n");
        assertThat(head).startsWith("HTTP/1.1 200").doesNotContainPattern("(?im)^content-length:");
        awaitIdle();

        InputStream in = s.getInputStream();
        byte[] buf = new byte[65536];
        assertThatThrownBy(() -> {
            while (in.read(buf) >= 0) {
                // drain to the end of the connection
            }
        }).isInstanceOf(java.net.SocketException.class);
    }

    @Test
    void aRequestThatSentNothingByTheDeadlineIs503WithRetryAfter() throws Exception {
        start(limits(8, Duration.ofMillis(100), 16, 0));
        Cid cid = add(1000, 5);
        slowMillis = 600;
        slow = cid;

        HttpResponse<String> r = get("/ipfs/" + cid + "?format=raw");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("1");
        assertThat(r.headers().firstValue("Etag")).as("nothing of the late answer leaks").isEmpty();
        assertThat(r.body()).contains("gateway.max-request-duration");
        slow = null;
        assertThat(get("/ipfs/" + cid + "?format=raw").statusCode()).isEqualTo(200);
    }

    @Test
    void tooManyRangesAre416WithABodySayingWhy() throws Exception {
        start(limits(8, Duration.ofMinutes(5), 2, 0));
        Cid file = add(10_000, 6);

        HttpResponse<String> r = get("/ipfs/" + file, "Range", "bytes=0-1,10-11,20-21");

        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.body()).contains("3 ranges").contains("gateway.max-ranges");
        assertThat(get("/ipfs/" + file, "Range", "bytes=0-1,10-11").statusCode()).isEqualTo(206);
    }

    @Test
    void anExplicitRangeLongerThanTheLimitIs416ButAResumedDownloadIsServed() throws Exception {
        start(limits(8, Duration.ofMinutes(5), 16, 1000));
        Cid file = add(10_000, 7);

        assertThat(get("/ipfs/" + file, "Range", "bytes=0-999").statusCode()).isEqualTo(206);
        HttpResponse<String> tooLong = get("/ipfs/" + file, "Range", "bytes=0-1000");
        assertThat(tooLong.statusCode()).isEqualTo(416);
        assertThat(tooLong.body()).contains("1001 bytes").contains("gateway.max-range-bytes");
        assertThat(get("/ipfs/" + file, "Range", "bytes=-5000").statusCode()).isEqualTo(416);
        HttpResponse<String> resumed = get("/ipfs/" + file, "Range", "bytes=100-");
        assertThat(resumed.statusCode()).isEqualTo(206);
        assertThat(resumed.headers().firstValue("Content-Range")).contains("bytes 100-9999/10000");
    }

    @Test
    void randomRangeHeadersArePassedOrRefusedWith416NeverAnythingElse() {
        limits = new GatewayLimits(limits(8, Duration.ofMinutes(5), 3, 100));
        Random random = new Random(20261125);
        String alphabet = "bytes=0123456789-, *x";
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "bytes=" : "");
            for (int n = random.nextInt(24); n > 0; n--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                limits.checkRanges(header.toString());
            } catch (dev.cairn.http.HttpException e) {
                assertThat(e.status()).as(header.toString()).isEqualTo(416);
                refused++;
            }
        }
        assertThat(refused).as("some random headers exceed the limits").isPositive();
    }
}
