package dev.cairn.http.kubo;

import static dev.cairn.http.kubo.KuboTestNode.dirPart;
import static dev.cairn.http.kubo.KuboTestNode.filePart;
import static dev.cairn.http.kubo.KuboTestNode.multipart;
import static dev.cairn.http.kubo.KuboTestNode.random;
import static dev.cairn.http.kubo.KuboTestNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cid.Cid;
import dev.cairn.interop.CarInspect;
import dev.cairn.interop.DagJsonReference;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dag/put}, {@code dag/get} and {@code dag/stat} over real HTTP, checked against @ipld/dag-json and @ipld/car. */
class KuboRpcDagNodesTest {
    @TempDir
    Path tmp;
    private KuboTestNode n;

    @BeforeEach
    void start() throws Exception {
        n = new KuboTestNode(tmp.resolve("home"));
    }

    @AfterEach
    void stop() {
        n.close();
    }

    private String put(String query, byte[] body) throws Exception {
        HttpResponse<byte[]> res = n.post("/api/v0/dag/put" + query, n.admin, multipart(List.of(filePart("node", body))));
        assertThat(res.statusCode()).as(text(res)).isEqualTo(200);
        return KuboTestNode.JSON.readTree(res.body()).get("Cid").get("/").asText();
    }

    @Test
    void dagPutStoresDagJsonAsTheDagCborIpldWritesAndDagGetAnswersIpldsDagJson() throws Exception {
        String file = n.add(n.admin, random(1000, 1), "");
        String doc = "{ \"z\": [1, -2, 3.25, null, true], \"name\": \"caf\\u00e9 \\ud83d\\ude00\","
                + " \"file\": {\"/\": \"" + file + "\"}, \"raw\": {\"/\": {\"bytes\": \"AQID\"}}, \"big\": 18446744073709551615 }";
        byte[] input = doc.getBytes(StandardCharsets.UTF_8);
        byte[] cbor = DagJsonReference.decodeToCbor(List.of(input)).get(0);
        String expected = Cid.v1(Multicodec.DAG_CBOR, Multihash.digest(Multicodec.SHA2_256.code(), cbor)).toString();

        String cid = put("?pin=true", input);
        assertThat(cid).isEqualTo(expected);
        assertThat(n.post("/api/v0/block/get?arg=" + cid, n.admin).body()).isEqualTo(cbor);
        assertThat(n.json("/api/v0/pin/ls?arg=" + cid, n.admin).get("Keys").has(cid)).isTrue();

        byte[] asJson = n.post("/api/v0/dag/get?arg=" + cid, n.admin).body();
        assertThat(new String(asJson, StandardCharsets.UTF_8))
                .isEqualTo(new String(DagJsonReference.fromCbor(List.of(cbor)).get(0), StandardCharsets.UTF_8));
        assertThat(n.post("/api/v0/dag/get?output-codec=dag-cbor&arg=" + cid, n.admin).body()).isEqualTo(cbor);

        String asDagJson = put("?store-codec=dag-json&hash=sha2-512", input);
        assertThat(Cid.parse(asDagJson).codec()).isEqualTo(Multicodec.DAG_JSON.code());
        assertThat(n.post("/api/v0/block/get?arg=" + asDagJson, n.admin).body()).isEqualTo(asJson);
        assertThat(put("?input-codec=dag-cbor", cbor)).isEqualTo(cid);
    }

    @Test
    void dagGetWalksMapKeysListIndexesAndDagPbLinkNamesFollowingLinks() throws Exception {
        Map<String, String> tree = n.addParts(n.admin, "", List.of(dirPart("d"),
                filePart("d%2Fa.txt", "alpha\n".getBytes(StandardCharsets.UTF_8))));
        String cid = put("", ("{\"a\":{\"b\":[10,{\"/\":\"" + tree.get("d") + "\"}]}}").getBytes(StandardCharsets.UTF_8));

        assertThat(text(n.post("/api/v0/dag/get?arg=" + cid + "/a/b/0", n.admin))).isEqualTo("10");
        String dir = text(n.post("/api/v0/dag/get?arg=/ipfs/" + cid + "/a/b/1", n.admin));
        assertThat(dir).startsWith("{\"Data\":{\"/\":{\"bytes\":\"CAE\"}},\"Links\":[{\"Hash\":{\"/\":\""
                + tree.get("d/a.txt") + "\"},\"Name\":\"a.txt\",\"Tsize\":");
        String leaf = text(n.post("/api/v0/dag/get?arg=" + cid + "/a/b/1/a.txt", n.admin));
        // UnixFS Data of a one-block file: Type=File, Data="alpha\n", filesize=6
        byte[] unixfs = {8, 2, 18, 6, 'a', 'l', 'p', 'h', 'a', '\n', 24, 6};
        assertThat(leaf).isEqualTo("{\"Data\":{\"/\":{\"bytes\":\""
                + java.util.Base64.getEncoder().withoutPadding().encodeToString(unixfs) + "\"}},\"Links\":[]}");

        assertThat(n.post("/api/v0/dag/get?arg=" + cid + "/a/nope", n.admin).statusCode()).isEqualTo(500);
        assertThat(n.post("/api/v0/dag/get?output-codec=git-raw&arg=" + cid, n.admin).statusCode()).isEqualTo(400);
    }

    @Test
    void dagPutRefusesInputThatDoesNotDecodeAndStoresNothing() throws Exception {
        HttpResponse<byte[]> bad = n.post("/api/v0/dag/put", n.admin, multipart(List.of(filePart("x",
                "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))));
        assertThat(bad.statusCode()).as(text(bad)).isEqualTo(400);
        assertThat(KuboTestNode.JSON.readTree(bad.body()).get("Message").asText()).contains("duplicate map key");
        assertThat(n.post("/api/v0/dag/put?store-codec=dag-pb", n.admin,
                multipart(List.of(filePart("x", "{}".getBytes(StandardCharsets.UTF_8))))).statusCode()).isEqualTo(400);
        assertThat(n.json("/api/v0/repo/stat", n.admin).get("NumObjects").asLong()).isZero();
    }

    @Test
    void dagStatCountsTheBlocksAndBytesIpldCarFindsAndSharedBlocksAcrossRoots() throws Exception {
        byte[] data = random(700_000, 2);
        String whole = n.add(n.admin, data, "?cid-version=1");
        String half = n.add(n.admin, java.util.Arrays.copyOf(data, 262_144 * 2), "?cid-version=1");
        Path car = Files.write(tmp.resolve("w.car"), n.post("/api/v0/dag/export?arg=" + whole, n.admin).body());
        List<CarInspect.BlockEntry> blocks = CarInspect.inspect(car).blocks();
        long size = blocks.stream().mapToLong(CarInspect.BlockEntry::size).sum();

        List<JsonNode> one = n.lines("/api/v0/dag/stat?progress=false&arg=" + whole, n.admin);
        assertThat(one).hasSize(1);
        JsonNode s = one.get(0);
        assertThat(s.get("UniqueBlocks").asInt()).isEqualTo(blocks.size());
        assertThat(s.get("TotalSize").asLong()).isEqualTo(size);
        assertThat(s.has("SharedSize")).isFalse();
        assertThat(s.get("Ratio").toString()).isEqualTo("1");
        assertThat(s.get("DagStats").get(0).get("Cid").asText()).isEqualTo(whole);
        assertThat(s.get("DagStats").get(0).get("Size").asLong()).isEqualTo(size);
        assertThat(s.get("DagStats").get(0).get("NumBlocks").asInt()).isEqualTo(blocks.size());

        List<JsonNode> both = n.lines("/api/v0/dag/stat?arg=" + whole + "&arg=" + half, n.admin);
        JsonNode last = both.get(both.size() - 1);
        assertThat(both).hasSize(blocks.size() + 3 + 1); // one progress line per block of each root, then the summary
        assertThat(last.get("SharedSize").asLong()).isEqualTo(2 * 262_144); // the two raw leaves both files have
        assertThat(last.get("UniqueBlocks").asInt()).isEqualTo(blocks.size() + 1); // plus the half file's root
        assertThat(both.get(0).has("UniqueBlocks")).isFalse();
    }

    @Test
    void aDagStatThatFailsAfterItsFirstProgressLineAnswersTheErrorAlone() throws Exception {
        // the progress line was written before the traversal failed, but nothing had gone out yet:
        // the 500 must carry Kubo's error only, not the line followed by the error
        HttpResponse<byte[]> res = n.post("/api/v0/dag/stat?arg=baeaaaaa&progress=true", n.admin);
        assertThat(res.statusCode()).as(text(res)).isEqualTo(500);
        JsonNode error = KuboTestNode.JSON.readTree(res.body());
        assertThat(error.get("Type").asText()).isEqualTo("error");
        assertThat(text(res).strip().lines().count()).as(text(res)).isEqualTo(1);
    }
}
