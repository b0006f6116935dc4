package dev.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.config.CairnHome;
import dev.cairn.content.UploadPinner;
import dev.cairn.unixfs.importer.ImportOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Helia's {@code @helia/verified-fetch}, a client that trusts no gateway, reads from Cairn's gateway
 * as its only source ({@code interop/helia/verified-fetch.mjs}: no libp2p, no delegated routers):
 * it asks for blocks over the trustless gateway protocol and hashes each one against its CID before
 * it returns a body. The CIDs it is asked for come from ipfs-unixfs-importer, not from Cairn, and
 * the bodies it returns are compared with the bytes that were added. The gateway runs in its
 * default mode, serving only pinned DAGs, and the content is pinned as uploads are.
 */
class VerifiedFetchInteropTest {
    @TempDir
    Path dir;

    @Test
    void verifiedFetchGetsAFileADirectoryEntryAndALargeFileFromCairnAsItsOnlyGateway() throws Exception {
        Path small = Files.writeString(dir.resolve("hello.txt"), "hello from cairn's gateway\n", StandardCharsets.UTF_8);
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.txt"), "top\n", StandardCharsets.UTF_8);
        Path nested = Files.createDirectories(site.resolve("docs/deep"));
        byte[] entryBytes = new byte[300_000]; // more than one 256 KiB chunk: a file DAG inside a directory
        new Random(5).nextBytes(entryBytes);
        Path entry = Files.write(nested.resolve("entry.bin"), entryBytes);
        byte[] largeBytes = new byte[6 * 1024 * 1024 + 12_345]; // seven 1 MiB raw leaves under one root
        new Random(6).nextBytes(largeBytes);
        Path large = Files.write(dir.resolve("large.bin"), largeBytes);

        Map<String, UnixfsReference.Result> ref = UnixfsReference.compute(List.of(
                UnixfsReference.Case.kubo("small", small),
                UnixfsReference.Case.kubo("site", site),
                UnixfsReference.Case.unixfsV1("large", large)));
        String smallCid = ref.get("small").root();
        String siteCid = ref.get("site").root();
        String largeCid = ref.get("large").root();

        NodeContext context = NodeContext.open(new CairnHome(dir.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0", "store.fsync", "false"));
        // The default gateway.mode, pinned: Helia asks for every inner block by its own CID, which
        // the gateway serves only because it belongs to a pinned DAG (the membership index).
        try (RunningNode node = RunningNode.start(context, line -> { })) {
            var content = node.local().content();
            UploadPinner pinned = node.local().adminPinner(line -> { });
            List<String> added = new ArrayList<>();
            for (var e : List.of(
                    content.add(List.of(small), false, ImportOptions.kubo(), n -> { }, pinned),
                    content.add(List.of(site), true, ImportOptions.kubo(), n -> { }, pinned),
                    content.add(List.of(large), false, ImportOptions.unixfsV1_2025(), n -> { }, pinned))) {
                added.add(e.get(e.size() - 1).cid().toString());
            }
            assertThat(added).containsExactly(smallCid, siteCid, largeCid);

            String gateway = node.gatewayUri().toString().replaceAll("/$", "");
            JsonNode out = new ObjectMapper().readTree(NodeScript.runWithPackagedNode("interop/helia",
                    "verified-fetch.mjs", new byte[0], gateway,
                    smallCid + "=" + small,
                    siteCid + "/docs/deep/entry.bin=" + entry,
                    largeCid + "=" + large));

            JsonNode results = out.get("results");
            assertThat(results).hasSize(3);
            assertFetched(results.get(0), smallCid, Files.readAllBytes(small));
            assertFetched(results.get(1), siteCid + "/docs/deep/entry.bin", entryBytes);
            assertFetched(results.get(2), largeCid, largeBytes);

            List<String> requests = new ArrayList<>();
            out.get("requests").forEach(r -> requests.add(r.asText()));
            assertThat(requests).as("every request went to Cairn's gateway, for verifiable blocks")
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r).startsWith("GET " + gateway + "/ipfs/")
                            .containsAnyOf("format=raw", "format=car", "application/vnd.ipld."));
            assertThat(requests).anySatisfy(r -> assertThat(r).contains("/ipfs/" + largeCid));
            assertThat(requests).as("the directory path was resolved through the intermediate directories")
                    .anySatisfy(r -> assertThat(r).contains("/ipfs/" + ref.get("site").cidOf("site/docs")))
                    .anySatisfy(r -> assertThat(r).contains("/ipfs/" + ref.get("site").cidOf("site/docs/deep/entry.bin")));
        }
    }

    private static void assertFetched(JsonNode result, String path, byte[] expected) throws Exception {
        assertThat(result.get("path").asText()).isEqualTo(path);
        assertThat(result.get("status").asInt()).as(path).isEqualTo(200);
        assertThat(result.get("length").asLong()).as(path).isEqualTo(expected.length);
        assertThat(result.get("sha256").asText()).as(path)
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)));
        assertThat(result.get("equal").asBoolean()).as(path).isTrue();
    }
}
