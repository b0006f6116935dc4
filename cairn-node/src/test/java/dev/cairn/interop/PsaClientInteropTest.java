package dev.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Scope;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.config.CairnHome;
import dev.cairn.http.psa.PsaTestServer;
import dev.cairn.pin.PinQuery;
import dev.cairn.pin.PinService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference JS client, {@code @ipfs-shipyard/pinning-service-client}, drives Cairn's Pinning
 * Service API ({@code interop/psa-client.mjs}: create, page through 25 pins with limit 10, every
 * filter, replace, delete, 401/404/400). The script asserts as it goes; these tests then check the
 * outcome through the pin service itself. No pin needs its content: nothing can be fetched (the
 * origins are not HTTP ones and no gateway or router is configured), so pins stay queued or pinning,
 * or fail, and the script asserts nothing that depends on which.
 */
class PsaClientInteropTest {
    @TempDir
    Path dir;

    @Test
    void theReferenceJsClientCreatesPagesFiltersReplacesAndDeletesPins() throws Exception {
        try (PsaTestServer psa = new PsaTestServer(dir)) {
            String token = psa.token("interop", Scope.PIN);
            JsonNode summary = runClient(psa.endpoint().toString(), token);
            assertOutcome(summary, psa.pins, psa.accountId("interop"));
        }
    }

    @Test
    void theReferenceJsClientDrivesTheWholeRunningNode() throws Exception {
        // What `cairn serve` runs, in-process: PSA surface, pin workers, fetcher, accounts.
        NodeContext context = NodeContext.open(new CairnHome(dir.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0", "store.fsync", "false"));
        try (RunningNode node = RunningNode.start(context, line -> { })) {
            long account = node.accounts().create("interop").id();
            String token = node.accounts().issue("interop", Set.of(Scope.PIN), null, "interop test").secret();
            JsonNode summary = runClient(node.apiUri().toString(), token);
            assertOutcome(summary, node.local().pins(), account);
        }
    }

    private static JsonNode runClient(String endpoint, String token) throws IOException {
        return new ObjectMapper().readTree(NodeScript.run("psa-client.mjs", new byte[0], endpoint, token));
    }

    private static void assertOutcome(JsonNode summary, PinService pins, long account) {
        assertThat(summary.path("created").asInt()).isEqualTo(25);
        assertThat(summary.path("pages").asInt()).isEqualTo(3);
        assertThat(summary.path("remaining").asInt()).isEqualTo(24);
        assertThat(pins.get(account, UUID.fromString(summary.path("deleted").asText()))).isEmpty();
        assertThat(pins.get(account, UUID.fromString(summary.path("replaced").path("old").asText()))).isEmpty();
        assertThat(pins.get(account, UUID.fromString(summary.path("replaced").path("new").asText()))).isPresent();
        // 25 created + 1 duplicate + 1 replacement - 1 replaced - 1 deleted
        assertThat(pins.list(account, PinQuery.all(100)).count()).isEqualTo(25);
    }
}
