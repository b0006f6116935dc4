package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.car.CarReader;
import dev.cairn.cid.Cid;
import dev.cairn.config.ListenAddress;
import dev.cairn.dag.Links;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays gateway-conformance's trustless_gateway_car_test.go over real HTTP: each case loads its
 * Kubo fixture CAR and checks the exact, ordered block list of the answer. The CIDs written out
 * literally come from the conformance suite (defined at the spec level); the others are read
 * from the fixture's own structure.
 */
class TrustlessCarTest {
    /** multiblock.txt of the fixtures: 4 x 256 + 2 bytes in raw leaves (from the conformance suite). */
    static final List<String> MULTIBLOCK = List.of(
            "bafkreie5noke3mb7hqxukzcy73nl23k6lxszxi5w3dtmuwz62wnvkpsscm",
            "bafkreih4ephajybraj6wnxsbwjwa77fukurtpl7oj7t7pfq545duhot7cq",
            "bafkreigu7buvm3cfunb35766dn7tmqyh2um62zcio63en2btvxuybgcpue",
            "bafkreicll3huefkc3qnrzeony7zcfo7cr3nbx64hnxrqzsixpceg332fhe",
            "bafkreifst3pqztuvj57lycamoi7z34b4emf7gawxs74nwrc2c7jncmpaqm");

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

    Cid load(String fixture) throws IOException {
        return content.load("trustless_gateway_car/" + fixture);
    }

    String at(Cid root, String path) {
        return reader.resolve(root, path).cid().toString();
    }

    /** Every block below {@code cid}, depth-first, in link order (what MustGetDescendantsCids lists). */
    List<String> descendants(Cid cid) {
        List<String> out = new ArrayList<>();
        for (Cid child : Links.of(cid, blocks.get(cid))) {
            out.add(child.toString());
            out.addAll(descendants(child));
        }
        return out;
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The CIDs of a CAR answer, in order; also checks what every CAR answer must carry. */
    static List<String> carBlocks(HttpResponse<byte[]> r) throws IOException {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).contains("application/vnd.ipld.car");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Accept-Ranges")).contains("none");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).matches("attachment; filename=\".*\\.car\"");
        assertThat(r.headers().firstValue("Etag").orElseThrow()).isNotEmpty();
        List<String> out = new ArrayList<>();
        try (CarReader car = CarReader.open(new ByteArrayInputStream(r.body()))) {
            for (var s = car.next(); s.isPresent(); s = car.next()) {
                assertThat(s.get().block().cid()).isEqualTo(s.get().cid());
                out.add(s.get().cid().toString());
            }
        }
        return out;
    }

    /** Both request forms the suite uses: {@code ?format=car} and the Accept header. */
    List<List<String>> both(String pathAndQuery) throws IOException, InterruptedException {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        List<String> viaQuery = carBlocks(get(pathAndQuery + sep + "format=car"));
        List<String> viaAccept = carBlocks(get(pathAndQuery, "Accept", "application/vnd.ipld.car"));
        return List.of(viaQuery, viaAccept);
    }

    static List<String> concat(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                l.forEach(x -> out.add(x.toString()));
            } else {
                out.add(p.toString());
            }
        }
        return out;
    }

    @Test
    void aPathThroughADirectoryCarriesThePathThenTheWholeTerminal() throws Exception {
        Cid root = load("subdir-with-two-single-block-files.car");
        for (List<String> got : both("/ipfs/" + root + "/subdir/ascii.txt")) {
            assertThat(got).containsExactly(root.toString(), at(root, "subdir"), at(root, "subdir/ascii.txt"));
        }
        assertThat(get("/ipfs/" + root + "/subdir/i-do-not-exist?format=car").statusCode()).isEqualTo(404);
    }

    @Test
    void aPathThroughAHamtCarriesOnlyTheShardsOnTheWay() throws Exception {
        Cid root = load("single-layer-hamt-with-multi-block-files.car");
        var resolution = reader.resolve(root, "685.txt");
        Cid file = resolution.cid();
        List<String> expected = concat(resolution.blocks().stream().filter(c -> !c.equals(file)).toList(), file,
                descendants(file));
        assertThat(expected.get(0)).isEqualTo(root.toString());
        assertThat(expected.size()).isLessThan(20); // not the whole HAMT
        for (List<String> got : both("/ipfs/" + root + "/685.txt")) {
            assertThat(got).containsExactlyElementsOf(expected);
        }
        for (List<String> got : both("/ipfs/" + root + "/1.txt?dag-scope=block")) {
            var one = reader.resolve(root, "1.txt");
            assertThat(got).containsExactlyElementsOf(concat(one.blocks().stream().filter(c -> !c.equals(one.cid())).toList(),
                    one.cid()));
        }
    }

    @Test
    void dagScopeBlockCarriesThePathAndTheTerminalBlockOnly() throws Exception {
        Cid root = load("subdir-with-two-single-block-files.car");
        for (List<String> got : both("/ipfs/" + root + "/subdir?dag-scope=block")) {
            assertThat(got).containsExactly(root.toString(), at(root, "subdir"));
        }
        for (List<String> got : both("/ipfs/" + root + "/subdir/ascii.txt?dag-scope=block")) {
            assertThat(got).containsExactly(root.toString(), at(root, "subdir"), at(root, "subdir/ascii.txt"));
        }
    }

    @Test
    void dagScopeEntityIsADirectoryWithoutChildrenOrAWholeFile() throws Exception {
        Cid root = load("subdir-with-two-single-block-files.car");
        for (List<String> got : both("/ipfs/" + root + "?dag-scope=entity")) {
            assertThat(got).containsExactly(root.toString());
        }
        Cid hamt = load("single-layer-hamt-with-multi-block-files.car");
        List<String> shards = reader.directoryBlocks(reader.node(hamt)).stream().map(Cid::toString).toList();
        assertThat(shards).hasSizeGreaterThan(1).startsWith(hamt.toString());
        for (List<String> got : both("/ipfs/" + hamt + "?dag-scope=entity")) {
            assertThat(got).containsExactlyElementsOf(shards);
        }
        Cid mixed = load("subdir-with-mixed-block-files.car");
        for (List<String> got : both("/ipfs/" + mixed + "/subdir/ascii.txt?dag-scope=entity")) {
            assertThat(got).containsExactly(mixed.toString(), at(mixed, "subdir"), at(mixed, "subdir/ascii.txt"));
        }
        Cid multiblock = Cid.parse(at(mixed, "subdir/multiblock.txt"));
        assertThat(descendants(multiblock)).containsExactlyElementsOf(MULTIBLOCK);
        for (List<String> got : both("/ipfs/" + mixed + "/subdir/multiblock.txt?dag-scope=entity")) {
            assertThat(got).containsExactlyElementsOf(concat(mixed, at(mixed, "subdir"), multiblock, MULTIBLOCK));
        }
    }

    @Test
    void dagScopeAllCarriesEverythingBelowTheTerminal() throws Exception {
        Cid mixed = load("subdir-with-mixed-block-files.car");
        Cid subdir = Cid.parse(at(mixed, "subdir"));
        for (List<String> got : both("/ipfs/" + mixed + "/subdir?dag-scope=all")) {
            assertThat(got).containsExactlyElementsOf(concat(mixed, subdir, descendants(subdir)));
        }
    }

    @Test
    void entityBytesCarriesTheFewestBlocksCoveringTheRange() throws Exception {
        Cid mixed = load("subdir-with-mixed-block-files.car");
        Cid file = Cid.parse(at(mixed, "subdir/multiblock.txt"));
        Map<String, List<String>> cases = Map.of(
                "0:*", concat(file, MULTIBLOCK),
                "512:*", concat(file, MULTIBLOCK.subList(2, 5)),
                "512:1023", concat(file, MULTIBLOCK.subList(2, 4)),
                "512:-256", concat(file, MULTIBLOCK.subList(2, 4)),
                "-5:*", concat(file, MULTIBLOCK.subList(3, 5)),
                "-9999:*", concat(file, MULTIBLOCK),
                "-9999:-3", concat(file, MULTIBLOCK.subList(0, 4)),
                "0:0", concat(file, MULTIBLOCK.get(0)));
        for (var c : cases.entrySet()) {
            for (List<String> got : both("/ipfs/" + file + "?dag-scope=entity&entity-bytes=" + c.getKey())) {
                assertThat(got).as(c.getKey()).containsExactlyElementsOf(c.getValue());
            }
        }
        for (List<String> got : both("/ipfs/" + mixed + "/subdir/multiblock.txt?dag-scope=entity&entity-bytes=0:*")) {
            assertThat(got).containsExactlyElementsOf(concat(mixed, at(mixed, "subdir"), file, MULTIBLOCK));
        }
        Cid hamt = load("single-layer-hamt-with-multi-block-files.car");
        List<String> shards = reader.directoryBlocks(reader.node(hamt)).stream().map(Cid::toString).toList();
        assertThat(carBlocks(get("/ipfs/" + hamt + "?format=car&dag-scope=entity&entity-bytes=0:*")))
                .containsExactlyElementsOf(shards);
        assertThat(get("/ipfs/" + file + "?format=car&entity-bytes=9:3").statusCode()).isEqualTo(400);
        assertThat(get("/ipfs/" + file + "?format=car&entity-bytes=x").statusCode()).isEqualTo(400);
    }

    @Test
    void entityBytesNeedsNoBlockOutsideTheRange() throws Exception {
        Cid root = load("file-3k-and-3-blocks-missing-block.car");
        assertThat(carBlocks(get("/ipfs/" + root + "?format=car&dag-scope=entity&entity-bytes=0:1000")))
                .containsExactlyInAnyOrder(root.toString(), "QmPKt7ptM2ZYSGPUc8PmPT2VBkLDK3iqpG9TBJY7PCE9rF");
        assertThat(carBlocks(get("/ipfs/" + root + "?format=car&dag-scope=entity&entity-bytes=2200:*")))
                .containsExactlyInAnyOrder(root.toString(), "QmWXY482zQdwecnfBsj78poUUuPXvyw2JAFAEMw4tzTavV");
    }

    @Test
    void dupsYRepeatsABlockWhereverTheWalkMeetsItAndDupsNSendsItOnce() throws Exception {
        Cid dir = load("dir-with-duplicate-files.car");
        assertThat(at(dir, "ascii.txt")).isEqualTo(at(dir, "ascii-copy.txt"));
        List<String> walk = new ArrayList<>(List.of(dir.toString()));
        reader.list(dir).forEach(e -> {
            walk.add(e.cid().toString());
            walk.addAll(descendants(e.cid()));
        });
        List<String> once = List.copyOf(new java.util.LinkedHashSet<>(walk));
        assertThat(walk).containsAll(MULTIBLOCK).hasSize(once.size() + 1);

        HttpResponse<byte[]> y = get("/ipfs/" + dir, "Accept", "application/vnd.ipld.car; version=1; order=dfs; dups=y");
        assertThat(y.headers().firstValue("Content-Type").orElseThrow()).contains("order=dfs", "dups=y");
        assertThat(carBlocks(y)).containsExactlyElementsOf(walk);
        HttpResponse<byte[]> n = get("/ipfs/" + dir, "Accept", "application/vnd.ipld.car; version=1; order=dfs; dups=n");
        assertThat(n.headers().firstValue("Content-Type").orElseThrow()).contains("order=dfs", "dups=n");
        assertThat(carBlocks(n)).containsExactlyElementsOf(once);
        // ?format=car keeps the Accept header's parameters; query car-dups beats them
        assertThat(carBlocks(get("/ipfs/" + dir + "?format=car", "Accept",
                "application/vnd.ipld.car; version=1; order=dfs; dups=y"))).containsExactlyElementsOf(walk);
        assertThat(carBlocks(get("/ipfs/" + dir + "?format=car&car-dups=n", "Accept",
                "application/vnd.ipld.car; version=1; order=dfs; dups=y"))).containsExactlyElementsOf(once);
        HttpResponse<byte[]> unk = get("/ipfs/" + dir, "Accept", "application/vnd.ipld.car; version=1; order=unk");
        assertThat(unk.headers().firstValue("Content-Type").orElseThrow()).contains("order=");
        assertThat(carBlocks(unk)).containsAll(walk);
    }

    @Test
    void anUnservableCarVariantIsPassedOverForAServableOne() throws Exception {
        Cid dir = load("dir-with-duplicate-files.car");
        HttpResponse<byte[]> r = get("/ipfs/" + dir, "Accept",
                "application/vnd.ipld.car;order=foo, application/vnd.ipld.car;order=dfs;dups=y;q=0.5");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).contains("dups=y");
        assertThat(get("/ipfs/" + dir, "Accept", "application/vnd.ipld.car;order=foo").statusCode()).isEqualTo(400);
        assertThat(get("/ipfs/" + dir, "Accept", "application/vnd.ipld.car;version=2").statusCode()).isEqualTo(400);
    }

    @Test
    void identityBlocksNeverAppearInACar() throws Exception {
        HttpResponse<byte[]> r = get("/ipfs/bafkqaf3imvwgy3zaneqgc3janfxgy2lomvscay3jmqfa",
                "Accept", "application/vnd.ipld.car; dups=y");
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).contains("dups=y");
        assertThat(carBlocks(r)).isEmpty();
        HttpResponse<byte[]> empty = get("/ipfs/bafkqaaa?format=raw");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEmpty();
        assertThat(carBlocks(get("/ipfs/bafkqaaa?format=car"))).isEmpty();
    }

    @Test
    void formatBeatsAccept() throws Exception {
        Cid root = load("subdir-with-two-single-block-files.car");
        HttpResponse<byte[]> car = get("/ipfs/" + root + "?format=car", "Accept", "application/vnd.ipld.raw");
        assertThat(carBlocks(car)).startsWith(root.toString());
        HttpResponse<byte[]> raw = get("/ipfs/" + root + "?format=raw", "Accept", "application/vnd.ipld.car");
        assertThat(raw.headers().firstValue("Content-Type")).contains("application/vnd.ipld.raw");
        assertThat(raw.body()).isEqualTo(blocks.get(root));
    }

    @Test
    void everyScopeAndRangeHasItsOwnEtag() throws Exception {
        Cid mixed = load("subdir-with-mixed-block-files.car");
        List<String> etags = new ArrayList<>();
        for (String q : List.of("", "&dag-scope=block", "&dag-scope=entity", "&dag-scope=entity&entity-bytes=0:10",
                "&dag-scope=entity&entity-bytes=0:11", "&car-dups=y")) {
            etags.add(get("/ipfs/" + mixed + "?format=car" + q).headers().firstValue("Etag").orElseThrow());
        }
        assertThat(etags).doesNotHaveDuplicates();
    }
}
