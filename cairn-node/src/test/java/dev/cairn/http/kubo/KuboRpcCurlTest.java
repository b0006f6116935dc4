package dev.cairn.http.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Scope;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.config.CairnHome;
import dev.cairn.interop.UnixfsReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's {@code curl -F} examples, run with the real curl against a running node. */
class KuboRpcCurlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theReadmeCurlExamplesWorkAsWritten() throws Exception {
        assumeTrue(curlAvailable(), "curl is not installed");
        byte[] photo = new byte[400_000];
        new Random(5).nextBytes(photo);
        Path photoFile = Files.write(tmp.resolve("photo.jpg"), photo);
        Path a = Files.writeString(tmp.resolve("a.txt"), "alpha\n");
        Path b = Files.writeString(tmp.resolve("b.txt"), "beta\n");
        Path site = Files.createDirectories(tmp.resolve("ref/site/sub"));
        Files.writeString(site.getParent().resolve("a.txt"), "alpha\n");
        Files.writeString(site.resolve("b.txt"), "beta\n");

        NodeContext ctx = NodeContext.open(new CairnHome(tmp.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0", "store.fsync", "false"));
        try (RunningNode node = RunningNode.start(ctx, line -> { })) {
            node.accounts().create("alice");
            String token = node.accounts().issue("alice", Set.of(Scope.READ, Scope.PIN, Scope.UPLOAD), null, "t").secret();
            String api = node.apiUri() + "/api/v0";
            String user = "alice:" + token;

            JsonNode added = JSON.readTree(curl("-s", "-u", user, "-F", "file=@" + photoFile, api + "/add"));
            String cid = added.get("Hash").asText();
            assertThat(added.get("Name").asText()).isEqualTo("photo.jpg");
            assertThat(cid).isEqualTo(UnixfsReference.compute(UnixfsReference.Case.kubo("p", photoFile)).root());

            List<JsonNode> progress = ndjson(curl("-s", "-H", "Authorization: Bearer " + token, "-F",
                    "file=@" + photoFile, api + "/add?cid-version=1&progress=true"));
            assertThat(progress.get(0).has("Bytes")).isTrue();
            assertThat(progress.get(progress.size() - 1).get("Hash").asText()).isEqualTo(UnixfsReference.compute(
                    new UnixfsReference.Case("v1", photoFile, Map.of("cidVersion", 1, "rawLeaves", true))).root());

            List<JsonNode> tree = ndjson(curl("-s", "-u", user, "-F", "file=@" + a + ";filename=site%2Fa.txt",
                    "-F", "file=@" + b + ";filename=site%2Fsub%2Fb.txt", api + "/add?wrap-with-directory=true"));
            JsonNode wrapper = tree.get(tree.size() - 1);
            assertThat(wrapper.get("Name").asText()).isEmpty();
            UnixfsReference.Result ref = UnixfsReference.compute(new UnixfsReference.Case("site",
                    site.getParent(), Map.of("wrapWithDirectory", true)));
            assertThat(wrapper.get("Hash").asText()).isEqualTo(ref.root());

            assertThat(curlBytes("-s", "-u", user, "-X", "POST", api + "/cat?arg=" + cid + "&offset=0&length=100"))
                    .isEqualTo(java.util.Arrays.copyOf(photo, 100));
            Path car = tmp.resolve("x.car");
            Files.write(car, curlBytes("-s", "-u", user, "-X", "POST", api + "/dag/export?arg=" + cid));
            JsonNode imported = JSON.readTree(curl("-s", "-u", user, "-F", "file=@" + car, api + "/dag/import"));
            assertThat(imported.get("Root").get("Cid").get("/").asText()).isEqualTo(cid);
            JsonNode put = JSON.readTree(curl("-s", "-u", user, "-F", "file=@" + a, api + "/block/put?cid-codec=raw"));
            assertThat(put.get("Size").asInt()).isEqualTo(6);

            List<String> pinned = new ArrayList<>();
            ndjson(curl("-s", "-u", user, "-X", "POST", api + "/pin/ls?stream=true"))
                    .forEach(p -> pinned.add(p.get("Cid").asText()));
            assertThat(pinned).contains(cid, wrapper.get("Hash").asText());
            JsonNode rm = JSON.readTree(curl("-s", "-u", user, "-X", "POST", api + "/pin/rm?arg=" + cid));
            assertThat(rm.get("Pins").get(0).asText()).isEqualTo(cid);
        }
    }

    private static boolean curlAvailable() {
        try {
            return new ProcessBuilder("curl", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String curl(String... args) throws Exception {
        return new String(curlBytes(args), StandardCharsets.UTF_8);
    }

    private static byte[] curlBytes(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "--max-time", "60"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return out;
    }

    private static List<JsonNode> ndjson(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
