package dev.cairn.http.kubo;

import static dev.cairn.http.kubo.KuboTestNode.filePart;
import static dev.cairn.http.kubo.KuboTestNode.multipart;
import static dev.cairn.http.kubo.KuboTestNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.interop.UnixfsMetaCar;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ls} shows UnixFS 1.5 metadata as Kubo does, for nodes made by an independent importer
 * (ipfs-unixfs-importer, through {@link UnixfsMetaCar}) with and without mode and mtime. The
 * expected JSON follows Kubo's code: {@code LsLink.Mode} is boxo's {@code FSNode.Mode()} (a Go
 * {@code os.FileMode}: permission bits, setuid 1<<23, setgid 1<<22, sticky 1<<20, directory 1<<31,
 * symlink 1<<27; 0 without a mode) and {@code ModTime} its {@code ModTime()} as Go encodes a
 * {@code time.Time} (RFC 3339, nanoseconds without trailing zeros; the zero time without an mtime).
 */
class KuboLsMetadataTest {
    private static final String NO_TIME = "0001-01-01T00:00:00Z";

    @TempDir
    static Path shared;
    private static UnixfsMetaCar.Tree tree;
    private static byte[] car;

    @TempDir
    Path tmp;
    private KuboTestNode n;

    @BeforeAll
    static void makeTheTree() throws Exception {
        Path file = shared.resolve("meta.car");
        tree = UnixfsMetaCar.write(file);
        car = Files.readAllBytes(file);
    }

    @BeforeEach
    void start() throws Exception {
        n = new KuboTestNode(tmp.resolve("home"));
        HttpResponse<byte[]> imported = n.post("/api/v0/dag/import", n.admin, multipart(List.of(filePart("meta.car", car))));
        assertThat(imported.statusCode()).as(text(imported)).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        n.close();
    }

    @Test
    void theImporterWroteTheMetadataThisTestExpects() {
        assertThat(tree.entry("tree/a.txt").mode()).as("0o644 is the default: left out").isNull();
        assertThat(tree.entry("tree/a.txt").mtimeSeconds()).isEqualTo(1_700_000_000L);
        assertThat(tree.entry("tree/a.txt").mtimeNanos()).isEqualTo(500_000_000L);
        assertThat(tree.entry("tree/run.sh").mode()).isEqualTo(04755L);
        assertThat(tree.entry("tree/plain.txt").mode()).isNull();
        assertThat(tree.entry("tree/plain.txt").mtimeSeconds()).isNull();
        assertThat(tree.entry("tree/link").mode()).isEqualTo(0777L);
        assertThat(tree.entry("tree/sub").mode()).isEqualTo(01777L);
        assertThat(tree.entry("tree/sub").mtimeNanos()).isEqualTo(123_456_789L);
        assertThat(tree.entry("tree/sub/inner.txt").mode()).isEqualTo(0600L);
    }

    @Test
    void lsShowsModeAndModTimeOfEachEntryAsKuboDoes() throws Exception {
        Map<String, JsonNode> links = links(n.json("/api/v0/ls?arg=" + tree.root(), n.admin));

        assertThat(links.keySet()).containsExactlyInAnyOrder("a.txt", "run.sh", "plain.txt", "link", "sub");
        assertMeta(links.get("a.txt"), 0, "2023-11-14T22:13:20.5Z");
        assertMeta(links.get("run.sh"), (1L << 23) | 0755, "1970-01-02T00:00:00Z");
        assertMeta(links.get("plain.txt"), 0, NO_TIME);
        assertMeta(links.get("link"), (1L << 27) | 0777, "2020-09-13T12:26:40Z");
        assertMeta(links.get("sub"), (1L << 31) | (1L << 20) | 0777, "2001-09-09T01:46:40.123456789Z");
        assertThat(links.get("link").get("Target").asText()).isEqualTo("a.txt");
    }

    @Test
    void aSubdirectoryListsItsEntriesMetadataAndTheStreamedFormSaysTheSame() throws Exception {
        String sub = tree.entry("tree/sub").cid();
        assertMeta(links(n.json("/api/v0/ls?arg=" + sub, n.admin)).get("inner.txt"), 0600, NO_TIME);

        List<JsonNode> streamed = n.lines("/api/v0/ls?stream=true&arg=" + tree.root(), n.admin);
        Map<String, JsonNode> byName = new HashMap<>();
        streamed.forEach(l -> l.get("Objects").get(0).get("Links").forEach(link -> byName.put(link.get("Name").asText(), link)));
        assertMeta(byName.get("sub"), (1L << 31) | (1L << 20) | 0777, "2001-09-09T01:46:40.123456789Z");
    }

    @Test
    void withoutResolvingChildrenNothingIsReadSoModeAndModTimeAreEmptyAsInKubo() throws Exception {
        Map<String, JsonNode> links = links(n.json("/api/v0/ls?resolve-type=false&size=false&arg=" + tree.root(), n.admin));
        assertMeta(links.get("sub"), 0, NO_TIME);
        assertMeta(links.get("a.txt"), 0, NO_TIME);
    }

    private static void assertMeta(JsonNode link, long mode, String modTime) {
        assertThat(link.get("Mode").isNumber()).as(link.toString()).isTrue();
        assertThat(link.get("Mode").asLong()).as(link.toString()).isEqualTo(mode);
        assertThat(link.get("ModTime").asText()).as(link.toString()).isEqualTo(modTime);
    }

    private static Map<String, JsonNode> links(JsonNode ls) {
        Map<String, JsonNode> out = new HashMap<>();
        ls.get("Objects").get(0).get("Links").forEach(l -> out.put(l.get("Name").asText(), l));
        return out;
    }
}
