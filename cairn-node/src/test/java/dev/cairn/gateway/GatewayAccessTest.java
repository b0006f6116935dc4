package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.account.Account;
import dev.cairn.account.Principal;
import dev.cairn.account.Scope;
import dev.cairn.cid.Cid;
import dev.cairn.config.GatewayMode;
import dev.cairn.config.ListenAddress;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway modes across two accounts, over real HTTP. The rule under test in every mode: a
 * reader who may not see a CID gets byte for byte the answer a CID nobody has gets.
 */
class GatewayAccessTest {
    static final Account ALICE = new Account(1, "alice", Instant.EPOCH);
    static final Account BOB = new Account(2, "bob", Instant.EPOCH);
    /** Not stored anywhere. */
    static final String ABSENT = "QmYzfKSE55XCjD1MW128RfciAf2DViABhEiXfgVFMabSjN";

    final FixtureContent content = new FixtureContent();
    final Map<Cid, byte[]> blocks = content.blocks;
    final Map<Long, Set<Cid>> pins = new ConcurrentHashMap<>();
    final Map<String, Principal> tokens = Map.of(
            "alice-gw", new Principal(ALICE, 1, Set.of(Scope.GATEWAY)),
            "bob-gw", new Principal(BOB, 2, Set.of(Scope.GATEWAY)),
            "bob-admin", new Principal(BOB, 3, Set.of(Scope.ADMIN)),
            "alice-pin", new Principal(ALICE, 4, Set.of(Scope.PIN, Scope.READ)));
    final HttpClient http = HttpClient.newHttpClient();
    HttpServerHandle server;
    Cid alices;
    Cid unpinned;


    final class Access implements ReadAccess {
        @Override
        public boolean readableByAnyone(Cid cid) {
            return pins.values().stream().anyMatch(s -> s.contains(cid));
        }

        @Override
        public boolean readableBy(long accountId, Cid cid) {
            return pins.getOrDefault(accountId, Set.of()).contains(cid);
        }

        @Override
        public Optional<Principal> authenticate(String secret) {
            return Optional.ofNullable(tokens.get(secret));
        }
    }

    @BeforeEach
    void load() throws IOException {
        alices = content.load("path_gateway_unixfs/dir-with-files.car");
        unpinned = content.load("path_gateway_unixfs/symlink.car");
        pins.put(ALICE.id(), Set.of(alices));
    }


    void start(GatewayMode mode) {
        server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                secret -> Optional.empty(), List.of(new GatewaySurface(content, mode, new Access())));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What a reader learns about a CID: status and body with the CID itself blanked out. */
    String answer(String cid, String suffix, String... headers) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/ipfs/" + cid + suffix, headers);
        return r.statusCode() + " " + r.body().replace(cid, "<cid>");
    }

    @Test
    void publicServesAnythingInTheStore() throws Exception {
        start(GatewayMode.PUBLIC);
        assertThat(get("/ipfs/" + unpinned + "/bar").statusCode()).isEqualTo(200);
        assertThat(get("/ipfs/" + alices + "/ascii.txt").statusCode()).isEqualTo(200);
    }

    @Test
    void pinnedServesPinnedRootsAndHidesTheRestLikeMissingContent() throws Exception {
        start(GatewayMode.PINNED);
        assertThat(get("/ipfs/" + alices + "/ascii.txt").statusCode()).isEqualTo(200);
        assertThat(get("/ipfs/" + alices + "?format=car").statusCode()).isEqualTo(200);
        for (String suffix : List.of("", "/bar", "?format=raw", "?format=car")) {
            assertThat(answer(unpinned.toString(), suffix)).as(suffix).isEqualTo(answer(ABSENT, suffix)).startsWith("404");
        }
        // only-if-cached must not tell a stored, unpinned root from a missing one either
        assertThat(answer(unpinned.toString(), "", "Cache-Control", "only-if-cached"))
                .isEqualTo(answer(ABSENT, "", "Cache-Control", "only-if-cached"));
        assertThat(get("/ipfs/bafkqaaa?format=raw").statusCode()).isEqualTo(200); // identity: nothing to hide
    }

    @Test
    void privateNeedsAGatewayTokenAndServesOnlyItsAccountsPins() throws Exception {
        start(GatewayMode.PRIVATE);
        HttpResponse<String> anonymous = get("/ipfs/" + alices + "/ascii.txt");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(get("/ipfs/" + alices + "/ascii.txt", "Authorization", "Bearer nope").statusCode()).isEqualTo(401);
        assertThat(get("/ipfs/" + alices + "/ascii.txt", "Authorization", "Bearer alice-pin").statusCode()).isEqualTo(403);

        HttpResponse<String> ok = get("/ipfs/" + alices + "/ascii.txt", "Authorization", "Bearer alice-gw");
        assertThat(ok.statusCode()).isEqualTo(200);
        // a shared cache must not hand Alice's content to the next reader
        assertThat(ok.headers().firstValue("Cache-Control")).contains("private, max-age=29030400, immutable");
        assertThat(get("/ipfs/" + alices + "/?token=alice-gw").headers().firstValue("Cache-Control").orElseThrow())
                .startsWith("private");
        assertThat(get("/ipfs/" + alices + "/ascii.txt?token=alice-gw").statusCode()).isEqualTo(200);
        // the 401 and 403 answers do not depend on the CID: no existence leak before authentication
        assertThat(answer(alices.toString(), "")).isEqualTo(answer(ABSENT, ""));
        assertThat(answer(alices.toString(), "", "Authorization", "Bearer alice-pin"))
                .isEqualTo(answer(ABSENT, "", "Authorization", "Bearer alice-pin"));
        // Bob, even as admin, does not see Alice's pin: the answer is that of missing content
        for (String token : List.of("bob-gw", "bob-admin")) {
            assertThat(answer(alices.toString(), "/ascii.txt", "Authorization", "Bearer " + token))
                    .isEqualTo(answer(ABSENT, "/ascii.txt", "Authorization", "Bearer " + token)).startsWith("404");
        }
        pins.put(BOB.id(), Set.of(alices));
        assertThat(get("/ipfs/" + alices + "/ascii.txt", "Authorization", "Bearer bob-gw").statusCode()).isEqualTo(200);
    }
}
