package dev.cairn.http.kubo;

import static dev.cairn.http.kubo.KuboTestNode.dirPart;
import static dev.cairn.http.kubo.KuboTestNode.filePart;
import static dev.cairn.http.kubo.KuboTestNode.random;
import static dev.cairn.http.kubo.KuboTestNode.symlinkPart;
import static dev.cairn.http.kubo.KuboTestNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code get} (checked by extracting with GNU tar) and {@code ls} over real HTTP. */
class KuboRpcGetLsTest {
    private static final byte[] BIG = random(700_000, 1);
    private static final byte[] SMALL = "alpha\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    private KuboTestNode n;
    private Map<String, String> tree;

    @BeforeEach
    void start() throws Exception {
        n = new KuboTestNode(tmp.resolve("home"));
        tree = n.addParts(n.admin, "", List.of(dirPart("site"), filePart("site%2Fa.txt", SMALL),
                symlinkPart("site%2Flink", "a.txt"), dirPart("site%2Fsub"), dirPart("site%2Fsub%2Fempty"),
                filePart("site%2Fsub%2Fbig.bin", BIG)));
    }

    @AfterEach
    void stop() {
        n.close();
    }

    private Path extract(byte[] archive, String flags) throws Exception {
        Path file = Files.write(tmp.resolve("x.archive"), archive);
        Path out = Files.createDirectories(tmp.resolve("out" + System.nanoTime()));
        Process p = new ProcessBuilder("tar", flags, file.toString(), "-C", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return out;
    }

    private void assertIsTheTree(Path dir) throws Exception {
        assertThat(Files.readAllBytes(dir.resolve("a.txt"))).isEqualTo(SMALL);
        assertThat(Files.readSymbolicLink(dir.resolve("link")).toString()).isEqualTo("a.txt");
        assertThat(Files.readAllBytes(dir.resolve("sub/big.bin"))).isEqualTo(BIG);
        assertThat(dir.resolve("sub/empty")).isEmptyDirectory();
    }

    @Test
    void getOfADirectoryIsATarThatGnuTarExtractsToTheAddedTreeNamedByTheCid() throws Exception {
        String root = tree.get("site");
        HttpResponse<byte[]> res = n.post("/api/v0/get?arg=" + root, n.admin);
        assertThat(res.statusCode()).as(text(res)).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/x-tar");
        assertIsTheTree(extract(res.body(), "-xf").resolve(root));

        HttpResponse<byte[]> gz = n.post("/api/v0/get?archive=true&compress=true&compression-level=9&arg=/ipfs/" + root, n.admin);
        assertThat(gz.statusCode()).as(text(gz)).isEqualTo(200);
        assertThat(gz.headers().firstValue("Content-Type")).contains("application/gzip");
        assertIsTheTree(extract(gz.body(), "-xzf").resolve(root));
    }

    @Test
    void getOfAFileInsideIsNamedByItsLastPathElementAndCompressedAloneIsItsGzippedBytes() throws Exception {
        String path = tree.get("site") + "/sub/big.bin";
        HttpResponse<byte[]> res = n.post("/api/v0/get?archive=true&arg=" + path, n.admin);
        assertThat(Files.readAllBytes(extract(res.body(), "-xf").resolve("big.bin"))).isEqualTo(BIG);

        HttpResponse<byte[]> gz = n.post("/api/v0/get?compress=true&arg=" + path, n.admin);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes()).isEqualTo(BIG);

        assertThat(n.post("/api/v0/get?compress=true&arg=" + tree.get("site"), n.admin).statusCode()).isEqualTo(500);
        assertThat(n.post("/api/v0/get?compress=true&compression-level=12&arg=" + path, n.admin).statusCode())
                .isEqualTo(400);
        assertThat(n.post("/api/v0/get?arg=" + tree.get("site") + "/nope", n.admin).statusCode()).isEqualTo(500);
    }

    @Test
    void lsListsADirectorySortedByNameWithKubosTypesSizesAndSymlinkTargets() throws Exception {
        JsonNode res = n.json("/api/v0/ls?arg=" + tree.get("site"), n.admin);
        JsonNode object = res.get("Objects").get(0);
        assertThat(object.get("Hash").asText()).isEqualTo(tree.get("site"));
        List<String> rows = new ArrayList<>();
        for (JsonNode l : object.get("Links")) {
            rows.add(l.get("Name").asText() + " " + l.get("Hash").asText() + " " + l.get("Size").asLong() + " "
                    + l.get("Type").asInt() + " " + l.get("Target").asText());
        }
        assertThat(rows).containsExactly(
                "a.txt " + tree.get("site/a.txt") + " 6 2 ",
                "link " + tree.get("site/link") + " 0 4 a.txt",
                "sub " + tree.get("site/sub") + " 0 1 ");
    }

    @Test
    void lsStreamsOneObjectPerEntryAndWithoutResolvingReadsNoChildren() throws Exception {
        String sub = tree.get("site") + "/sub";
        List<JsonNode> lines = n.lines("/api/v0/ls?stream=true&arg=" + sub, n.admin);
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(l -> assertThat(l.get("Objects").get(0).get("Hash").asText()).isEqualTo(sub));
        assertThat(lines).extracting(l -> l.get("Objects").get(0).get("Links").get(0).get("Name").asText())
                .containsExactlyInAnyOrder("big.bin", "empty");

        JsonNode unresolved = n.json("/api/v0/ls?resolve-type=false&size=false&arg=" + sub, n.admin);
        assertThat(unresolved.get("Objects").get(0).get("Links")).allSatisfy(l -> {
            assertThat(l.get("Type").asInt()).isZero();
            assertThat(l.get("Size").asLong()).isZero();
        });
    }

    @Test
    void lsOfAFileListsItsChunksUnnamed() throws Exception {
        JsonNode links = n.json("/api/v0/ls?arg=" + tree.get("site/sub/big.bin"), n.admin).get("Objects").get(0).get("Links");
        assertThat(links).hasSize(3); // 256 KiB chunks of 700,000 bytes
        long total = 0;
        for (JsonNode l : links) {
            assertThat(l.get("Name").asText()).isEmpty();
            assertThat(l.get("Type").asInt()).isEqualTo(2);
            total += l.get("Size").asLong();
        }
        assertThat(total).isEqualTo(BIG.length);
        assertThat(n.json("/api/v0/ls?arg=" + tree.get("site/a.txt"), n.admin).get("Objects").get(0).get("Links")).isEmpty();
    }

    @Test
    void aPathThatNamesNothingIsAFailedCommandInKubosWordsForEveryCommandThatTakesOne() throws Exception {
        String site = tree.get("site");
        for (String command : List.of("cat", "get", "ls", "refs")) {
            for (String path : List.of(site + "/missing", site + "/a.txt/under-a-file")) {
                HttpResponse<byte[]> res = n.post("/api/v0/" + command + "?arg=" + path, n.admin);
                String what = command + " " + path + ": " + KuboTestNode.text(res);
                assertThat(res.statusCode()).as(what).isEqualTo(500);
                JsonNode error = KuboTestNode.JSON.readTree(res.body());
                assertThat(error.get("Code").asInt()).as(what).isZero();
                assertThat(error.get("Message").asText()).as(what).doesNotContain("internal error")
                        .contains(path.endsWith("missing") ? "missing" : "under-a-file");
            }
        }
    }
}
