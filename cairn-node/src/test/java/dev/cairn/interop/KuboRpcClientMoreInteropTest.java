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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubo-rpc-client} drives ls, get, refs, repo stat, dag put/get, pin update and block rm
 * ({@code interop/kubo-client-more.mjs}, which checks what it can itself). Here the tar it got is
 * extracted with GNU tar and its recursive refs are compared with the blocks @ipld/car reads from
 * the DAG's export.
 */
class KuboRpcClientMoreInteropTest {
    @TempDir
    Path dir;

    @Test
    void kuboRpcClientListsGetsWalksAndUpdatesWhatItAdded() throws Exception {
        NodeContext context = NodeContext.open(new CairnHome(dir.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0", "store.fsync", "false"));
        try (RunningNode node = RunningNode.start(context, line -> { })) {
            node.accounts().create("kubo");
            String token = node.accounts().issue("kubo", Set.of(Scope.UPLOAD, Scope.READ, Scope.PIN), null, "interop")
                    .secret();
            Path out = Files.createDirectories(dir.resolve("out"));
            JsonNode summary = new ObjectMapper().readTree(NodeScript.run("kubo-client-more.mjs", new byte[0],
                    node.apiUri().toString(), token, out.toString()));
            String site = summary.get("site").asText();

            Path extracted = Files.createDirectories(dir.resolve("extracted"));
            Process tar = new ProcessBuilder("tar", "-xf", out.resolve("get.tar").toString(), "-C", extracted.toString())
                    .redirectErrorStream(true).start();
            String log = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(tar.exitValue()).as(log).isZero();
            assertThat(Files.readString(extracted.resolve(site).resolve("a.txt"))).isEqualTo("alpha\n");
            byte[] big = Files.readAllBytes(extracted.resolve(site).resolve("sub/b.bin"));
            assertThat(big).hasSize(300_000);
            assertThat(big[299_999] & 0xff).isEqualTo((299_999 * 7) % 251);
            assertThat(extracted.resolve(site).resolve("sub/empty")).isEmptyDirectory();

            List<String> blocks = new ArrayList<>(CarInspect.inspect(out.resolve("site.car")).cids());
            blocks.remove(site);
            List<String> refs = new ArrayList<>();
            summary.get("refs").forEach(r -> refs.add(r.asText()));
            assertThat(refs).containsExactlyInAnyOrderElementsOf(blocks);
        }
    }
}
