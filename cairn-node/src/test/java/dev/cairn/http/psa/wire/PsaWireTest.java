package dev.cairn.http.psa.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cid.Cid;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinPage;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.PinStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PsaWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    private static final String V0 = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";
    private static final List<String> DELEGATES =
            List.of("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWGRUVh4xXrKpQJMhEJK9HKfdQS8JYr2nZ7U4tgTbpQmJd");

    private static Pin read(String json) {
        return PsaWire.readPin(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void rejected(String json, String expectedInMessage) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(BadPsaRequestException.class)
                .hasMessageContaining(expectedInMessage);
    }

    private static JsonNode toJson(Object body) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(body));
    }

    @Test
    void createdGoesOutWithMillisecondsInUtc() {
        assertThat(PsaWire.created(Instant.parse("2020-07-27T17:32:28.276Z"))).isEqualTo("2020-07-27T17:32:28.276Z");
        assertThat(PsaWire.created(Instant.parse("2020-07-27T17:32:28Z"))).isEqualTo("2020-07-27T17:32:28.000Z");
        assertThat(PsaWire.created(Instant.ofEpochMilli(5))).isEqualTo("1970-01-01T00:00:00.005Z");
    }

    @Test
    void aPinStatusHasExactlyTheSpecFieldsAndOmitsAbsentOnes() throws Exception {
        UUID id = UUID.fromString("6f1d2a3b-0000-4000-8000-000000000001");
        PinRecord bare = new PinRecord(id, 1, new Pin(V0, Cid.parse(V0), null, List.of(), Map.of()), PinStatus.QUEUED,
                Instant.parse("2026-11-25T11:46:41.811Z"), Map.of());
        JsonNode json = toJson(PsaWire.status(bare, DELEGATES));
        assertThat(json.toString()).isEqualTo("{\"requestid\":\"6f1d2a3b-0000-4000-8000-000000000001\","
                + "\"status\":\"queued\",\"created\":\"2026-11-25T11:46:41.811Z\",\"pin\":{\"cid\":\"" + V0 + "\"},"
                + "\"delegates\":[\"" + DELEGATES.get(0) + "\"]}");

        PinRecord full = new PinRecord(id, 1, new Pin(CID, Cid.parse(CID), "n", List.of("/dns4/x/tcp/443/https"),
                Map.of("app", "1")), PinStatus.FAILED, Instant.parse("2026-11-25T11:46:41.811Z"),
                Map.of("status_details", "no providers"));
        JsonNode f = toJson(PsaWire.status(full, DELEGATES));
        assertThat(f.path("pin").path("name").asText()).isEqualTo("n");
        assertThat(f.path("pin").path("origins").get(0).asText()).isEqualTo("/dns4/x/tcp/443/https");
        assertThat(f.path("pin").path("meta").path("app").isTextual()).isTrue();
        assertThat(f.path("info").path("status_details").asText()).isEqualTo("no providers");
        assertThat(f.path("status").asText()).isEqualTo("failed");
    }

    @Test
    void pinResultsCarryTheCountAndTheResults() throws Exception {
        JsonNode json = toJson(PsaWire.results(new PinPage(42, List.of()), DELEGATES));
        assertThat(json.toString()).isEqualTo("{\"count\":42,\"results\":[]}");
    }

    @Test
    void aPinBodyIsReadWithTheCidKeptAsSent() {
        Pin p = read("{\"cid\":\"" + V0 + "\",\"name\":\"photos\",\"origins\":[\"/ip4/1.2.3.4/tcp/4001/p2p/Qm\","
                + "\"/ip4/1.2.3.4/udp/4001/quic-v1/webtransport/certhash/uEi\",\"garbage\"],\"meta\":{\"app_id\":\"99\"}}");
        assertThat(p.cidText()).isEqualTo(V0);
        assertThat(p.cid()).isEqualTo(Cid.parse(V0));
        assertThat(p.name()).isEqualTo("photos");
        assertThat(p.origins()).as("odd and unparseable origins are kept").hasSize(3);
        assertThat(p.meta()).isEqualTo(Map.of("app_id", "99"));
    }

    @Test
    void optionalFieldsMayBeAbsentNullOrEmpty() {
        Pin p = read("{\"cid\":\"" + CID + "\",\"name\":null,\"origins\":null,\"meta\":{}}");
        assertThat(p.name()).isNull();
        assertThat(p.origins()).isEmpty();
        assertThat(p.meta()).isEmpty();
        assertThat(read("{\"cid\":\"" + CID + "\"}").origins()).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(read("{\"cid\":\"" + CID + "\",\"mode\":\"recursive\",\"x\":[1,{}]}").cidText()).isEqualTo(CID);
    }

    @Test
    void duplicateOriginsCollapse() {
        assertThat(read("{\"cid\":\"" + CID + "\",\"origins\":[\"/a\",\"/a\",\"/b\"]}").origins())
                .containsExactly("/a", "/b");
    }

    @Test
    void everyMalformedBodyIsABadRequestNamingTheField() {
        rejected("", "request body is empty");
        rejected("{", "not valid JSON");
        rejected("{\"cid\":\"" + CID + "\"} {}", "not valid JSON");
        rejected("[]", "must be a JSON object");
        rejected("\"" + CID + "\"", "must be a JSON object");
        rejected("{}", "cid is required");
        rejected("{\"cid\":null}", "cid is required");
        rejected("{\"cid\":42}", "cid must be a string, got number");
        rejected("{\"cid\":\"\"}", "is not usable");
        rejected("{\"cid\":\"not-a-cid\"}", "cid 'not-a-cid' is not usable");
        rejected("{\"cid\":\"" + CID + "\",\"cid\":\"" + V0 + "\"}", "not valid JSON");
        rejected("{\"cid\":\"" + CID + "\",\"name\":7}", "name must be a string");
        rejected("{\"cid\":\"" + CID + "\",\"name\":\"" + "n".repeat(256) + "\"}", "at most 255 characters");
        rejected("{\"cid\":\"" + CID + "\",\"origins\":\"/ip4/1.2.3.4\"}", "origins must be an array");
        rejected("{\"cid\":\"" + CID + "\",\"origins\":[1]}", "origins[] must be a string");
        rejected("{\"cid\":\"" + CID + "\",\"origins\":[\"" + "a".repeat(1025) + "\"]}", "at most 1024 characters");
        rejected("{\"cid\":\"" + CID + "\",\"meta\":[]}", "meta must be a JSON object");
        rejected("{\"cid\":\"" + CID + "\",\"meta\":{\"a\":true}}", "meta[\"a\"] is boolean");
        rejected("{\"cid\":\"" + CID + "\",\"meta\":{\"a\":{\"b\":\"c\"}}}", "meta[\"a\"] is object");
        rejected("{\"cid\":\"" + CID + "\",\"meta\":{\"" + "k".repeat(256) + "\":\"v\"}}", "keys must be at most 255");
        rejected("{\"cid\":\"" + CID + "\",\"meta\":{\"k\":\"" + "v".repeat(4097) + "\"}}", "at most 4096 characters");
    }

    @Test
    void theSpecLimitsHoldExactlyAtTheirBounds() {
        String twenty = IntStream.range(0, 20).mapToObj(i -> "\"/o" + i + "\"").collect(Collectors.joining(","));
        assertThat(read("{\"cid\":\"" + CID + "\",\"origins\":[" + twenty + "]}").origins()).hasSize(20);
        rejected("{\"cid\":\"" + CID + "\",\"origins\":[" + twenty + ",\"/o20\"]}", "at most 20 multiaddrs, got 21");
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(","));
        assertThat(read("{\"cid\":\"" + CID + "\",\"meta\":{" + thousand + "}}").meta()).hasSize(1000);
        rejected("{\"cid\":\"" + CID + "\",\"meta\":{" + thousand + ",\"k1000\":\"v\"}}", "at most 1000 keys, got 1001");
        assertThat(read("{\"cid\":\"" + CID + "\",\"name\":\"" + "é".repeat(255) + "\"}").name()).hasSize(255);
    }

    @Test
    void aCidWithAHashCairnCannotVerifyIsRefusedUpFront() {
        // blake2b-256 raw CID: well-formed, but Cairn could never verify what it fetches for it
        rejected("{\"cid\":\"bafk2bzacedz6jmzkfwyxolf7kqj6klnsvjyipsuq5hlhngqadwqg6gvbdbpia\"}", "is not usable");
    }

    @Test
    void randomlyMutatedBodiesAreReadOrRefusedWithABadRequestOnly() {
        String valid = "{\"cid\":\"" + CID + "\",\"name\":\"n\",\"origins\":[\"/a\"],\"meta\":{\"k\":\"v\"}}";
        String alphabet = "{}[]\":,\\ 0123456789abcnulltrue-eE.\u00e9\u0000";
        Random random = new Random(20261125L);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder s = new StringBuilder(valid);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && !s.isEmpty(); e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                Pin p = read(s.toString());
                assertThat(p.cid()).isNotNull();
            } catch (BadPsaRequestException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
