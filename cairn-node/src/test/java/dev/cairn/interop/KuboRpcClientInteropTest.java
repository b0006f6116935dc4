package dev.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Scope;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.config.CairnHome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm client Kubo users script with, {@code kubo-rpc-client}, drives Cairn's Kubo RPC
 * ({@code interop/kubo-client.mjs}: add a file and a tree, cat, block stat/get, dag export/import,
 * pin ls/rm/add; the script checks bytes). Here the CIDs it got are compared with those
 * ipfs-unixfs-importer gives the same input and options.
 */
class KuboRpcClientInteropTest {
    @TempDir
    Path dir;

    @Test
    void kuboRpcClientAddsCatsExportsImportsAndPinsWithTheCidsOfIpfsUnixfsImporter() throws Exception {
        byte[] data = new byte[1_300_000];
        new Random(11).nextBytes(data);
        Path file = Files.write(dir.resolve("data.bin"), data);
        Path site = Files.createDirectories(dir.resolve("tree/site"));
        Files.writeString(site.resolve("a.txt"), "alpha\n", StandardCharsets.UTF_8);
        Files.createDirectories(site.resolve("sub/empty"));
        Files.write(site.resolve("sub/b.bin"), Arrays.copyOf(data, 300_000));

        NodeContext context = NodeContext.open(new CairnHome(dir.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0", "store.fsync", "false"));
        try (RunningNode node = RunningNode.start(context, line -> { })) {
            node.accounts().create("kubo");
            String token = node.accounts().issue("kubo", Set.of(Scope.UPLOAD, Scope.READ, Scope.PIN), null, "interop")
                    .secret();
            JsonNode summary = new ObjectMapper().readTree(
                    NodeScript.run("kubo-client.mjs", new byte[0], node.apiUri().toString(), token, file.toString()));

            Map<String, UnixfsReference.Result> ref = UnixfsReference.compute(java.util.List.of(
                    UnixfsReference.Case.kubo("file", file),
                    new UnixfsReference.Case("site", site, Map.of("cidVersion", 1, "rawLeaves", true))));
            assertThat(summary.get("file").asText()).isEqualTo(ref.get("file").root());
            assertThat(summary.get("dir").asText()).isEqualTo(ref.get("site").root());
            for (JsonNode e : summary.get("tree")) {
                if (!e.get("path").asText().endsWith("empty")) { // the reference does not list empty directories
                    assertThat(e.get("cid").asText()).as(e.toString()).isEqualTo(ref.get("site").cidOf(e.get("path").asText()));
                }
            }
        }
    }
}
