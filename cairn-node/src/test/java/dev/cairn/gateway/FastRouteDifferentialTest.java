package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.account.Account;
import dev.cairn.account.Principal;
import dev.cairn.account.Scope;
import dev.cairn.cid.Cid;
import dev.cairn.config.GatewayLimitsConfig;
import dev.cairn.config.GatewayMode;
import dev.cairn.config.ListenAddress;
import dev.cairn.content.ContentService;
import dev.cairn.content.UploadPinner;
import dev.cairn.dag.DagExport;
import dev.cairn.http.Cors;
import dev.cairn.http.ErrorRenderer;
import dev.cairn.http.FastRoute;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.http.HttpSurface;
import dev.cairn.http.Routes;
import dev.cairn.multiformats.Multibase;
import dev.cairn.store.memory.MemoryBlockStore;
import dev.cairn.unixfs.importer.ImportOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's fast route ({@link SmallFileRoute}) against the routes it stands in for: the same
 * requests go to a gateway with the fast route and to one without it, over the same content, and
 * the two answers must be identical in status, headers (all but {@code Date}) and body. Each
 * request also says whether the fast route must answer it or leave it to the routes, and a
 * counter around the fast route checks that too, so a fast route that declined everything (and
 * trivially matched) would fail.
 */
class FastRouteDifferentialTest {
    static final Account ALICE = new Account(1, "alice", Instant.EPOCH);
    static final String ABSENT = "QmYzfKSE55XCjD1MW128RfciAf2DViABhEiXfgVFMabSjN";

    final MemoryBlockStore store = new MemoryBlockStore();
    final ContentService imported = new ContentService(store);
    final FixtureContent fixtures = new FixtureContent();
    final ContentBackend content = new ContentBackend() {
        @Override
        public Optional<byte[]> block(Cid cid) {
            byte[] fixture = fixtures.blocks.get(cid);
            return fixture != null ? Optional.of(fixture) : imported.block(cid);
        }

        @Override
        public void writeCar(Cid root, OutputStream out) throws IOException {
            DagExport.writeCar(this::block, root, out);
        }
    };
    final Set<Cid> pinned = new java.util.HashSet<>();
    final ReadAccess access = new ReadAccess() {
        @Override
        public boolean readableByAnyone(Cid cid) {
            return pinned.contains(cid);
        }

        @Override
        public boolean readableBy(long accountId, Cid cid) {
            return accountId == ALICE.id() && pinned.contains(cid);
        }

        @Override
        public Optional<Principal> authenticate(String secret) {
            return secret.equals("alice-gw") ? Optional.of(new Principal(ALICE, 1, Set.of(Scope.GATEWAY)))
                    : Optional.empty();
        }
    };
    final HttpClient http = HttpClient.newHttpClient();
    final AtomicInteger fastAnswers = new AtomicInteger();
    final List<AutoCloseable> open = new ArrayList<>();
    HttpServerHandle fast;
    HttpServerHandle routed;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** Both gateways, each behind its own GatewayLimits as `cairn serve` runs them, on subdomain host localhost. */
    void start(GatewayMode mode) {
        start(mode, GatewayLimitsConfig.defaults());
    }

    void start(GatewayMode mode, GatewayLimitsConfig limits) {
        GatewaySurface gateway = new GatewaySurface(content, mode, access, SubdomainHosts.of(List.of("localhost")));
        fast = listen(counted(gateway), limits);
        routed = listen(gateway.routedOnly(), limits);
        assertThat(gateway.routedOnly().fastRoute()).isNull();
    }

    private HttpServerHandle listen(HttpSurface surface, GatewayLimitsConfig config) {
        GatewayLimits limits = new GatewayLimits(config);
        open.add(limits);
        HttpServerHandle server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0),
                HttpOptions.defaults().withGuard(limits), secret -> Optional.empty(), List.of(surface));
        open.add(server);
        return server;
    }

    /** The gateway, its fast route counting what it answers. */
    private HttpSurface counted(GatewaySurface gateway) {
        FastRoute route = gateway.fastRoute();
        return new HttpSurface() {
            @Override
            public String name() {
                return gateway.name();
            }

            @Override
            public void routes(Routes routes) {
                gateway.routes(routes);
            }

            @Override
            public ErrorRenderer errors() {
                return gateway.errors();
            }

            @Override
            public Cors cors() {
                return gateway.cors();
            }

            @Override
            public FastRoute fastRoute() {
                return route == null ? null : request -> {
                    FastRoute.Answer a = route.answer(request);
                    if (a != null) {
                        fastAnswers.incrementAndGet();
                    }
                    return a;
                };
            }
        };
    }

    private Cid add(byte[] data, ImportOptions options) throws IOException {
        return imported.addStream("f", new ByteArrayInputStream(data), options, UploadPinner.NONE).cid();
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Small files of both leaf kinds (dag-pb with inline data from kubo(), raw from unixfs-v1-2025). */
    record Files(Cid pbKiB, Cid rawKiB, Cid png, Cid html, Cid text, Cid emptyPb, Cid emptyRaw, Cid limit,
                 Cid overLimit, Cid multiBlock, Cid directory, Cid rawBlockFixture) {
    }

    Files files() throws IOException {
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}, 700);
        ImportOptions raw = ImportOptions.unixfsV1_2025();
        return new Files(
                add(random(1024, 1), ImportOptions.kubo()),
                add(random(1024, 2), raw),
                add(png, raw),
                add("<!DOCTYPE html><html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), ImportOptions.kubo()),
                add("just some words\n".getBytes(StandardCharsets.UTF_8), raw),
                add(new byte[0], ImportOptions.kubo()),
                add(new byte[0], raw),
                add(random(SmallFileRoute.MAX_BYTES, 3), raw),
                add(random(SmallFileRoute.MAX_BYTES + 1, 4), ImportOptions.kubo()),
                add(random(3 << 20, 5), raw),
                fixtures.load("path_gateway_unixfs/dir-with-files.car"),
                fixtures.load("gateway-raw-block.car"));
    }

    /** One request: method, path, header pairs, and whether the fast route must answer it. */
    record Case(boolean expectFast, String method, String path, String... headers) {
        @Override
        public String toString() {
            return method + " " + path + " " + String.join(" ", headers);
        }
    }

    static Case fastCase(String method, String path, String... headers) {
        return new Case(true, method, path, headers);
    }

    static Case routedCase(String method, String path, String... headers) {
        return new Case(false, method, path, headers);
    }

    /** The small single-block files, each asked for in every way the fast route answers. */
    List<Case> servedFast(List<Cid> small) {
        List<Case> cases = new ArrayList<>();
        for (Cid cid : small) {
            String p = "/ipfs/" + cid;
            for (String method : List.of("GET", "HEAD")) {
                cases.add(fastCase(method, p));
                cases.add(fastCase(method, p, "Accept", "*/*"));
                cases.add(fastCase(method, p, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
                cases.add(fastCase(method, p, "If-None-Match", "\"" + cid + "\""));
                cases.add(fastCase(method, p, "If-None-Match", "W/\"" + cid + "\", \"other\""));
                cases.add(fastCase(method, p, "If-None-Match", "\"other\""));
                cases.add(fastCase(method, p, "If-None-Match", "*"));
                cases.add(fastCase(method, p, "X-Request-Id", "client-id-1"));
                cases.add(fastCase(method, p, "Cache-Control", "only-if-cached"));
                cases.add(fastCase(method, p, "X-Forwarded-Host", "example.org"));
            }
        }
        return cases;
    }

    /** Requests the fast route must leave to the routes, on files it would otherwise serve. */
    List<Case> fallThrough(Cid cid) {
        String p = "/ipfs/" + cid;
        return List.of(
                routedCase("GET", p, "Range", "bytes=0-9"),
                routedCase("GET", p, "Range", "bytes=5000-"),
                routedCase("GET", p + "?format=raw"),
                routedCase("GET", p + "?format=car"),
                routedCase("HEAD", p + "?format=car"),
                routedCase("GET", p + "?filename=photo.png"),
                routedCase("GET", p + "?download=true"),
                routedCase("GET", p + "?format=tar"),
                routedCase("GET", p + "?format=nope"),
                routedCase("GET", p, "Accept", "application/vnd.ipld.raw"),
                routedCase("GET", p, "Accept", "application/vnd.ipld.car"),
                routedCase("GET", p, "Accept", "application/vnd.ipld.car; order=foo"),
                routedCase("GET", p, "Accept", "application/x-tar"),
                routedCase("GET", p + "/"),
                routedCase("GET", p + "/name.txt"),
                routedCase("GET", p, "X-Forwarded-Host", "localhost"),
                routedCase("GET", p, "X-Forwarded-Host", cid + ".ipfs.localhost"),
                routedCase("OPTIONS", p),
                routedCase("POST", p),
                routedCase("DELETE", p));
    }

    List<Case> otherContent(Files f) {
        List<Case> cases = new ArrayList<>();
        // Over the size limit, more than one block, a directory, a dag-pb node that is no UnixFS file.
        for (Cid cid : List.of(f.overLimit(), f.multiBlock(), f.directory(), f.rawBlockFixture())) {
            cases.add(routedCase("GET", "/ipfs/" + cid));
            cases.add(routedCase("HEAD", "/ipfs/" + cid));
            cases.add(routedCase("GET", "/ipfs/" + cid + "/"));
        }
        cases.add(routedCase("GET", "/ipfs/" + f.directory() + "/ascii.txt"));
        cases.add(routedCase("GET", "/ipfs/" + ABSENT));
        cases.add(routedCase("GET", "/ipfs/" + ABSENT, "Cache-Control", "only-if-cached"));
        cases.add(routedCase("HEAD", "/ipfs/" + ABSENT));
        cases.add(routedCase("GET", "/ipfs/notacid"));
        cases.add(routedCase("GET", "/ipfs/bafkqaaa")); // identity CID, empty raw
        cases.add(routedCase("GET", "/ipfs/bafkqac3imvwgy3zao5xxe3de")); // identity, "hello world"
        cases.add(routedCase("GET", "/ipfs/%51mYzfKSE55XCjD1MW128RfciAf2DViABhEiXfgVFMabSjN"));
        cases.add(routedCase("GET", "/ipns/example.org"));
        cases.add(routedCase("GET", "/"));
        return cases;
    }

    /** The same CID in other bases: the fast route parses it as the routes do. */
    List<Case> otherBases(Cid raw) {
        return List.of(
                fastCase("GET", "/ipfs/" + raw.toString(Multibase.BASE36)),
                fastCase("GET", "/ipfs/" + raw.toString(Multibase.BASE58BTC)),
                fastCase("GET", "/ipfs/" + raw.toString().toUpperCase(Locale.ROOT)));
    }

    @Test
    void publicModeAnswersAreIdenticalWithAndWithoutTheFastRoute() throws Exception {
        Files f = files();
        start(GatewayMode.PUBLIC);
        List<Case> cases = new ArrayList<>(servedFast(List.of(f.pbKiB(), f.rawKiB(), f.png(), f.html(), f.text(),
                f.emptyPb(), f.emptyRaw(), f.limit())));
        cases.addAll(fallThrough(f.pbKiB()));
        cases.addAll(fallThrough(f.rawKiB()));
        cases.addAll(otherContent(f));
        assertSame(cases);
    }

    @Test
    void pinnedModeServesPinnedFilesFastAndLeavesTheRestToTheRoutes() throws Exception {
        Files f = files();
        pinned.addAll(List.of(f.pbKiB(), f.png(), f.directory()));
        start(GatewayMode.PINNED);
        List<Case> cases = new ArrayList<>(servedFast(List.of(f.pbKiB(), f.png())));
        for (Cid unpinned : List.of(f.rawKiB(), f.text(), f.emptyRaw())) {
            cases.add(routedCase("GET", "/ipfs/" + unpinned));
            cases.add(routedCase("HEAD", "/ipfs/" + unpinned));
            cases.add(routedCase("GET", "/ipfs/" + unpinned, "If-None-Match", "\"" + unpinned + "\""));
        }
        cases.addAll(fallThrough(f.pbKiB()));
        cases.addAll(otherContent(f));
        assertSame(cases);
    }

    @Test
    void privateModeHasNoFastRouteAndAnswersAsBefore() throws Exception {
        Files f = files();
        pinned.add(f.rawKiB());
        start(GatewayMode.PRIVATE);
        String p = "/ipfs/" + f.rawKiB();
        assertSame(List.of(
                routedCase("GET", p),
                routedCase("HEAD", p),
                routedCase("GET", p, "Authorization", "Bearer alice-gw"),
                routedCase("GET", p, "Authorization", "Bearer nope"),
                routedCase("GET", p + "?token=alice-gw"),
                routedCase("GET", "/ipfs/" + f.pbKiB(), "Authorization", "Bearer alice-gw")));
    }

    @Test
    void theFastRouteServesTheBaseOfTheCidAsGivenAndItsCanonicalRoots() throws Exception {
        Files f = files();
        start(GatewayMode.PUBLIC);
        assertSame(otherBases(f.rawKiB()));
    }

    @Test
    void whenEveryPermitIsTakenTheFastRouteLeavesTheRefusalToTheRoutes() throws Exception {
        Files f = files();
        Cid big = add(random(24 << 20, 6), ImportOptions.kubo());
        start(GatewayMode.PUBLIC, new GatewayLimitsConfig(1, Duration.ofHours(1), 16, 0));
        holdThePermit(fast, "/ipfs/" + big);
        holdThePermit(routed, "/ipfs/" + big);
        Case refused = routedCase("GET", "/ipfs/" + f.rawKiB());
        assertSame(List.of(refused, routedCase("HEAD", "/ipfs/" + f.pbKiB())));
        assertThat(send(fast, refused).status()).isEqualTo(429);
    }

    @Test
    void fastAnswersWriteTheAccessLogLineOfRoutedOnes() throws Exception {
        Files f = files();
        start(GatewayMode.PUBLIC);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Case c = fastCase("GET", "/ipfs/" + f.rawKiB(), "X-Request-Id", "client-id-1");
            assertSame(List.of(c));
            for (AutoCloseable server : List.of(fast, routed)) {
                server.close(); // flushes the access log
            }
        } finally {
            System.setErr(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains(" INFO dev.cairn.http.access - "))
                .map(l -> l.substring(l.indexOf(" - ") + 3).replaceAll(" \\d+\\.\\dms ", " <ms> "))
                .toList();
        assertThat(lines).containsExactly(
                "gateway GET /ipfs/" + f.rawKiB() + " 200 127.0.0.1 <ms> id=client-id-1 account=-",
                "gateway GET /ipfs/" + f.rawKiB() + " 200 127.0.0.1 <ms> id=client-id-1 account=-");
    }

    /** A client that asks for {@code path}, reads the response head, then stops reading: its request keeps its permit. */
    private void holdThePermit(HttpServerHandle server, String path) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()));
        open.add(s);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("response head of " + path).isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
    }

    /** Sends every case to both gateways; compares them, and checks who answered. */
    private void assertSame(List<Case> cases) throws Exception {
        for (Case c : cases) {
            int before = fastAnswers.get();
            Seen viaFast = send(fast, c);
            boolean answeredFast = fastAnswers.get() > before;
            Seen viaRoutes = send(routed, c);
            assertThat(viaFast).as(c.toString()).isEqualTo(viaRoutes);
            assertThat(answeredFast).as("answered by the fast route: " + c).isEqualTo(c.expectFast());
        }
    }

    /** What a client sees of a response, but its Date (and a server-made request id, random by design). */
    record Seen(int status, Map<String, List<String>> headers, String bodyHex) {
    }

    private Seen send(HttpServerHandle server, Case c) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(c.path()))
                .method(c.method(), HttpRequest.BodyPublishers.noBody());
        if (c.headers().length > 0) {
            b.headers(c.headers());
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> headers = new TreeMap<>();
        r.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        headers.remove("date");
        String id = r.headers().firstValue("X-Request-Id").orElseThrow();
        if (Arrays.asList(c.headers()).contains("X-Request-Id")) {
            assertThat(id).isEqualTo("client-id-1");
        } else {
            assertThat(id).matches("[0-9a-f]{16}");
            headers.remove("x-request-id");
        }
        return new Seen(r.statusCode(), headers, java.util.HexFormat.of().formatHex(r.body()));
    }
}
