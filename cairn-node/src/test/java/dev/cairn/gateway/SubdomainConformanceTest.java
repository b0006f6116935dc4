package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.config.ListenAddress;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replay of gateway-conformance v0.13.2 {@code subdomain_gateway_ipfs_test.go}
 * (TestGatewaySubdomains, TestUnixFSDirectoryListingOnSubdomainGateway) with its fixtures and the
 * values it expects, over real HTTP with the {@code Host} header, for both subdomain hosts the suite
 * is provisioned with ({@code localhost} with a port, {@code example.com} without).
 *
 * <p>Skipped, with the reason:
 * <ul>
 *   <li>{@code subdomain_gateway_ipns_test.go} (SubdomainAndIPNS, DNSLinkInlining) and the DNSLink
 *       gateway tests: IPNS and DNSLink are not resolved yet; {@code /ipns/} answers 501.</li>
 *   <li>{@code subdomain_gateway_proxy_test.go} and the proxy variants of every case (the suite's
 *       {@code UnwrapSubdomainTests} also sends each request through the gateway as an HTTP proxy
 *       and a CONNECT tunnel): the proxy-gateway spec is not implemented.</li>
 *   <li>{@code redirects_file_test.go}: {@code _redirects} is not implemented.</li>
 * </ul>
 * One leaf is compared loosely: the directory redirect's {@code Location} is expected as
 * {@code /%c4%85/%c4%99/} (Go's lower-case hex); Cairn writes {@code /%C4%85/%C4%99/}, the same URI
 * (RFC 3986 section 6.2.2.1), so the comparison ignores case.
 */
class SubdomainConformanceTest {
    static final String WIKIPEDIA = "QmXoypizjW3WknFiJnKLwHCnL72vedxjQkDDP1mXWo6uco";

    final FixtureContent content = new FixtureContent();
    final Map<Cid, byte[]> blocks = content.blocks;
    final UnixfsReader reader = content.reader;
    final HttpClient http = HttpClient.newHttpClient();
    HttpServerHandle server;

    Cid cidV1;
    Cid cidV0;
    Cid cidV0to1;
    Cid tooLong;
    Cid dir;
    Cid percentDir;
    Cid listingRoot;


    @BeforeEach
    void start() throws IOException {
        server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                secret -> Optional.empty(), List.of(new GatewaySurface(content,
                        dev.cairn.config.GatewayMode.PUBLIC, null, SubdomainHosts.of(List.of("example.com", "localhost")))));
        Cid fixtures = load("subdomain_gateway/fixtures.car");
        cidV1 = reader.resolve(fixtures, "hello-CIDv1").cid();
        cidV0 = reader.resolve(fixtures, "hello-CIDv0").cid();
        cidV0to1 = reader.resolve(fixtures, "hello-CIDv0to1").cid();
        tooLong = reader.resolve(fixtures, "hello-CIDv1_TOO_LONG").cid();
        dir = reader.resolve(fixtures, "testdirlisting").cid();
        percentDir = load("path_gateway_unixfs/dir-with-percent-encoded-filename.car");
        listingRoot = load("dir_listing/fixtures.car");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Cid load(String fixture) throws IOException {
        return content.load(fixture);
    }

    HttpResponse<String> get(String host, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path)).header("Host", host).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The suite's {@code --subdomain-url} host: {@code localhost} gets the listener's port, as in its CI. */
    String host(String name) {
        return name.equals("localhost") ? name + ":" + server.port() : name;
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com"})
    void pathRequestsOnTheGatewayHostRedirectToSubdomains(String name) throws Exception {
        String host = host(name);
        HttpResponse<String> v1 = get(host, "/ipfs/" + cidV1 + "/");
        assertThat(v1.statusCode()).isEqualTo(301);
        assertThat(location(v1)).isEqualTo("http://" + cidV1 + ".ipfs." + host + "/");

        HttpResponse<String> percent = get(host, "/ipfs/" + percentDir
                + "/Portugal%252C+Espa%C3%B1a=Peninsula%20Ib%C3%A9rica.txt");
        assertThat(percent.statusCode()).isEqualTo(301);
        assertThat(location(percent)).isEqualTo("http://" + percentDir + ".ipfs." + host
                + "/Portugal%252C+Espa%C3%B1a=Peninsula%20Ib%C3%A9rica.txt");

        HttpResponse<String> dirRedirect = get(host, "/ipfs/" + dir + "/");
        assertThat(dirRedirect.statusCode()).isEqualTo(301);
        assertThat(location(dirRedirect)).contains("http://" + dir + ".ipfs." + host + "/");

        HttpResponse<String> v0 = get(host, "/ipfs/" + cidV0 + "/");
        assertThat(v0.statusCode()).isEqualTo(301);
        assertThat(location(v0)).isEqualTo("http://" + cidV0to1 + ".ipfs." + host + "/");

        HttpResponse<String> https = get(host, "/ipfs/" + cidV1 + "/", "X-Forwarded-Proto", "https");
        assertThat(https.statusCode()).isEqualTo(301);
        assertThat(location(https)).isEqualTo("https://" + cidV1 + ".ipfs." + host + "/");

        assertThat(get(host, "/ipfs/QmInvalidCID").body()).contains("invalid path \"/ipfs/QmInvalidCID\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com"})
    void subdomainsServeTheirContentRootAndNoIpfsNamespace(String name) throws Exception {
        String host = host(name);
        HttpResponse<String> hello = get(cidV1 + ".ipfs." + host, "/");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).contains("hello");

        assertThat(get(cidV1 + ".ipfs." + host, "/ipfs/" + cidV1).statusCode()).isEqualTo(404);

        HttpResponse<String> file = get(dir + ".ipfs." + host, "/ipfs/file.txt");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).contains("I am a txt file");

        HttpResponse<String> deep = get(dir + ".ipfs." + host, "/ipfs/ipns/bar");
        assertThat(deep.statusCode()).isEqualTo(200);
        assertThat(deep.body()).contains("text-file-content");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com"})
    void directoryListingsOnSubdomainsLinkWithinTheOriginAndBreadcrumbsToThePathGateway(String name) throws Exception {
        String host = host(name);
        HttpResponse<String> root = get(dir + ".ipfs." + host, "/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).contains("<a href=\"/hello\">hello</a>").contains("<a href=\"/ipfs\">ipfs</a>");

        HttpResponse<String> sub = get(dir + ".ipfs." + host, "/ipfs/ipns/");
        assertThat(sub.statusCode()).isEqualTo(200);
        assertThat(sub.body())
                .contains("<a href=\"/ipfs/ipns/..\">..</a>")
                .contains("<a href=\"/ipfs/ipns/bar\">bar</a>")
                .contains("Index of")
                .contains("/ipfs/<a href=\"//" + host + "/ipfs/" + dir + "\">" + dir + "</a>/<a href=\"//" + host
                        + "/ipfs/" + dir + "/ipfs\">ipfs</a>/<a href=\"//" + host + "/ipfs/" + dir + "/ipfs/ipns\">ipns</a>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com"})
    void theListingFixtureOnASubdomain(String name) throws Exception {
        String host = host(name);
        String origin = listingRoot + ".ipfs." + host;
        HttpResponse<String> root = get(origin, "/");
        assertThat(root.body()).contains("Index of").doesNotContain("<a href=\"/\">..</a>");

        HttpResponse<String> redirect = get(origin, "/%C4%85/%C4%99");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(location(redirect)).isEqualToIgnoringCase("/%c4%85/%c4%99/");

        Cid file = reader.resolve(listingRoot, "ą/ę/file-źł.txt").cid();
        HttpResponse<String> listing = get(origin, "/%C4%85/%C4%99/");
        assertThat(listing.headers().firstValue("Etag")).hasValueSatisfying(e -> assertThat(e).contains("\"DirIndex-"));
        assertThat(listing.body())
                .contains("Index of")
                .contains("<a href=\"/%C4%85/%C4%99/..\">..</a>")
                .contains("/ipfs/<a href=\"//" + host + "/ipfs/" + listingRoot + "\">" + listingRoot + "</a>/<a href=\"//"
                        + host + "/ipfs/" + listingRoot + "/%C4%85\">ą</a>/<a href=\"//" + host + "/ipfs/" + listingRoot
                        + "/%C4%85/%C4%99\">ę</a>")
                .contains("<a href=\"/%C4%85/%C4%99/file-%C5%BA%C5%82.txt\">file-źł.txt</a>")
                .contains("<a class=\"ipfs-hash\" translate=\"no\" href=\"//" + host + "/ipfs/" + file
                        + "?filename=file-%25C5%25BA%25C5%2582.txt\">");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com"})
    void theUriRouterAndTheDnsLabelLimit(String name) throws Exception {
        String host = host(name);
        String uri = URLEncoder.encode("ipfs://" + WIKIPEDIA + "/wiki/Diego_Maradona.html", StandardCharsets.UTF_8);
        HttpResponse<String> routed = get(host, "/ipfs/?uri=" + uri);
        assertThat(routed.statusCode()).isEqualTo(301);
        assertThat(location(routed)).isEqualTo("/ipfs/" + WIKIPEDIA + "/wiki/Diego_Maradona.html");

        for (HttpResponse<String> r : List.of(get(host, "/ipfs/" + tooLong), get(tooLong + ".ipfs." + host, "/"))) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("CID incompatible with DNS label length limit of 63");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com"})
    void forwardedHostSelectsTheSubdomainGatewayAndForwardedProtoItsScheme(String name) throws Exception {
        String host = host(name);
        assertThat(get("fake.domain.com", "/ipfs/" + cidV1).statusCode()).isEqualTo(200);

        HttpResponse<String> forwarded = get("fake.domain.com", "/ipfs/" + cidV1, "X-Forwarded-Host", host);
        assertThat(forwarded.statusCode()).isEqualTo(301);
        assertThat(location(forwarded)).isEqualTo("http://" + cidV1 + ".ipfs." + host + "/");

        HttpResponse<String> https = get("fake.domain.com", "/ipfs/" + cidV1, "X-Forwarded-Host", host,
                "X-Forwarded-Proto", "https");
        assertThat(https.statusCode()).isEqualTo(301);
        assertThat(location(https)).isEqualTo("https://" + cidV1 + ".ipfs." + host + "/");
    }
}
