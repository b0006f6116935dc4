package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.account.Principal;
import dev.cairn.cid.Cid;
import dev.cairn.config.GatewayMode;
import dev.cairn.config.ListenAddress;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The subdomain gateway over real HTTP, the Host header sent explicitly: a subdomain origin
 * answers what the path gateway answers for the same content path, path requests on the gateway
 * host are redirected to it, and every other host keeps the path gateway.
 */
class SubdomainGatewayTest {
    final FixtureContent content = new FixtureContent();
    final Map<Cid, byte[]> blocks = content.blocks;
    final Set<Cid> pinned = ConcurrentHashMap.newKeySet();
    final UnixfsReader reader = content.reader;
    final HttpClient http = HttpClient.newHttpClient();
    HttpServerHandle server;


    /** Pinned mode: readable when the root is in {@link #pinned}; no tokens. */
    final class Pins implements ReadAccess {
        @Override
        public boolean readableByAnyone(Cid cid) {
            return pinned.contains(cid);
        }

        @Override
        public boolean readableBy(long accountId, Cid cid) {
            return false;
        }

        @Override
        public Optional<Principal> authenticate(String secret) {
            return Optional.empty();
        }
    }

    void start(GatewayMode mode) {
        server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                secret -> Optional.empty(), List.of(new GatewaySurface(content, mode,
                        mode == GatewayMode.PUBLIC ? null : new Pins(),
                        SubdomainHosts.of(List.of("localhost", "example.com")))));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    Cid load(String fixture) throws IOException {
        return content.load(fixture);
    }

    Cid at(Cid root, String path) {
        return reader.resolve(root, path).cid();
    }

    /** A request to the listener with the given {@code Host} (null: the listener's own address). */
    HttpResponse<byte[]> send(String method, String host, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (host != null) {
            b.header("Host", host);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String host, String path, String... headers) throws IOException, InterruptedException {
        return send("GET", host, path, headers);
    }

    String sub(Cid cid) {
        return cid.toV1() + ".ipfs.localhost:" + server.port();
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aSubdomainOriginAnswersWhatThePathGatewayAnswersForTheSameContentPath() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        List<String[]> cases = List.of(
                new String[] {"/ascii.txt"},
                new String[] {"/ascii.txt", "Range", "bytes=6-16"},
                new String[] {"/ascii.txt?format=raw"},
                new String[] {"/ascii.txt?format=car"},
                new String[] {"/?format=tar"},
                new String[] {"/ascii.txt", "Accept", "application/vnd.ipld.raw"},
                new String[] {"/ascii.txt?filename=a.txt&download=true"},
                new String[] {"/ascii.txt", "If-None-Match", "\"" + at(root, "ascii.txt") + "\""},
                new String[] {"/missing.txt"});
        for (String[] c : cases) {
            String[] headers = java.util.Arrays.copyOfRange(c, 1, c.length);
            HttpResponse<byte[]> viaPath = get(null, "/ipfs/" + root + c[0], headers);
            HttpResponse<byte[]> viaSubdomain = get(sub(root), c[0], headers);
            assertThat(viaSubdomain.statusCode()).as(c[0]).isEqualTo(viaPath.statusCode());
            assertThat(viaSubdomain.body()).as(c[0]).isEqualTo(viaPath.body());
            for (String name : List.of("Content-Type", "Content-Range", "Content-Length", "Etag", "Cache-Control",
                    "X-Ipfs-Roots", "Content-Disposition", "Accept-Ranges", "X-Content-Type-Options")) {
                assertThat(header(viaSubdomain, name)).as(c[0] + " " + name).isEqualTo(header(viaPath, name));
            }
        }
        HttpResponse<byte[]> file = get(sub(root), "/ascii.txt");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(header(file, "X-Ipfs-Path")).isEqualTo("/ipfs/" + root + "/ascii.txt");
        HttpResponse<byte[]> head = send("HEAD", sub(root), "/ascii.txt");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Etag")).isEqualTo(header(file, "Etag"));
    }

    @Test
    void directoryRedirectsAndListingLinksStayOnTheSubdomainOrigin() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid root = load("dir_listing/fixtures.car");
        HttpResponse<byte[]> noSlash = get(sub(root), "/%C4%85/%C4%99?x=1");
        assertThat(noSlash.statusCode()).isEqualTo(301);
        assertThat(header(noSlash, "Location")).isEqualTo("/%C4%85/%C4%99/?x=1");

        HttpResponse<byte[]> listing = get(sub(root), "/%C4%85/%C4%99/");
        assertThat(listing.statusCode()).isEqualTo(200);
        String host = "localhost:" + server.port();
        Cid file = at(root, "ą/ę/file-źł.txt");
        assertThat(text(listing))
                .contains("<a href=\"/%C4%85/%C4%99/..\">..</a>")
                .contains("<a href=\"/%C4%85/%C4%99/file-%C5%BA%C5%82.txt\">file-źł.txt</a>")
                .contains("/ipfs/<a href=\"//" + host + "/ipfs/" + root + "\">" + root + "</a>/<a href=\"//" + host
                        + "/ipfs/" + root + "/%C4%85\">ą</a>")
                .contains("href=\"//" + host + "/ipfs/" + file + "?filename=file-%25C5%25BA%25C5%2582.txt\"");
        assertThat(text(get(sub(root), "/"))).contains("Index of").doesNotContain("..</a>");
    }

    @Test
    void aPathRequestOnTheGatewayHostIsRedirectedToItsSubdomainKeepingPathAndQuery() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        String host = "localhost:" + server.port();
        HttpResponse<byte[]> r = get(host, "/ipfs/" + root + "/ascii.txt?filename=x%20y.txt&download=true");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(header(r, "Location")).isEqualTo("http://" + root.toV1() + ".ipfs." + host
                + "/ascii.txt?filename=x%20y.txt&download=true");
        assertThat(header(get(host, "/ipfs/" + root), "Location")).isEqualTo("http://" + root.toV1() + ".ipfs." + host + "/");
        assertThat(header(send("HEAD", "EXAMPLE.com", "/ipfs/" + root + "/"), "Location"))
                .isEqualTo("http://" + root.toV1() + ".ipfs.example.com/");
    }

    @Test
    void aCidv0LabelOrPathIsSentToTheCidv1Base32Label() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid root = load("subdomain_gateway/fixtures.car");
        Cid v0 = at(root, "hello-CIDv0");
        assertThat(v0.version()).isZero();
        String v1 = "bafybeiffndsajwhk3lwjewwdxqntmjm4b5wxaaanokonsggenkbw6slwk4"; // hello-CIDv0to1, by Kubo
        HttpResponse<byte[]> path = get("localhost", "/ipfs/" + v0 + "/");
        assertThat(header(path, "Location")).isEqualTo("http://" + v1 + ".ipfs.localhost/");
        HttpResponse<byte[]> label = get(v0 + ".ipfs.localhost", "/a/b?c=d");
        assertThat(label.statusCode()).isEqualTo(301);
        assertThat(header(label, "Location")).isEqualTo("http://" + v1 + ".ipfs.localhost/a/b?c=d");
        // base16 names the same CID: sent to base32 too
        String base16 = "f" + java.util.HexFormat.of().formatHex(Cid.parse(v1).bytes());
        assertThat(header(get(base16 + ".ipfs.localhost", "/"), "Location")).isEqualTo("http://" + v1 + ".ipfs.localhost/");
        assertThat(text(get(v1 + ".ipfs.localhost", "/"))).isEqualTo("hello\n");
    }

    @Test
    void aCidTooLongForBase32IsServedUnderItsBase36Label() throws Exception {
        start(GatewayMode.PUBLIC);
        String base32 = "bafkqai3imvwgy3zamzzg63jameqdgnjnmj4xizjanfsgk3tunf2hsicdjfcccii"; // identity, 64 chars
        String base36 = "knjzobtcb65trtn85iyp30s6f5dfpp6gee5urs74rcf8hu6kpuf0wylbvsip";
        assertThat(header(get("localhost", "/ipfs/" + base32), "Location")).isEqualTo("http://" + base36 + ".ipfs.localhost/");
        HttpResponse<byte[]> served = get(base36 + ".ipfs.localhost", "/");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(text(served)).isEqualTo("hello from a 35-byte identity CID!!");
    }

    @Test
    void aCidTooLongForAnyDnsLabelIsA400WithAClearMessage() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid root = load("subdomain_gateway/fixtures.car");
        Cid tooLong = at(root, "hello-CIDv1_TOO_LONG");
        for (HttpResponse<byte[]> r : List.of(get("localhost", "/ipfs/" + tooLong), get(tooLong + ".ipfs.localhost", "/"))) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(text(r)).contains("CID incompatible with DNS label length limit of 63");
        }
        // the path gateway on another host still serves it
        assertThat(text(get(null, "/ipfs/" + tooLong))).isEqualTo("hello\n");
    }

    @Test
    void trustlessRequestsOnTheGatewayHostAreAnsweredInPlace() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        HttpResponse<byte[]> raw = get("localhost", "/ipfs/" + root + "?format=raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(blocks.get(root));
        HttpResponse<byte[]> car = get("localhost", "/ipfs/" + root, "Accept", "application/vnd.ipld.car");
        assertThat(car.statusCode()).isEqualTo(200);
        assertThat(header(car, "Content-Type")).startsWith("application/vnd.ipld.car");
    }

    @Test
    void otherHostsKeepThePathGateway() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        for (String host : new String[] {null, "example.org", "gateway.internal:8080", "x.ipfs.example.org"}) {
            HttpResponse<byte[]> r = get(host, "/ipfs/" + root + "/ascii.txt");
            assertThat(r.statusCode()).as(host).isEqualTo(200);
            assertThat(header(r, "Location")).isNull();
            assertThat(get(host, "/ascii.txt").statusCode()).as(host).isEqualTo(404);
        }
        assertThat(text(get("example.org", "/"))).contains("no such endpoint");
    }

    @Test
    void forwardedHostAndProtoFromAReverseProxyShapeTheRedirect() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        HttpResponse<byte[]> r = get("fake.domain.com", "/ipfs/" + root, "X-Forwarded-Host", "example.com",
                "X-Forwarded-Proto", "https");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(header(r, "Location")).isEqualTo("https://" + root.toV1() + ".ipfs.example.com/");
        assertThat(get("fake.domain.com", "/ipfs/" + root + "/").statusCode()).isEqualTo(200);
        // a chain of proxies: the first value is the host the client asked for
        assertThat(header(get("fake.domain.com", "/ipfs/" + root, "X-Forwarded-Host", "example.com, proxy.internal"),
                "Location")).isEqualTo("http://" + root.toV1() + ".ipfs.example.com/");
    }

    @Test
    void ipnsNamesAnswer501SayingTheyAreNotResolvedYetOnPathAndSubdomain() throws Exception {
        start(GatewayMode.PUBLIC);
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        String name = "k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8";
        List<HttpResponse<byte[]>> answers = new ArrayList<>();
        answers.add(get(null, "/ipns/" + name + "/a.txt"));
        answers.add(get("localhost", "/ipns/" + name));
        answers.add(get(name + ".ipns.localhost", "/"));
        answers.add(send("HEAD", name + ".ipns.localhost", "/a/b"));
        for (HttpResponse<byte[]> r : answers) {
            assertThat(r.statusCode()).isEqualTo(501);
        }
        assertThat(text(answers.get(2))).contains("/ipns/ names").contains("not resolved by this gateway yet");
        // on an /ipfs/ subdomain origin, /ipns/... is just a path inside the content root
        assertThat(get(sub(root), "/ipns/" + name).statusCode()).isEqualTo(404);
    }

    @Test
    void theGatewayModeAppliesToSubdomainRequestsAsToPaths() throws Exception {
        start(GatewayMode.PINNED);
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        HttpResponse<byte[]> denied = get(sub(root), "/ascii.txt");
        assertThat(denied.statusCode()).isEqualTo(404);
        assertThat(denied.body()).isEqualTo(get(null, "/ipfs/" + root + "/ascii.txt").body());
        pinned.add(root);
        assertThat(get(sub(root), "/ascii.txt").statusCode()).isEqualTo(200);
    }
}
