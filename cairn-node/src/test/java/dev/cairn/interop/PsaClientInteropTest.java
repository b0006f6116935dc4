package dev.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Scope;
import dev.cairn.http.psa.PsaTestServer;
import dev.cairn.pin.PinQuery;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference JS client, {@code @ipfs-shipyard/pinning-service-client}, drives Cairn's Pinning
 * Service API ({@code interop/psa-client.mjs}: create, page through 25 pins with limit 10, every
 * filter, replace, delete, 401/404/400). The script asserts as it goes; this test then checks the
 * outcome through the pin service itself. No pin needs its content: nothing is fetched.
 */
class PsaClientInteropTest {
    @TempDir
    Path dir;

    @Test
    void theReferenceJsClientCreatesPagesFiltersReplacesAndDeletesPins() throws Exception {
        try (PsaTestServer psa = new PsaTestServer(dir)) {
            String token = psa.token("interop", Scope.PIN);
            byte[] out = NodeScript.run("psa-client.mjs", new byte[0], psa.endpoint().toString(), token);
            JsonNode summary = new ObjectMapper().readTree(out);

            assertThat(summary.path("created").asInt()).isEqualTo(25);
            assertThat(summary.path("pages").asInt()).isEqualTo(3);
            assertThat(summary.path("remaining").asInt()).isEqualTo(24);
            long account = psa.accountId("interop");
            assertThat(psa.pins.get(account, UUID.fromString(summary.path("deleted").asText()))).isEmpty();
            assertThat(psa.pins.get(account, UUID.fromString(summary.path("replaced").path("old").asText()))).isEmpty();
            assertThat(psa.pins.get(account, UUID.fromString(summary.path("replaced").path("new").asText()))).isPresent();
            // 25 created + 1 duplicate + 1 replacement - 1 replaced - 1 deleted
            assertThat(psa.pins.list(account, PinQuery.all(100)).count()).isEqualTo(25);
        }
    }
}
