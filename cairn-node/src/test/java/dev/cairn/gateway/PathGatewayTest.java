package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.car.CarReader;
import dev.cairn.cid.Cid;
import dev.cairn.config.ListenAddress;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.unixfs.reader.DirEntry;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The path gateway over the Kubo conformance fixtures, over real HTTP: the cases of
 * gateway-conformance's path_gateway_unixfs_test.go (dir listing, cache, symlink, ranges,
 * miscellaneous) with the values it expects.
 */
class PathGatewayTest {
    final FixtureContent content = new FixtureContent();
    final Map<Cid, byte[]> blocks = content.blocks;
    final UnixfsReader reader = content.reader;
    final HttpClient http = HttpClient.newHttpClient();
    HttpServerHandle server;


    @BeforeEach
    void start() {
        server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                secret -> Optional.empty(), List.of(new GatewaySurface(content)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Loads a fixture CAR's blocks and returns its root. */
    Cid load(String fixture) throws IOException {
        return content.load(fixture);
    }

    Cid at(Cid root, String path) {
        return reader.resolve(root, path).cid();
    }

    byte[] bytesOf(Cid file) throws IOException {
        try (InputStream in = reader.open(file)) {
            return in.readAllBytes();
        }
    }

    HttpResponse<byte[]> send(String method, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, headers);
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aFileIsServedWithItsTypeAndImmutableHeaders() throws Exception {
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        Cid file = at(root, "ascii.txt");
        HttpResponse<byte[]> r = get("/ipfs/" + root + "/ascii.txt");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(bytesOf(file)).hasSize(31);
        assertThat(header(r, "Content-Type")).startsWith("text/plain");
        assertThat(header(r, "Etag")).isEqualTo("\"" + file + "\"");
        assertThat(header(r, "Cache-Control")).isEqualTo("public, max-age=29030400, immutable");
        assertThat(header(r, "X-Ipfs-Path")).isEqualTo("/ipfs/" + root + "/ascii.txt");
        assertThat(header(r, "X-Ipfs-Roots")).isEqualTo(root + "," + file);
        assertThat(header(r, "Content-Disposition")).isNull();
    }

    @Test
    void aSingleRangeIsAnsweredWith206AndItsContentRange() throws Exception {
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        byte[] all = bytesOf(at(root, "ascii.txt"));
        HttpResponse<byte[]> r = get("/ipfs/" + root + "/ascii.txt", "Range", "bytes=6-16");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(header(r, "Content-Range")).isEqualTo("bytes 6-16/31");
        assertThat(header(r, "Content-Type")).startsWith("text/plain");
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(all, 6, 17));

        HttpResponse<byte[]> tail = get("/ipfs/" + root + "/ascii.txt", "Range", "bytes=-3");
        assertThat(header(tail, "Content-Range")).isEqualTo("bytes 28-30/31");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(all, 28, 31));

        HttpResponse<byte[]> several = get("/ipfs/" + root + "/ascii.txt", "Range", "bytes=6-16,0-4");
        assertThat(several.statusCode()).isEqualTo(206);
        assertThat(header(several, "Content-Range")).isEqualTo("bytes 6-16/31");
        assertThat(several.body()).isEqualTo(Arrays.copyOfRange(all, 6, 17));

        HttpResponse<byte[]> past = get("/ipfs/" + root + "/ascii.txt", "Range", "bytes=31-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(header(past, "Content-Range")).isEqualTo("bytes */31");
    }

    @Test
    void aRangeNeedsOnlyTheBlocksItCovers() throws Exception {
        Cid root = load("trustless_gateway_car/file-3k-and-3-blocks-missing-block.car");
        for (String[] c : new String[][] {{"bytes=997-1000", "bytes 997-1000/3072"}, {"bytes=2200-2201", "bytes 2200-2201/3072"}}) {
            HttpResponse<byte[]> r = get("/ipfs/" + root, "Range", c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(206);
            assertThat(header(r, "Content-Range")).isEqualTo(c[1]);
            assertThat(header(r, "Content-Type")).startsWith("text/plain");
        }
    }

    @Test
    void headSendsTheHeadersWithoutABody() throws Exception {
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        HttpResponse<byte[]> r = send("HEAD", "/ipfs/" + root + "/ascii.txt");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(header(r, "Content-Length")).isEqualTo("31");
        assertThat(header(r, "Etag")).isEqualTo("\"" + at(root, "ascii.txt") + "\"");
    }

    @Test
    void aDirectoryWithoutTrailingSlashRedirectsToItPercentEncoded() throws Exception {
        Cid root = load("dir_listing/fixtures.car");
        HttpResponse<byte[]> r = get("/ipfs/" + root + "/%C4%85/%C4%99");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(header(r, "Location")).isEqualTo("/ipfs/" + root + "/%C4%85/%C4%99/");
    }

    @Test
    void aDirectoryWithoutIndexGetsAGeneratedListing() throws Exception {
        Cid root = load("dir_listing/fixtures.car");
        Cid file = at(root, "ą/ę/file-źł.txt");
        HttpResponse<byte[]> r = get("/ipfs/" + root + "/%C4%85/%C4%99/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Content-Type")).startsWith("text/html");
        assertThat(header(r, "Etag")).contains("\"DirIndex-");
        assertThat(text(r)).contains("Index of",
                "/ipfs/<a href=\"/ipfs/" + root + "\">" + root + "</a>/<a href=\"/ipfs/" + root
                        + "/%C4%85\">ą</a>/<a href=\"/ipfs/" + root + "/%C4%85/%C4%99\">ę</a>",
                "<a href=\"/ipfs/" + root + "/%C4%85/%C4%99/..\">..</a>",
                "<a href=\"/ipfs/" + root + "/%C4%85/%C4%99/file-%C5%BA%C5%82.txt\">file-źł.txt</a>",
                "<a class=\"ipfs-hash\" translate=\"no\" href=\"/ipfs/" + file
                        + "?filename=file-%25C5%25BA%25C5%2582.txt\">");

        HttpResponse<byte[]> top = get("/ipfs/" + root + "/");
        assertThat(text(top)).contains("Index of").doesNotContain("<a href=\"/ipfs/" + root + "/\">..</a>");
    }

    @Test
    void cachingHeadersFollowTheConformanceSuite() throws Exception {
        Cid root = load("gateway-cache/fixtures.car");
        Cid root2 = at(root, "root2");
        Cid root3 = at(root, "root2/root3");
        Cid root4 = at(root, "root2/root3/root4");
        Cid index = at(root, "root2/root3/root4/index.html");

        HttpResponse<byte[]> listing = get("/ipfs/" + root + "/root2/root3/");
        assertThat(listing.statusCode()).isEqualTo(200);
        assertThat(header(listing, "X-Ipfs-Path")).isEqualTo("/ipfs/" + root + "/root2/root3/");
        assertThat(header(listing, "X-Ipfs-Roots")).isEqualTo(root + "," + root2 + "," + root3);
        assertThat(header(listing, "Etag")).matches("\"DirIndex-.*_CID-" + root3 + "\"");
        assertThat(header(listing, "Cache-Control")).isEqualTo("public, max-age=604800, stale-while-revalidate=2678400");

        HttpResponse<byte[]> withIndex = get("/ipfs/" + root + "/root2/root3/root4/");
        assertThat(withIndex.statusCode()).isEqualTo(200);
        assertThat(withIndex.body()).isEqualTo(bytesOf(index));
        assertThat(header(withIndex, "Content-Type")).startsWith("text/html");
        assertThat(header(withIndex, "Cache-Control")).isEqualTo("public, max-age=29030400, immutable");
        assertThat(header(withIndex, "X-Ipfs-Roots")).isEqualTo(root + "," + root2 + "," + root3 + "," + root4);
        assertThat(header(withIndex, "Etag")).isEqualTo("\"" + root4 + "\"");

        HttpResponse<byte[]> file = get("/ipfs/" + root + "/root2/root3/root4/index.html");
        assertThat(header(file, "X-Ipfs-Roots")).isEqualTo(root + "," + root2 + "," + root3 + "," + root4 + "," + index);
        assertThat(header(file, "Etag")).isEqualTo("\"" + index + "\"");
    }

    @Test
    void aMatchingIfNoneMatchIs304InEveryForm() throws Exception {
        Cid root = load("gateway-cache/fixtures.car");
        Cid root3 = at(root, "root2/root3");
        Cid root4 = at(root, "root2/root3/root4");
        Cid index = at(root, "root2/root3/root4/index.html");
        String file = "/ipfs/" + root + "/root2/root3/root4/index.html";
        for (String inm : List.of("\"" + index + "\"", "\"fakeEtag1\", \"fakeEtag2\", \"" + index + "\"",
                "W/\"" + index + "\"", "*")) {
            HttpResponse<byte[]> r = get(file, "If-None-Match", inm);
            assertThat(r.statusCode()).as(inm).isEqualTo(304);
            assertThat(r.body()).isEmpty();
        }
        assertThat(get(file, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        assertThat(get("/ipfs/" + root + "/root2/root3/root4/", "If-None-Match", "\"" + root4 + "\"").statusCode())
                .isEqualTo(304);
        String listing = "/ipfs/" + root + "/root2/root3/";
        assertThat(get(listing, "If-None-Match", "W/\"" + root3 + "\"").statusCode()).isEqualTo(304);
        String etag = header(get(listing), "Etag");
        assertThat(get(listing, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get(listing, "If-None-Match", "W/" + etag).statusCode()).isEqualTo(304);
    }

    @Test
    void onlyIfCachedIs412WhenTheRootIsNotLocal() throws Exception {
        Cid root = load("gateway-cache/fixtures.car");
        for (String method : List.of("GET", "HEAD")) {
            assertThat(send(method, "/ipfs/QmYzfKSE55XCjD1MW128RfciAf2DViABhEiXfgVFMabSjN",
                    "Cache-Control", "only-if-cached").statusCode()).as(method).isEqualTo(412);
            assertThat(send(method, "/ipfs/" + root + "/root2/root3/root4/index.html",
                    "Cache-Control", "only-if-cached").statusCode()).as(method).isEqualTo(200);
        }
    }

    @Test
    void aMissingRootOrPathSegmentIs404NamingIt() throws Exception {
        Cid root = load("dir_listing/fixtures.car");
        HttpResponse<byte[]> r = get("/ipfs/" + root + "/i-do-not-exist");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(text(r)).contains("i-do-not-exist");
        HttpResponse<byte[]> missing = get("/ipfs/QmYzfKSE55XCjD1MW128RfciAf2DViABhEiXfgVFMabSjN/x");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(text(missing)).contains("QmYzfKSE55XCjD1MW128RfciAf2DViABhEiXfgVFMabSjN");
        assertThat(get("/ipfs/not-a-cid/x").statusCode()).isEqualTo(400);
        assertThat(get("/ipfs/" + root + "/../..").statusCode()).isIn(400, 404);
    }

    @Test
    void aSymlinkIsServedAsItsTarget() throws Exception {
        Cid root = load("path_gateway_unixfs/symlink.car");
        HttpResponse<byte[]> listing = get("/ipfs/" + root + "/");
        assertThat(text(listing)).contains(">foo<", ">bar<");
        HttpResponse<byte[]> raw = get("/ipfs/" + root + "?format=raw");
        assertThat(raw.body()).isEqualTo(blocks.get(root));
        HttpResponse<byte[]> link = get("/ipfs/" + root + "/bar");
        assertThat(link.statusCode()).isEqualTo(200);
        assertThat(text(link)).isEqualTo("foo");
    }

    @Test
    void aFileNameWithPercentEscapesIsFoundByItsDecodedName() throws Exception {
        Cid root = load("path_gateway_unixfs/dir-with-percent-encoded-filename.car");
        HttpResponse<byte[]> r = get("/ipfs/" + root + "/Portugal%252C+Espa%C3%B1a=Peninsula%20Ib%C3%A9rica.txt");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(bytesOf(at(root, "Portugal%2C+España=Peninsula Ibérica.txt")));
    }

    @Test
    void filenameAndDownloadSetTheContentDisposition() throws Exception {
        Cid root = load("path_gateway_unixfs/dir-with-files.car");
        Cid file = at(root, "ascii.txt");
        HttpResponse<byte[]> inline = get("/ipfs/" + file + "?filename=notes.txt");
        assertThat(header(inline, "Content-Disposition")).isEqualTo("inline; filename=\"notes.txt\"");
        assertThat(header(inline, "Content-Type")).startsWith("text/plain");
        HttpResponse<byte[]> download = get("/ipfs/" + root + "/ascii.txt?download=true");
        assertThat(header(download, "Content-Disposition")).isEqualTo("attachment; filename=\"ascii.txt\"");
        HttpResponse<byte[]> unicode = get("/ipfs/" + file + "?download=true&filename=test%D1%82%D0%B5%D1%81%D1%82.ipns-record");
        assertThat(header(unicode, "Content-Disposition")).isEqualTo(
                "attachment; filename=\"test____.ipns-record\"; filename*=UTF-8''test%D1%82%D0%B5%D1%81%D1%82.ipns-record");
    }

    @Test
    void aHamtDirectoryIsListedAndItsEntriesServed() throws Exception {
        Cid root = load("trustless_gateway_car/single-layer-hamt-with-multi-block-files.car");
        List<DirEntry> entries = reader.list(root).toList();
        assertThat(entries).hasSizeGreaterThan(10);
        HttpResponse<byte[]> listing = get("/ipfs/" + root + "/");
        assertThat(listing.statusCode()).isEqualTo(200);
        for (DirEntry e : entries) {
            assertThat(text(listing)).contains(">" + DirectoryListing.escape(e.name()) + "<");
        }
        DirEntry some = entries.get(entries.size() / 2);
        HttpResponse<byte[]> r = get("/ipfs/" + root + "/" + ContentPath.encode(some.name()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(bytesOf(some.cid()));
        assertThat(header(r, "X-Ipfs-Roots")).isEqualTo(root + "," + some.cid());
    }

    @Test
    void trustlessFormatsOnAPathServeTheTerminalAndItsPath() throws Exception {
        Cid root = load("gateway-cache/fixtures.car");
        Cid index = at(root, "root2/root3/root4/index.html");
        HttpResponse<byte[]> raw = get("/ipfs/" + root + "/root2/root3/root4/index.html?format=raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(blocks.get(index));
        HttpResponse<byte[]> car = get("/ipfs/" + root + "/root2/root3/root4/index.html?format=car");
        assertThat(car.statusCode()).isEqualTo(200);
        List<Cid> cids = new java.util.ArrayList<>();
        try (CarReader reader = CarReader.open(new java.io.ByteArrayInputStream(car.body()))) {
            assertThat(reader.header().roots()).containsExactly(root);
            for (var s = reader.next(); s.isPresent(); s = reader.next()) {
                cids.add(s.get().cid());
            }
        }
        assertThat(cids).startsWith(this.reader.resolve(root, "root2/root3/root4/index.html").blocks().toArray(Cid[]::new))
                .contains(index);
    }

    @Test
    void aCodecFormatServesTheBlockAsStoredOnlyWhenTheCodecMatches() throws Exception {
        Cid json = load("path_gateway_dag/plain-json.car");
        assertThat(json.codec()).isEqualTo(0x0200L);
        HttpResponse<byte[]> r = get("/ipfs/" + json + "?format=json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(blocks.get(json));
        assertThat(header(r, "Content-Type")).isEqualTo("application/json");
        assertThat(header(r, "Etag")).isEqualTo("\"" + json + ".json\"");
        Cid pb = load("path_gateway_dag/dag-pb.car");
        assertThat(get("/ipfs/" + pb + "?format=dag-json").statusCode()).isEqualTo(406);
        assertThat(get("/ipfs/" + json + "?format=cbor").statusCode()).isEqualTo(406);
        assertThat(get("/ipfs/" + pb, "Accept", "application/vnd.ipld.dag-cbor").statusCode()).isEqualTo(406);
        // without a format, a non-UnixFS block is returned as it is stored, with its codec's type
        HttpResponse<byte[]> plain = get("/ipfs/" + json);
        assertThat(plain.body()).isEqualTo(blocks.get(json));
        assertThat(header(plain, "Content-Type")).isEqualTo("application/json");
    }

    @Test
    void ipnsPathsAnswerThatNamesAreNotResolvedYet() throws Exception {
        for (String path : List.of("/ipns/k51qzi5uqu5dlxdsdu5fpuu7h69wu4ohp32iwm9pdt9nq3y5rpn3ln9j12zfhe",
                "/ipns/en.wikipedia-on-ipfs.org/wiki/")) {
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(501);
            assertThat(text(r)).contains("not resolved");
        }
    }

    /** Extracts a tar answer with the system's tar (GNU tar: an independent reader) into {@code into}. */
    static void untar(byte[] archive, java.nio.file.Path into) throws Exception {
        java.nio.file.Path file = into.resolveSibling(into.getFileName() + ".tar");
        Files.write(file, archive);
        Files.createDirectories(into);
        Process p = new ProcessBuilder("tar", "-xf", file.toString(), "-C", into.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
    }

    @Test
    void formatTarIsAnArchiveTheSystemTarExtracts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Cid root = load("dir_listing/fixtures.car");
        HttpResponse<byte[]> r = get("/ipfs/" + root + "?format=tar");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Content-Type")).isEqualTo("application/x-tar");
        assertThat(header(r, "Etag")).isEqualTo("W/\"" + root + ".x-tar\"");
        assertThat(header(r, "Content-Disposition")).isEqualTo("attachment; filename=\"" + root + ".tar\"");
        untar(r.body(), tmp.resolve("all"));
        java.nio.file.Path file = tmp.resolve("all").resolve(root.toString()).resolve("ą/ę/file-źł.txt");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytesOf(at(root, "ą/ę/file-źł.txt")));

        Cid links = load("path_gateway_unixfs/symlink.car");
        untar(get("/ipfs/" + links + "?format=tar").body(), tmp.resolve("links"));
        assertThat(Files.readSymbolicLink(tmp.resolve("links").resolve(links.toString()).resolve("bar")).toString())
                .isEqualTo("foo");

        Cid files = load("path_gateway_unixfs/dir-with-files.car");
        HttpResponse<byte[]> one = get("/ipfs/" + files + "/ascii.txt", "Accept", "application/x-tar");
        untar(one.body(), tmp.resolve("one"));
        assertThat(Files.readAllBytes(tmp.resolve("one").resolve("ascii.txt"))).isEqualTo(bytesOf(at(files, "ascii.txt")));

        Cid json = load("path_gateway_dag/plain-json.car");
        assertThat(get("/ipfs/" + json + "?format=tar").statusCode()).isEqualTo(406);
    }
}
