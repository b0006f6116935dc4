package dev.cairn.http.kubo;

import static dev.cairn.http.kubo.KuboTestNode.dirPart;
import static dev.cairn.http.kubo.KuboTestNode.filePart;
import static dev.cairn.http.kubo.KuboTestNode.random;
import static dev.cairn.http.kubo.KuboTestNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.account.Scope;
import dev.cairn.interop.CarInspect;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code refs}, {@code block/rm}, {@code repo/stat} and the answers to unknown commands, over real HTTP. */
class KuboRpcRefsBlocksRepoTest {
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

    private Map<String, String> tree() throws Exception {
        return n.addParts(n.admin, "?cid-version=1", List.of(dirPart("site"),
                filePart("site%2Fa.txt", "alpha\n".getBytes(StandardCharsets.UTF_8)),
                dirPart("site%2Fsub"), filePart("site%2Fsub%2Fbig.bin", random(700_000, 1)),
                filePart("site%2Fsub%2Fcopy.txt", "alpha\n".getBytes(StandardCharsets.UTF_8))));
    }

    private static List<String> refs(List<JsonNode> lines) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : lines) {
            assertThat(l.get("Err").asText()).isEmpty();
            out.add(l.get("Ref").asText());
        }
        return out;
    }

    @Test
    void recursiveUniqueRefsAreEveryBlockOfTheDagThatIpldCarFindsInItsExportButTheRoot() throws Exception {
        Map<String, String> t = tree();
        String root = t.get("site");
        Path car = Files.write(tmp.resolve("site.car"), n.post("/api/v0/dag/export?arg=" + root, n.admin).body());
        Set<String> expected = new HashSet<>();
        CarInspect.inspect(car).blocks().forEach(b -> expected.add(b.cid()));
        expected.remove(root);

        List<String> unique = refs(n.lines("/api/v0/refs?recursive=true&unique=true&arg=" + root, n.admin));
        assertThat(unique).doesNotHaveDuplicates();
        assertThat(new HashSet<>(unique)).isEqualTo(expected);

        // without unique, a.txt and sub/copy.txt (same bytes, same CID) are both listed
        List<String> all = refs(n.lines("/api/v0/refs?recursive=true&arg=" + root, n.admin));
        assertThat(all).hasSize(unique.size() + 1);
        assertThat(all.stream().filter(c -> c.equals(t.get("site/a.txt")))).hasSize(2);
    }

    @Test
    void directRefsListTheLinksInOrderAndEdgesAndFormatNameBothEnds() throws Exception {
        Map<String, String> t = tree();
        String root = t.get("site");
        assertThat(refs(n.lines("/api/v0/refs?arg=/ipfs/" + root, n.admin)))
                .containsExactly(t.get("site/a.txt"), t.get("site/sub"));
        assertThat(refs(n.lines("/api/v0/refs?edges=true&arg=" + root, n.admin)))
                .containsExactly(root + " -> " + t.get("site/a.txt"), root + " -> " + t.get("site/sub"));
        assertThat(refs(n.lines("/api/v0/refs?format=%3Clinkname%3E%3A%3Cdst%3E&arg=" + root + "/sub", n.admin)))
                .containsExactly("big.bin:" + t.get("site/sub/big.bin"), "copy.txt:" + t.get("site/a.txt"));
        assertThat(n.post("/api/v0/refs?edges=true&format=x&arg=" + root, n.admin).statusCode()).isEqualTo(400);
    }

    @Test
    void refsOfAMissingBlockIsAnErrLineAndTheNextArgumentStillAnswers() throws Exception {
        String here = n.add(n.admin, random(300_000, 2), "");
        String absent = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
        List<JsonNode> lines = n.lines("/api/v0/refs?arg=" + absent + "&arg=" + here, n.admin);
        assertThat(lines.get(0).get("Err").asText()).contains("could not find " + absent);
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.get("Err").asText()).isEmpty());
    }

    @Test
    void blockRmRemovesAnUnpinnedBlockAndRefusesPinnedOnesOfAnyAccount() throws Exception {
        byte[] loose = "nobody pins me\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> put = n.post("/api/v0/block/put", n.admin, KuboTestNode.multipart(List.of(filePart("b", loose))));
        String looseCid = KuboTestNode.JSON.readTree(put.body()).get("Key").asText();
        Map<String, String> t = tree(); // pinned by admin
        String bob = n.account("bob", Scope.READ, Scope.PIN);

        List<JsonNode> out = n.lines("/api/v0/block/rm?arg=" + looseCid + "&arg=" + t.get("site")
                + "&arg=" + t.get("site/sub/big.bin"), bob);
        assertThat(out).hasSize(3);
        assertThat(out.get(0).get("Hash").asText()).isEqualTo(looseCid);
        assertThat(out.get(0).has("Error")).isFalse();
        assertThat(out.get(1).get("Error").asText()).isEqualTo("pinned: recursive");
        assertThat(out.get(2).get("Error").asText()).isEqualTo("pinned: indirect");

        assertThat(n.post("/api/v0/block/stat?arg=" + looseCid, n.admin).statusCode()).isEqualTo(500);
        assertThat(n.post("/api/v0/cat?arg=" + t.get("site/sub/big.bin"), n.admin).statusCode()).isEqualTo(200);

        List<JsonNode> again = n.lines("/api/v0/block/rm?arg=" + looseCid, bob);
        assertThat(again.get(0).get("Error").asText()).isEqualTo("ipld: could not find " + looseCid);
        assertThat(n.lines("/api/v0/block/rm?force=true&arg=" + looseCid, bob).get(0).has("Error")).isFalse();
        assertThat(n.post("/api/v0/block/rm?force=true&quiet=true&arg=" + looseCid, bob).body()).isEmpty();

        String reader = n.account("carol", Scope.READ);
        assertThat(n.post("/api/v0/block/rm?arg=" + looseCid, reader).statusCode()).isEqualTo(403);
    }

    @Test
    void blockRmOfABlockWhosePinWasRemovedWorks() throws Exception {
        String cid = n.add(n.admin, random(10_000, 3), "");
        assertThat(n.lines("/api/v0/block/rm?arg=" + cid, n.admin).get(0).get("Error").asText())
                .isEqualTo("pinned: recursive");
        n.json("/api/v0/pin/rm?arg=" + cid, n.admin);
        assertThat(n.lines("/api/v0/block/rm?arg=" + cid, n.admin).get(0).has("Error")).isFalse();
        assertThat(n.post("/api/v0/block/get?arg=" + cid, n.admin).statusCode()).isEqualTo(500);
    }

    @Test
    void repoStatCountsStoredBlocksAndShowsThePathToAdminsOnly() throws Exception {
        JsonNode before = n.json("/api/v0/repo/stat", n.admin);
        byte[] data = random(2_000_000, 4); // 8 raw leaves of 256 KiB and a root with CIDv1
        n.add(n.admin, data, "?cid-version=1");
        JsonNode after = n.json("/api/v0/repo/stat", n.admin);
        assertThat(after.get("NumObjects").asLong() - before.get("NumObjects").asLong()).isEqualTo(9);
        assertThat(after.get("RepoSize").asLong() - before.get("RepoSize").asLong()).isGreaterThan(data.length);
        assertThat(after.get("StorageMax").asLong()).isGreaterThanOrEqualTo(after.get("RepoSize").asLong());
        assertThat(after.get("Version").asText()).isEqualTo("fs-repo@16");
        assertThat(after.get("RepoPath").asText()).isNotEmpty();

        String reader = n.account("dora", Scope.READ);
        assertThat(n.json("/api/v0/repo/stat", reader).get("RepoPath").asText()).isEmpty();
        JsonNode sizeOnly = n.json("/api/v0/repo/stat?size-only=true", reader);
        List<String> fields = new ArrayList<>();
        sizeOnly.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("RepoSize", "StorageMax");
    }

    @Test
    void anUnknownCommandIsAPlainTextNotFoundAndAnyMethodButPostIsA405AsGoIpfsCmdsAnswers() throws Exception {
        HttpResponse<byte[]> unknown = n.post("/api/v0/no/such/command", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(text(unknown)).isEqualTo("404 page not found\n");
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");

        for (String path : List.of("/api/v0/version", "/api/v0/nothing")) {
            HttpResponse<byte[]> get = n.send(path, n.admin, "GET", null);
            assertThat(get.statusCode()).as(path).isEqualTo(405);
            assertThat(text(get)).isEqualTo("405 - Method Not Allowed\n");
            assertThat(get.headers().firstValue("Allow")).contains("OPTIONS, POST");
        }
        assertThat(n.post("/api/v0/version", n.admin).statusCode()).isEqualTo(200);
        assertThat(n.send("/pins", n.admin, "GET", null).statusCode()).isEqualTo(200);
    }
}
