package dev.cairn.http.psa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Scope;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.pin.PinStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every PSA endpoint over real HTTP against a real server and database, with real tokens. */
class PsaRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATED = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @TempDir
    Path dir;

    private PsaTestServer psa;
    private final HttpClient http = HttpClient.newHttpClient();
    private String alice;
    private String bob;

    @BeforeEach
    void start() {
        psa = new PsaTestServer(dir);
        alice = psa.token("alice", Scope.PIN);
        bob = psa.token("bob", Scope.PIN);
    }

    @AfterEach
    void stop() {
        psa.close();
    }

    private static String cid(String content) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(content.getBytes(StandardCharsets.UTF_8))).toString();
    }

    /** A request to a raw path-and-query, sent exactly as written (no encoding by us). */
    private HttpResponse<String> send(String method, String pathAndQuery, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(psa.endpoint() + pathAndQuery));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    private JsonNode add(String token, String body) throws Exception {
        return ok(send("POST", "/pins", token, body), 202);
    }

    private JsonNode addCid(String token, String content) throws Exception {
        return add(token, "{\"cid\":\"" + cid(content) + "\"}");
    }

    private JsonNode list(String token, String query) throws Exception {
        return ok(send("GET", "/pins" + query, token, null), 200);
    }

    private static List<String> ids(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.path("results").forEach(r -> out.add(r.path("requestid").asText()));
        return out;
    }

    private static void failure(HttpResponse<String> r, int status, String reason, String detailsContain)
            throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.size()).as("a Failure has only 'error'").isEqualTo(1);
        assertThat(body.path("error").path("reason").asText()).isEqualTo(reason);
        assertThat(body.path("error").path("details").asText()).isNotBlank().contains(detailsContain);
    }

    private void settle(String requestId, PinStatus status) {
        UUID id = UUID.fromString(requestId);
        switch (status) {
            case PINNING -> psa.pins.pinning(id, Map.of("blocks_fetched", "3", "status_details", "fetching"));
            case PINNED -> psa.db.transaction(c -> {
                psa.pins.pinned(id, Map.of("dag_size", "1024")).run(c);
                return null;
            });
            case FAILED -> psa.pins.failed(id, "no provider answered");
            case QUEUED -> { }
        }
    }

    @Test
    void postPinsAnswers202WithAQueuedPinStatusEchoingTheCid() throws Exception {
        String v0 = Cid.v0(Multihash.sha256("dir".getBytes(StandardCharsets.UTF_8))).toString();
        JsonNode s = add(alice, "{\"cid\":\"" + v0 + "\",\"name\":\"site\",\"origins\":[\"/ip4/203.0.113.1/tcp/4001/p2p/"
                + "12D3KooWGRUVh4xXrKpQJMhEJK9HKfdQS8JYr2nZ7U4tgTbpQmJd\",\"nonsense\"],\"meta\":{\"app_id\":\"7\"}}");

        List<String> fields = new ArrayList<>();
        s.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("requestid", "status", "created", "pin", "delegates");
        assertThat(UUID.fromString(s.path("requestid").asText())).isNotNull();
        assertThat(s.path("status").asText()).isEqualTo("queued");
        assertThat(s.path("created").asText()).matches(CREATED);
        assertThat(s.path("pin").path("cid").asText()).isEqualTo(v0);
        assertThat(s.path("pin").path("name").asText()).isEqualTo("site");
        assertThat(s.path("pin").path("origins")).hasSize(2);
        assertThat(s.path("pin").path("meta").path("app_id").asText()).isEqualTo("7");
        assertThat(s.path("delegates").get(0).asText()).isEqualTo(PsaTestServer.DELEGATES.get(0));
        assertThat(psa.jobs.enqueuedIds()).containsExactly(UUID.fromString(s.path("requestid").asText()));
    }

    @Test
    void theSameCidTwiceGivesTwoRequestsWithUniqueCreated() throws Exception {
        JsonNode a = addCid(alice, "same");
        JsonNode b = addCid(alice, "same");
        assertThat(a.path("requestid").asText()).isNotEqualTo(b.path("requestid").asText());
        assertThat(a.path("created").asText()).isNotEqualTo(b.path("created").asText());
    }

    @Test
    void getAnswersThePinStatusAndItsStringInfo() throws Exception {
        String id = addCid(alice, "x").path("requestid").asText();
        settle(id, PinStatus.PINNING);
        JsonNode s = ok(send("GET", "/pins/" + id, alice, null), 200);
        assertThat(s.path("status").asText()).isEqualTo("pinning");
        assertThat(s.path("info").path("blocks_fetched").isTextual()).isTrue();
        assertThat(s.path("info").path("blocks_fetched").asText()).isEqualTo("3");
    }

    @Test
    void deleteAnswers202WithoutABodyAndThePinIsGoneAtOnce() throws Exception {
        String id = addCid(alice, "x").path("requestid").asText();
        settle(id, PinStatus.PINNED);
        HttpResponse<String> r = send("DELETE", "/pins/" + id, alice, null);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEmpty();
        failure(send("GET", "/pins/" + id, alice, null), 404, "NOT_FOUND", id);
        assertThat(list(alice, "?status=queued,pinning,pinned,failed").path("count").asLong()).isZero();
        failure(send("DELETE", "/pins/" + id, alice, null), 404, "NOT_FOUND", id);
    }

    @Test
    void replaceAnswers202WithTheNewRequestAndTheOldIdIsGone() throws Exception {
        String old = addCid(alice, "v1").path("requestid").asText();
        JsonNode fresh = ok(send("POST", "/pins/" + old, alice, "{\"cid\":\"" + cid("v2") + "\",\"name\":\"v2\"}"), 202);
        String next = fresh.path("requestid").asText();
        assertThat(next).isNotEqualTo(old);
        assertThat(fresh.path("pin").path("cid").asText()).isEqualTo(cid("v2"));
        assertThat(fresh.path("status").asText()).isEqualTo("queued");
        failure(send("GET", "/pins/" + old, alice, null), 404, "NOT_FOUND", old);
        assertThat(ids(list(alice, "?status=queued"))).containsExactly(next);
        failure(send("POST", "/pins/" + old, alice, "{\"cid\":\"" + cid("v3") + "\"}"), 404, "NOT_FOUND", old);
    }

    @Test
    void anotherAccountsRequestIdIsNotFoundForEveryMethod() throws Exception {
        String id = addCid(alice, "mine").path("requestid").asText();
        failure(send("GET", "/pins/" + id, bob, null), 404, "NOT_FOUND", id);
        failure(send("POST", "/pins/" + id, bob, "{\"cid\":\"" + cid("theirs") + "\"}"), 404, "NOT_FOUND", id);
        failure(send("DELETE", "/pins/" + id, bob, null), 404, "NOT_FOUND", id);
        assertThat(list(bob, "?status=queued").path("count").asLong()).isZero();
        assertThat(ok(send("GET", "/pins/" + id, alice, null), 200).path("status").asText()).isEqualTo("queued");
    }

    @Test
    void aRequestIdThatIsNotAUuidIsNotFoundRatherThanABadRequest() throws Exception {
        for (String id : List.of("not-a-uuid", "123", "1-1-1-1-1", "ZZZZZZZZ-0000-4000-8000-000000000000")) {
            failure(send("GET", "/pins/" + id, alice, null), 404, "NOT_FOUND", id);
            failure(send("DELETE", "/pins/" + id, alice, null), 404, "NOT_FOUND", id);
        }
    }

    @Test
    void withoutStatusOnlyPinnedAreListedUnlessCidNameOrMetaFilters() throws Exception {
        String queued = add(alice, "{\"cid\":\"" + cid("q") + "\",\"name\":\"q\",\"meta\":{\"k\":\"v\"}}")
                .path("requestid").asText();
        String pinned = addCid(alice, "p").path("requestid").asText();
        settle(pinned, PinStatus.PINNED);

        assertThat(ids(list(alice, ""))).containsExactly(pinned);
        assertThat(ids(list(alice, "?cid=" + cid("q")))).containsExactly(queued);
        assertThat(ids(list(alice, "?name=q"))).containsExactly(queued);
        assertThat(ids(list(alice, "?meta=%7B%22k%22%3A%22v%22%7D"))).containsExactly(queued);
    }

    @Test
    void listingsAreNewestFirstWithAnExactCountAndTheLimit() throws Exception {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            added.add(addCid(alice, "n" + i).path("requestid").asText());
        }
        JsonNode page = list(alice, "?status=queued");
        assertThat(page.path("count").asLong()).isEqualTo(12);
        assertThat(ids(page)).isEqualTo(added.reversed().subList(0, 10));
        assertThat(ids(list(alice, "?status=queued&limit=3"))).isEqualTo(added.reversed().subList(0, 3));
        assertThat(list(alice, "?status=queued&limit=1000").path("results")).hasSize(12);
    }

    @Test
    void kubosPagingWithEncodedParametersVisitsEveryPinOnce() throws Exception {
        Set<String> added = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            added.add(addCid(alice, "page" + i).path("requestid").asText());
        }
        List<String> seen = new ArrayList<>();
        String before = null;
        for (int requests = 1; ; requests++) {
            String query = "?status=failed%2Cpinned%2Cpinning%2Cqueued&limit=10"
                    + (before == null ? "" : "&before=" + before.replace(":", "%3A"));
            JsonNode page = list(alice, query);
            seen.addAll(ids(page));
            if (page.path("count").asLong() == page.path("results").size()) {
                assertThat(requests).isEqualTo(3);
                break;
            }
            before = page.path("results").get(page.path("results").size() - 1).path("created").asText();
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(added);
    }

    @Test
    void anUnencodedPlusInAnOffsetIsReadAsPlus() throws Exception {
        addCid(alice, "x");
        assertThat(list(alice, "?status=queued&before=2999-01-01T01:00:00.000+01:00").path("count").asLong()).isEqualTo(1);
        assertThat(list(alice, "?status=queued&after=2999-01-01T01:00:00+01:00").path("count").asLong()).isZero();
    }

    @Test
    void everyFilterWorksOverHttp() throws Exception {
        String a = add(alice, "{\"cid\":\"" + cid("a") + "\",\"name\":\"Holiday Photos\",\"meta\":{\"app\":\"x\"}}")
                .path("requestid").asText();
        String b = add(alice, "{\"cid\":\"" + cid("b") + "\",\"name\":\"holiday photos\",\"meta\":{\"app\":\"y\"}}")
                .path("requestid").asText();
        settle(b, PinStatus.FAILED);
        assertThat(ids(list(alice, "?name=Holiday%20Photos"))).containsExactly(a);
        assertThat(ids(list(alice, "?name=HOLIDAY+PHOTOS&match=iexact"))).containsExactly(b, a);
        assertThat(ids(list(alice, "?name=Photos&match=partial"))).containsExactly(a);
        assertThat(ids(list(alice, "?name=PHOTOS&match=ipartial"))).containsExactly(b, a);
        assertThat(ids(list(alice, "?status=failed"))).containsExactly(b);
        assertThat(ids(list(alice, "?cid=" + cid("a") + "%2C" + cid("b")))).containsExactly(b, a);
        assertThat(ids(list(alice, "?meta=%7B%22app%22%3A%22y%22%7D"))).containsExactly(b);
        assertThat(ids(list(alice, "?meta%5Bapp%5D=x"))).containsExactly(a);
    }

    @Test
    void badQueriesAre400FailuresNamingTheParameter() throws Exception {
        String eleven = String.join(",", java.util.stream.IntStream.range(0, 11).mapToObj(i -> cid("c" + i)).toList());
        Map<String, String> cases = Map.ofEntries(
                Map.entry("?limit=0", "limit"),
                Map.entry("?limit=1001", "limit"),
                Map.entry("?limit=abc", "limit"),
                Map.entry("?cid=" + eleven, "at most 10"),
                Map.entry("?cid=nope", "cid 'nope'"),
                Map.entry("?name=" + "n".repeat(256), "name"),
                Map.entry("?name=x&match=regex", "match"),
                Map.entry("?status=done", "status"),
                Map.entry("?meta=map%5Bapp%3Ax%5D", "meta"),
                Map.entry("?meta=%7B%22n%22%3A1%7D", "meta"),
                Map.entry("?before=yesterday", "before"),
                Map.entry("?after=2026-13-01T00%3A00%3A00Z", "after"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            failure(send("GET", "/pins" + c.getKey(), alice, null), 400, "BAD_REQUEST", c.getValue());
        }
    }

    @Test
    void badBodiesAre400FailuresNamingTheField() throws Exception {
        String c = cid("x");
        Map<String, String> cases = Map.of(
                "not json", "not valid JSON",
                "{}", "cid is required",
                "{\"cid\":\"nope\"}", "cid 'nope'",
                "{\"cid\":\"" + c + "\",\"meta\":{\"n\":1}}", "meta",
                "{\"cid\":\"" + c + "\",\"name\":\"" + "n".repeat(256) + "\"}", "name",
                "{\"cid\":\"" + c + "\",\"origins\":" + JSON.valueToTree(
                        java.util.stream.IntStream.range(0, 21).mapToObj(i -> "/o" + i).toList()) + "}", "origins");
        for (Map.Entry<String, String> e : cases.entrySet()) {
            failure(send("POST", "/pins", alice, e.getKey()), 400, "BAD_REQUEST", e.getValue());
        }
        String id = addCid(alice, "ok").path("requestid").asText();
        failure(send("POST", "/pins/" + id, alice, "{}"), 400, "BAD_REQUEST", "cid is required");
        assertThat(ok(send("GET", "/pins/" + id, alice, null), 200).path("status").asText())
                .as("a refused replace leaves the old request alone").isEqualTo("queued");
    }

    @Test
    void unknownBodyFieldsAreIgnored() throws Exception {
        JsonNode s = add(alice, "{\"cid\":\"" + cid("x") + "\",\"mode\":\"recursive\"}");
        assertThat(s.path("pin").has("mode")).isFalse();
    }

    @Test
    void missingOrInvalidTokensAre401Failures() throws Exception {
        failure(send("GET", "/pins", null, null), 401, "UNAUTHORIZED", "token");
        failure(send("GET", "/pins", "cairn_wrong", null), 401, "UNAUTHORIZED", "token");
        failure(send("POST", "/pins", null, "{\"cid\":\"" + cid("x") + "\"}"), 401, "UNAUTHORIZED", "token");
        failure(send("DELETE", "/pins/" + UUID.randomUUID(), "cairn_wrong", null), 401, "UNAUTHORIZED", "token");
    }

    @Test
    void readingNeedsReadOrPinAndWritingNeedsPin() throws Exception {
        String reader = psa.token("alice", Scope.READ);
        String uploader = psa.token("alice", Scope.UPLOAD);
        String admin = psa.token("alice", Scope.ADMIN);
        String id = addCid(alice, "x").path("requestid").asText();

        assertThat(list(reader, "?status=queued").path("count").asLong()).isEqualTo(1);
        ok(send("GET", "/pins/" + id, reader, null), 200);
        failure(send("POST", "/pins", reader, "{\"cid\":\"" + cid("y") + "\"}"), 403, "FORBIDDEN", "pin");
        failure(send("DELETE", "/pins/" + id, reader, null), 403, "FORBIDDEN", "pin");
        failure(send("GET", "/pins", uploader, null), 403, "FORBIDDEN", "read");
        failure(send("GET", "/pins/" + id, uploader, null), 403, "FORBIDDEN", "read");
        assertThat(list(alice, "?status=queued").path("count").asLong()).as("pin may read").isEqualTo(1);
        assertThat(send("DELETE", "/pins/" + id, admin, null).statusCode()).isEqualTo(202);
    }

    @Test
    void corsPreflightIsAnsweredWithoutAToken() throws Exception {
        for (String path : List.of("/pins", "/pins/" + UUID.randomUUID())) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(psa.endpoint() + path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example")
                    .header("Access-Control-Request-Method", "DELETE")
                    .header("Access-Control-Request-Headers", "authorization")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isBetween(200, 204);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
            assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("DELETE");
            assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("")).containsIgnoringCase("authorization");
        }
        HttpResponse<String> get = send("GET", "/pins", alice, null);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void theSurfaceRefusesDelegatesKuboCouldNotParse() {
        for (List<String> bad : List.of(List.<String>of(), List.of("/ip4/127.0.0.1/tcp/4001"), List.of("12D3KooWabc"),
                java.util.stream.IntStream.range(0, 21).mapToObj(i -> "/ip4/10.0.0." + i + "/tcp/4001/p2p/12D3KooWabc")
                        .toList())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PsaSurface(psa.pins, bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PSA delegate");
        }
    }

    @Test
    void aBodyOverTheListenerLimitIsRefusedWithAFailure() throws Exception {
        String huge = "{\"cid\":\"" + cid("x") + "\",\"name\":\"" + "n".repeat(2 << 20) + "\"}";
        failure(send("POST", "/pins", alice, huge), 413, "PAYLOAD_TOO_LARGE", "limit");
        assertThat(list(alice, "?status=queued").path("count").asLong()).isZero();
    }
}
