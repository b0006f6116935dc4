package dev.cairn.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.car.CarReader;
import dev.cairn.car.CarSection;
import dev.cairn.cid.Cid;
import dev.cairn.config.FetchConfig;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher against an independent trustless gateway (interop/trustless-origin.mjs serving a
 * CAR made by ipfs-car), over real HTTP on loopback.
 */
class HttpDagFetcherTest {
    /** Loopback origins need the override; the refusal itself is tested separately. */
    private static final FetchConfig LOOPBACK_OK = new FetchConfig(true);

    @TempDir
    static Path dir;
    static byte[] content;
    static Path car;
    static Cid root;
    static List<CarSection> blocks;
    /** A CAR of other content: an origin serving it answers 404 for our blocks. */
    static Path otherCar;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void packAFileOfSeveralBlocksWithIpfsCar() throws Exception {
        content = new byte[5 * 1024 * 1024 + 12345];
        new Random(42).nextBytes(content);
        Path file = dir.resolve("five-mib.bin");
        Files.write(file, content);
        car = dir.resolve("five-mib.car");
        root = IpfsCar.pack(file, car);
        blocks = new ArrayList<>();
        try (InputStream in = Files.newInputStream(car); CarReader reader = CarReader.open(in)) {
            for (Optional<CarSection> s = reader.next(); s.isPresent(); s = reader.next()) {
                blocks.add(s.get());
            }
        }
        assertThat(blocks).hasSizeGreaterThan(5);
        Path other = dir.resolve("other.txt");
        Files.writeString(other, "something else entirely");
        otherCar = dir.resolve("other.car");
        IpfsCar.pack(other, otherCar);
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private TrustlessOrigin origin(String... flags) throws IOException {
        TrustlessOrigin o = TrustlessOrigin.serve(List.of(flags), car);
        open.add(o);
        return o;
    }

    private HttpDagFetcher fetcher(FetchConfig config) {
        HttpDagFetcher f = new HttpDagFetcher(config);
        open.add(f);
        return f;
    }

    private static FetchProgress fetch(HttpDagFetcher fetcher, BlockMap store, List<FetchProgress> seen, String... origins)
            throws Exception {
        return fetcher.fetch(new FetchRequest(root, List.of(origins)), store, store, seen::add);
    }

    private static void assertTheFileReadsBack(BlockMap store) throws IOException {
        assertThat(store.size()).isEqualTo(blocks.size());
        try (InputStream in = UnixfsReader.over(store).open(root)) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aWholeDagArrivesInOneCarStreamAndTheFileReadsBackByteForByte() throws Exception {
        TrustlessOrigin origin = origin();
        BlockMap store = new BlockMap();
        List<FetchProgress> seen = new ArrayList<>();

        FetchProgress done = fetch(fetcher(LOOPBACK_OK), store, seen, origin.multiaddr());

        assertTheFileReadsBack(store);
        assertThat(origin.requests()).containsExactly("/ipfs/" + root + "?format=car&dag-scope=all");
        long dagBytes = blocks.stream().mapToLong(b -> b.data().length).sum();
        assertThat(done).isEqualTo(new FetchProgress(blocks.size(), dagBytes, 0, dagBytes, "complete"));
        assertThat(seen).extracting(FetchProgress::blocksFetched).contains(1L, (long) blocks.size());
        assertThat(seen.getLast().details()).contains("fetching a CAR of the DAG from " + origin.baseUrl());
    }

    @Test
    void aCarStreamCutShortIsCompletedBlockByBlock() throws Exception {
        TrustlessOrigin origin = origin("--drop-after", "2");
        BlockMap store = new BlockMap();

        fetch(fetcher(LOOPBACK_OK), store, new ArrayList<>(), origin.multiaddr());

        assertTheFileReadsBack(store);
        long raw = origin.requests().stream().filter(r -> r.contains("format=raw")).count();
        assertThat(raw).isBetween(1L, blocks.size() - 1L);
        assertThat(store.puts()).isEqualTo(blocks.size());
    }

    @Test
    void anOriginWithoutCarSupportIsAskedForEveryBlockRaw() throws Exception {
        TrustlessOrigin origin = origin("--only-raw");
        BlockMap store = new BlockMap();

        fetch(fetcher(LOOPBACK_OK), store, new ArrayList<>(), origin.multiaddr());

        assertTheFileReadsBack(store);
        for (CarSection b : blocks) {
            assertThat(origin.rawRequestsFor(b.cid())).as("raw requests for %s", b.cid()).isEqualTo(1);
        }
    }

    @Test
    void aLyingOriginIsDroppedAndAnHonestOneCompletesTheFetch() throws Exception {
        TrustlessOrigin liar = origin("--lie");
        TrustlessOrigin honest = origin();
        BlockMap store = new BlockMap();

        fetch(fetcher(LOOPBACK_OK), store, new ArrayList<>(), liar.multiaddr(), honest.multiaddr());

        assertTheFileReadsBack(store);
        assertThat(liar.requests()).as("nothing more is asked of a liar").hasSize(1);
        assertThat(honest.requests()).allMatch(r -> r.contains("format=raw"));
    }

    @Test
    void anOriginThatOnlyLiesFailsTheFetchNamingTheLie() throws Exception {
        TrustlessOrigin liar = origin("--lie");
        BlockMap store = new BlockMap();

        assertThatThrownBy(() -> fetch(fetcher(LOOPBACK_OK), store, new ArrayList<>(), liar.multiaddr()))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining(liar.baseUrl() + " (origin, dropped: sent a block that did not match its CID")
                .satisfies(e -> assertThat(((FetchException) e).retryable()).isTrue());
        assertThat(store.size()).as("the honest blocks before the lie are kept").isEqualTo(blocks.size() - 1);
    }

    @Test
    void aStalledOriginEndsTheFetchAfterTheInactivityTimeout() throws Exception {
        TrustlessOrigin stalled = origin("--stall-after", "2");
        FetchConfig config = LOOPBACK_OK.withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(30), Duration.ofSeconds(5));

        assertThatThrownBy(() -> fetch(fetcher(config), new BlockMap(), new ArrayList<>(), stalled.multiaddr()))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("no new verified block for 800ms (fetch.inactivity-timeout) after 2 fetched");
    }

    @Test
    void aStalledOriginIsLeftForTheNextOneAfterTheSourceIdleTimeout() throws Exception {
        TrustlessOrigin stalled = origin("--stall-after", "2");
        TrustlessOrigin honest = origin("--only-raw");
        FetchConfig config = LOOPBACK_OK.withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(5));
        BlockMap store = new BlockMap();

        fetch(fetcher(config), store, new ArrayList<>(), stalled.multiaddr(), honest.multiaddr());

        assertTheFileReadsBack(store);
        assertThat(stalled.requests()).hasSize(1);
    }

    @Test
    void loopbackOriginsAreRefusedUnlessPrivateOriginsAreAllowed() throws Exception {
        TrustlessOrigin origin = origin();
        String byName = "/dns4/localhost/tcp/" + origin.port() + "/http";

        assertThatThrownBy(() -> fetch(fetcher(new FetchConfig(false)), new BlockMap(), new ArrayList<>(),
                        origin.multiaddr(), byName))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address")
                .hasMessageContaining("refused: localhost resolves to")
                .hasMessageContaining("fetch.allow-private-origins=true");
        assertThat(origin.requests()).isEmpty();

        BlockMap store = new BlockMap();
        fetch(fetcher(new FetchConfig(true)), store, new ArrayList<>(), byName);
        assertTheFileReadsBack(store);
    }

    @Test
    void aNameResolvingToAnyPrivateAddressIsRefusedBeforeConnecting() throws Exception {
        TrustlessOrigin origin = origin();
        HostResolver publicThenPrivate = host -> List.of(java.net.InetAddress.getByName("93.184.215.14"),
                java.net.InetAddress.getByName("10.1.2.3"));
        HttpDagFetcher fetcher = new HttpDagFetcher(new FetchConfig(false), publicThenPrivate);
        open.add(fetcher);

        assertThatThrownBy(() -> fetch(fetcher, new BlockMap(), new ArrayList<>(),
                        "/dns4/origin.example/tcp/" + origin.port() + "/http"))
                .hasMessageContaining("refused: origin.example resolves to 10.1.2.3, a private address");
    }

    @Test
    void originsThatAreNotHttpMultiaddrsAreIgnored() throws Exception {
        TrustlessOrigin origin = origin();
        BlockMap store = new BlockMap();

        fetch(fetcher(LOOPBACK_OK), store, new ArrayList<>(), "/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo",
                "not a multiaddr", "/ip4/127.0.0.1/udp/4001/quic-v1", "/dns4/x/tcp/99999/http", "",
                origin.multiaddr());

        assertTheFileReadsBack(store);
    }

    @Test
    void withNoUsableSourceTheFailureSaysWhatIsMissingFromTheConfiguration() {
        assertThatThrownBy(() -> fetch(fetcher(LOOPBACK_OK), new BlockMap(), new ArrayList<>(), "/ip4/1.2.3.4/tcp/4001"))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("no source had block " + root)
                .hasMessageContaining("no sources: the request has no HTTP origins (ignored 1 that are not HTTP(S) multiaddrs)")
                .hasMessageContaining("fetch.routing-endpoints");
    }

    @Test
    void providersFromDelegatedRoutingAreAskedWhenThereAreNoOrigins() throws Exception {
        TrustlessOrigin origin = origin();
        AtomicInteger lookups = new AtomicInteger();
        HttpServer routing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        routing.createContext("/routing/v1/providers/", exchange -> {
            lookups.incrementAndGet();
            String cid = exchange.getRequestURI().getPath().substring("/routing/v1/providers/".length());
            byte[] body = (cid.equals(root.toV1().toString())
                    ? """
                      {"Providers":[
                        {"Schema":"peer","ID":"12D3KooWbitswaponly","Addrs":["/ip4/127.0.0.1/tcp/1/http"],"Protocols":["transport-bitswap"]},
                        {"Schema":"peer","ID":"12D3KooWgateway","Addrs":["/ip4/127.0.0.1/udp/4001/quic-v1","%s"],"Protocols":["transport-ipfs-gateway-http"]}
                      ]}""".formatted(origin.multiaddr())
                    : "{\"Providers\":null}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        routing.start();
        open.add(() -> routing.stop(0));
        URI endpoint = URI.create("http://127.0.0.1:" + routing.getAddress().getPort());
        BlockMap store = new BlockMap();

        fetch(fetcher(LOOPBACK_OK.withSources(List.of(), List.of(endpoint))), store, new ArrayList<>());

        assertTheFileReadsBack(store);
        assertThat(lookups).hasValue(1);
        assertThat(origin.requests()).containsExactly("/ipfs/" + root + "?format=car&dag-scope=all");
    }

    @Test
    void upstreamGatewaysAreAskedAfterTheRequestsOwnOrigins() throws Exception {
        TrustlessOrigin empty = TrustlessOrigin.serve(otherCar);
        open.add(empty);
        TrustlessOrigin gateway = origin();
        BlockMap store = new BlockMap();

        fetch(fetcher(LOOPBACK_OK.withSources(List.of(gateway.baseUrl()), List.of())), store, new ArrayList<>(),
                empty.multiaddr());

        assertTheFileReadsBack(store);
        assertThat(empty.requests()).containsExactly("/ipfs/" + root + "?format=car&dag-scope=all");
        assertThat(gateway.requests()).containsExactly("/ipfs/" + root + "?format=car&dag-scope=all");
    }

    @Test
    void aRoutingEndpointThatFailsIsNamedInTheFailure() throws Exception {
        HttpServer routing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        routing.createContext("/", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        routing.start();
        open.add(() -> routing.stop(0));
        URI endpoint = URI.create("http://127.0.0.1:" + routing.getAddress().getPort());

        assertThatThrownBy(() -> fetch(fetcher(LOOPBACK_OK.withSources(List.of(), List.of(endpoint))), new BlockMap(),
                        new ArrayList<>()))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining(endpoint + " could not be asked for providers of " + root + ": answered HTTP 500");
    }

    @Test
    void anOriginStreamingBlocksTheDagDoesNotNeedIsDroppedAsIdle() throws Exception {
        HttpServer junk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        junk.createContext("/ipfs/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (dev.cairn.car.CarWriter out = dev.cairn.car.CarWriter.open(exchange.getResponseBody(), List.of(root))) {
                Random random = new Random(3);
                while (true) {
                    byte[] noise = new byte[1024];
                    random.nextBytes(noise);
                    out.write(dev.cairn.block.Block.of(Multicodec.RAW, noise));
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                exchange.close(); // the fetcher hung up
            }
        });
        junk.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        junk.start();
        open.add(() -> junk.stop(0));
        FetchConfig config = LOOPBACK_OK.withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(5));

        assertThatThrownBy(() -> fetch(fetcher(config), new BlockMap(), new ArrayList<>(),
                        "/ip4/127.0.0.1/tcp/" + junk.getAddress().getPort() + "/http"))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("dropped: sent only blocks the DAG does not need for 300ms");
    }

    @Test
    void blocksAlreadyStoredAreReadNotFetched() throws Exception {
        TrustlessOrigin origin = origin("--only-raw");
        BlockMap store = new BlockMap();
        List<CarSection> stored = blocks.stream().filter(b -> b.cid().equals(root) || b.cid().codec() == Multicodec.RAW.code())
                .limit(3).toList();
        stored.forEach(b -> store.put(b.block()));

        FetchProgress done = fetch(fetcher(LOOPBACK_OK), store, new ArrayList<>(), origin.multiaddr());

        assertTheFileReadsBack(store);
        assertThat(done.blocksPresent()).isEqualTo(3);
        assertThat(done.blocksFetched()).isEqualTo(blocks.size() - 3);
        for (CarSection b : stored) {
            assertThat(origin.rawRequestsFor(b.cid())).isZero();
        }
    }

    @Test
    void aDagAlreadyCompleteAsksNobody() throws Exception {
        TrustlessOrigin origin = origin();
        BlockMap store = new BlockMap();
        blocks.forEach(b -> store.put(b.block()));

        FetchProgress done = fetch(fetcher(LOOPBACK_OK), store, new ArrayList<>(), origin.multiaddr());

        assertThat(done.blocksPresent()).isEqualTo(blocks.size());
        assertThat(done.blocksFetched()).isZero();
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void blocksOverTheSizeLimitAreRefusedFromCarsAndRawAlike() throws Exception {
        TrustlessOrigin car = origin();
        TrustlessOrigin raw = origin("--only-raw");
        FetchConfig small = new FetchConfig(true, List.of(), List.of(), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 64 * 1024);

        assertThatThrownBy(() -> fetch(fetcher(small), new BlockMap(), new ArrayList<>(), car.multiaddr(), raw.multiaddr()))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining(car.baseUrl() + " (origin, dropped: announced a block of 1048576 bytes")
                .hasMessageContaining("announced a block of 1048576 bytes, over the limit of 65536");
    }

    @Test
    void anInterruptedFetchStopsWithInterruptedException() throws Exception {
        TrustlessOrigin stalled = origin("--stall-after", "1");
        FetchConfig patient = LOOPBACK_OK.withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(5));
        HttpDagFetcher fetcher = fetcher(patient);
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        Thread worker = Thread.ofVirtual().start(() -> {
            try {
                fetch(fetcher, new BlockMap(), new ArrayList<>(), stalled.multiaddr());
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        while (stalled.requests().isEmpty()) {
            Thread.sleep(20);
        }
        Thread.sleep(200);

        worker.interrupt();

        assertThat(outcome.get(60, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aRootWithAHashCairnCannotVerifyFailsForGood() {
        Cid sha1 = Cid.v1(Multicodec.RAW, Multihash.of(0x11, new byte[20]));

        assertThatThrownBy(() -> fetcher(LOOPBACK_OK).fetch(new FetchRequest(sha1, List.of()), new BlockMap(),
                        new BlockMap(), FetchListener.NONE))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("uses hash function 0x11")
                .satisfies(e -> assertThat(((FetchException) e).retryable()).isFalse());
    }
}
