package dev.cairn.http.kubo;

import static dev.cairn.http.kubo.KuboTestNode.random;
import static dev.cairn.http.kubo.KuboTestNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.account.Scope;
import dev.cairn.cid.Cid;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pin/update} and {@code pin/verify} over real HTTP, on the caller's own pins. */
class KuboRpcPinUpdateVerifyTest {
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

    private List<String> pinned(String token) throws Exception {
        List<String> out = new ArrayList<>();
        n.json("/api/v0/pin/ls", token).get("Keys").fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void pinUpdateMovesTheOneRequestFromTheOldCidToTheNewOne() throws Exception {
        String from = n.add(n.admin, random(50_000, 1), "?pin=true");
        String to = n.add(n.admin, random(60_000, 2), "?pin=false");

        JsonNode res = n.json("/api/v0/pin/update?arg=" + from + "&arg=/ipfs/" + to, n.admin);
        assertThat(res.get("Pins").get(0).asText()).isEqualTo(from);
        assertThat(res.get("Pins").get(1).asText()).isEqualTo(to);
        assertThat(pinned(n.admin)).containsExactly(to);
        HttpResponse<byte[]> psa = n.send("/pins", n.admin, "GET", null);
        assertThat(KuboTestNode.JSON.readTree(psa.body()).get("count").asInt()).isEqualTo(1);
    }

    @Test
    void pinUpdateWithUnpinFalseKeepsBothAndAnUnpinnedFromIsRefused() throws Exception {
        String from = n.add(n.admin, random(50_000, 3), "?pin=true");
        String to = n.add(n.admin, random(60_000, 4), "?pin=false");
        n.json("/api/v0/pin/update?unpin=false&arg=" + from + "&arg=" + to, n.admin);
        assertThat(pinned(n.admin)).containsExactlyInAnyOrder(from, to);

        String bob = n.account("bob", Scope.READ, Scope.PIN);
        HttpResponse<byte[]> refused = n.post("/api/v0/pin/update?arg=" + from + "&arg=" + to, bob);
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(KuboTestNode.JSON.readTree(refused.body()).get("Message").asText())
                .isEqualTo("'from' cid was not recursively pinned already");
        assertThat(pinned(n.admin)).containsExactlyInAnyOrder(from, to);
        assertThat(n.post("/api/v0/pin/update?arg=" + from, n.admin).statusCode()).isEqualTo(400);
    }

    @Test
    void pinVerifyReportsBrokenPinsWithTheirMissingBlocksAndOkOnesOnlyWhenVerbose() throws Exception {
        String whole = n.add(n.admin, random(30_000, 5), "");
        String broken = n.add(n.admin, random(600_000, 6), "?cid-version=1");
        List<JsonNode> leaves = n.lines("/api/v0/refs?arg=" + broken, n.admin);
        String lost = leaves.get(1).get("Ref").asText();
        n.node.local().blocks().delete(List.of(Cid.parse(lost).multihash())); // as a failing disk would

        List<JsonNode> out = n.lines("/api/v0/pin/verify", n.admin);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).get("Cid").asText()).isEqualTo(broken);
        assertThat(out.get(0).has("Ok")).isFalse();
        assertThat(out.get(0).get("BadNodes").get(0).get("Cid").asText()).isEqualTo(lost);
        assertThat(out.get(0).get("BadNodes").get(0).get("Err").asText()).contains("could not find " + lost);

        List<JsonNode> verbose = n.lines("/api/v0/pin/verify?verbose=true", n.admin);
        assertThat(verbose).extracting(l -> l.get("Cid").asText()).containsExactlyInAnyOrder(whole, broken);
        assertThat(verbose).filteredOn(l -> l.get("Cid").asText().equals(whole))
                .allSatisfy(l -> assertThat(l.get("Ok").asBoolean()).isTrue());
        List<JsonNode> quiet = n.lines("/api/v0/pin/verify?quiet=true", n.admin);
        assertThat(quiet).hasSize(1);
        assertThat(quiet.get(0).has("BadNodes")).isFalse();
        assertThat(n.post("/api/v0/pin/verify?quiet=true&verbose=true", n.admin).statusCode()).isEqualTo(400);

        String bob = n.account("bob", Scope.READ);
        assertThat(text(n.post("/api/v0/pin/verify?verbose=true", bob))).isEmpty();
    }
}
