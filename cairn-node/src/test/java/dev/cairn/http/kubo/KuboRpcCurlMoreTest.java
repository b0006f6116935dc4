package dev.cairn.http.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cairn.account.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's curl examples for get, dag/put and dag/get, run with the real curl (and tar) as written. */
class KuboRpcCurlMoreTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmeGetAndDagExamplesWorkAsWritten() throws Exception {
        assumeTrue(available("curl"), "curl is not installed");
        try (KuboTestNode n = new KuboTestNode(tmp.resolve("home"))) {
            String token = n.account("alice", Scope.READ, Scope.PIN, Scope.UPLOAD);
            String api = n.node.apiUri() + "/api/v0";
            String user = "alice:" + token;
            String cid = n.addParts(token, "", List.of(KuboTestNode.dirPart("site"),
                    KuboTestNode.filePart("site%2Fa.txt", "alpha\n".getBytes(StandardCharsets.UTF_8)))).get("site");

            // curl ... "$API/get?arg=$CID" | tar -x
            Path into = Files.createDirectories(tmp.resolve("x"));
            Process p = new ProcessBuilder("sh", "-c", "curl -s -u \"$1\" -X POST \"$2/get?arg=$3\" | tar -x",
                    "sh", user, api, cid).directory(into.toFile()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(log).isZero();
            assertThat(Files.readString(into.resolve(cid).resolve("a.txt"))).isEqualTo("alpha\n");

            String put = curl("-s", "-u", user, "-F", "file={\"a\":[1,2]};type=application/json", api + "/dag/put?pin=true");
            String node = KuboTestNode.JSON.readTree(put).get("Cid").get("/").asText();
            assertThat(node).startsWith("bafyrei");
            assertThat(curl("-s", "-u", user, "-X", "POST", api + "/dag/get?arg=" + node + "/a/0")).isEqualTo("1");
            assertThat(n.json("/api/v0/pin/ls?arg=" + node, token).get("Keys").has(node)).isTrue();
        }
    }

    private static boolean available(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "--max-time", "60"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
