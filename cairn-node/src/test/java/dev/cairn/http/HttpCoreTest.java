package dev.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.AccountService;
import dev.cairn.account.IssuedToken;
import dev.cairn.account.ManualClock;
import dev.cairn.account.Scope;
import dev.cairn.config.ListenAddress;
import dev.cairn.db.Database;
import dev.cairn.http.psa.PsaErrors;
import dev.cairn.pin.PinNotFoundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP core through real requests on loopback, with the PSA error format as the surface's. */
class HttpCoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LIMIT = 1024;

    @TempDir
    Path dir;

    Database db;
    ManualClock clock = new ManualClock();
    AccountService accounts;
    HttpServerHandle server;
    HttpClient http = HttpClient.newHttpClient();
    IssuedToken reader;

    /** A small surface exercising what the core offers. */
    static final class TestSurface implements HttpSurface {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public void routes(Routes r) {
            r.get("/whoami", Access.scope(Scope.READ), ctx -> ctx.result(HttpRequests.principal(ctx).account().name()));
            r.post("/echo", Access.AUTHENTICATED, ctx -> ctx.result(HttpRequests.body(ctx)));
            r.post("/pins", Access.scope(Scope.PIN), ctx -> ctx.status(202));
            r.get("/open", Access.ANONYMOUS, ctx -> ctx.result("open " + HttpRequests.principalIfAny(ctx).isPresent()));
            r.get("/missing", Access.ANONYMOUS, ctx -> {
                throw new PinNotFoundException(UUID.fromString("00000000-0000-0000-0000-000000000001"));
            });
            r.get("/invalid", Access.ANONYMOUS, ctx -> {
                throw new IllegalArgumentException("limit must be 1..1000");
            });
            r.get("/bug", Access.ANONYMOUS, ctx -> {
                throw new IllegalStateException("secret internals");
            });
            r.get("/half-written", Access.ANONYMOUS, ctx -> {
                ctx.outputStream().write("{\"progress\":1}\n".getBytes(StandardCharsets.UTF_8));
                throw new IllegalArgumentException("failed after writing, before anything went out");
            });
        }

        @Override
        public ErrorRenderer errors() {
            return new PsaErrors();
        }
    }

    @BeforeEach
    void start() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        accounts = AccountService.over(db, clock, new SecureRandom());
        accounts.create("alice");
        reader = accounts.issue("alice", Set.of(Scope.READ), clock.instant().plus(Duration.ofDays(1)), null);
        server = HttpServerHandle.start("api", new ListenAddress("127.0.0.1", 0), new HttpOptions(LIMIT),
                accounts::authenticate, List.of(new TestSurface()));
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri().resolve(path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertFailure(HttpResponse<String> response, int status, String reason) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.size()).as("only the error field").isEqualTo(1);
        assertThat(body.path("error").size()).isEqualTo(2);
        assertThat(body.path("error").path("reason").asText()).isEqualTo(reason);
        assertThat(body.path("error").path("details").asText()).isNotBlank();
    }

    @Test
    void anErrorReplacesWhatTheHandlerWroteButHadNotSent() throws Exception {
        assertFailure(send(request("/half-written")), 400, "BAD_REQUEST");
    }

    @Test
    void aPathJettyRefusesBeforeAnyRouteGetsTheSurfacesErrorShapeAndConnectionClose() throws Exception {
        try (Socket s = new Socket(server.uri().getHost(), server.port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("GET /open/%00x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String head = response.substring(0, response.indexOf("\r\n\r\n"));
            assertThat(head).startsWith("HTTP/1.1 400").containsIgnoringCase("Connection: close")
                    .containsIgnoringCase("Content-Type: application/json").doesNotContainIgnoringCase("text/html");
            JsonNode body = JSON.readTree(response.substring(head.length() + 4));
            assertThat(body.path("error").path("reason").asText()).isEqualTo("BAD_REQUEST");
            assertThat(body.path("error").path("details").asText()).isNotBlank();
        }
    }

    @Test
    void headersOverJettysBufferAreAnswered431InTheSurfacesShape() throws Exception {
        HttpFields.Mutable fields = HttpFields.build();
        ByteBuffer body = new ServerErrors(new PsaErrors()).badMessageError(431, null, fields);
        assertThat(fields.get("Content-Type")).isEqualTo("application/json");
        assertThat(fields.get("Connection")).isEqualTo("close");
        JsonNode failure = JSON.readTree(StandardCharsets.UTF_8.decode(body).toString());
        assertThat(failure.path("error").path("reason").asText()).isEqualTo("REQUEST_HEADER_FIELDS_TOO_LARGE");
        assertThat(failure.path("error").path("details").asText()).isEqualTo("431 Request Header Fields Too Large");
    }

    @Test
    void aValidTokenReachesTheHandlerAsItsAccount() throws Exception {
        HttpResponse<String> r = send(request("/whoami").header("Authorization", "Bearer " + reader.secret()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("alice");
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() throws Exception {
        assertThat(send(request("/whoami").header("Authorization", "bearer " + reader.secret())).statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingTokenIs401WithAFailureBody() throws Exception {
        HttpResponse<String> r = send(request("/whoami"));
        assertFailure(r, 401, "UNAUTHORIZED");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void malformedAuthorizationHeadersAre401() throws Exception {
        for (String header : new String[] {"Basic YWxpY2U6eA==", "Bearer", "Bearer ", reader.secret(), "Token " + reader.secret()}) {
            assertFailure(send(request("/whoami").header("Authorization", header)), 401, "UNAUTHORIZED");
        }
    }

    @Test
    void aWrongTokenIs401() throws Exception {
        assertFailure(send(request("/whoami").header("Authorization", "Bearer cairn_" + "a".repeat(52))), 401, "UNAUTHORIZED");
    }

    @Test
    void aRevokedTokenIs401() throws Exception {
        accounts.revoke(reader.info().id());
        assertFailure(send(request("/whoami").header("Authorization", "Bearer " + reader.secret())), 401, "UNAUTHORIZED");
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        clock.advance(Duration.ofDays(1));
        assertFailure(send(request("/whoami").header("Authorization", "Bearer " + reader.secret())), 401, "UNAUTHORIZED");
    }

    @Test
    void aTokenWithoutTheRoutesScopeIs403() throws Exception {
        HttpResponse<String> r = send(request("/pins").header("Authorization", "Bearer " + reader.secret())
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertFailure(r, 403, "FORBIDDEN");
        assertThat(r.body()).contains("pin");
    }

    @Test
    void anAdminTokenMayDoEverything() throws Exception {
        IssuedToken admin = accounts.bootstrapAdmin().orElseThrow();
        HttpResponse<String> r = send(request("/pins").header("Authorization", "Bearer " + admin.secret())
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isEqualTo(202);
    }

    @Test
    void anonymousRoutesIgnoreTokens() throws Exception {
        HttpResponse<String> r = send(request("/open").header("Authorization", "Bearer nonsense"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("open false");
    }

    @Test
    void corsPreflightIsAnsweredWithoutAuthentication() throws Exception {
        HttpResponse<String> r = send(request("/pins").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type"));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST, DELETE, OPTIONS");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers")).contains("Authorization, Content-Type");
    }

    @Test
    void everyResponseAllowsAnyOriginErrorsIncluded() throws Exception {
        assertThat(send(request("/whoami")).headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void aBodyAtTheLimitIsRead() throws Exception {
        String body = "x".repeat((int) LIMIT);
        HttpResponse<String> r = send(request("/echo").header("Authorization", "Bearer " + reader.secret())
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(body);
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413() throws Exception {
        HttpResponse<String> r = send(request("/echo").header("Authorization", "Bearer " + reader.secret())
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat((int) LIMIT + 1))));
        assertFailure(r, 413, "PAYLOAD_TOO_LARGE");
        assertThat(r.body()).contains(String.valueOf(LIMIT));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = new byte[(int) LIMIT * 4];
        HttpResponse<String> r = send(request("/echo").header("Authorization", "Bearer " + reader.secret())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertFailure(r, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void theSurfaceMapsItsExceptionsToStatuses() throws Exception {
        assertFailure(send(request("/missing")), 404, "NOT_FOUND");
        assertFailure(send(request("/invalid")), 400, "BAD_REQUEST");
        assertThat(send(request("/invalid")).body()).contains("limit must be 1..1000");
    }

    @Test
    void anUnexpectedExceptionIs500WithoutItsMessage() throws Exception {
        HttpResponse<String> r = send(request("/bug"));
        assertFailure(r, 500, "INTERNAL_SERVER_ERROR");
        assertThat(r.body()).doesNotContain("secret internals").contains(r.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void anUnknownPathIs404InTheFirstSurfacesFormat() throws Exception {
        assertFailure(send(request("/nowhere")), 404, "NOT_FOUND");
    }

    @Test
    void aKnownPathWithAnotherMethodIs405InTheSurfacesFormat() throws Exception {
        HttpResponse<String> r = send(request("/pins").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(r.body()).path("error").path("details").asText()).isEqualTo("PUT is not allowed on /pins");
    }

    @Test
    void requestIdsAreEchoedOrMade() throws Exception {
        assertThat(send(request("/open").header("X-Request-Id", "abc-123")).headers().firstValue("X-Request-Id"))
                .contains("abc-123");
        String made = send(request("/open").header("X-Request-Id", "bad id\twith spaces")).headers()
                .firstValue("X-Request-Id").orElseThrow();
        assertThat(made).matches("[0-9a-f]{16}");
        assertThat(send(request("/open")).headers().firstValue("X-Request-Id").orElseThrow())
                .matches("[0-9a-f]{16}").isNotEqualTo(made);
    }

    @Test
    void portZeroBindsAFreePortAndCloseReleasesIt() throws Exception {
        assertThat(server.port()).isPositive();
        URI uri = server.uri().resolve("/open");
        server.close();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        server = HttpServerHandle.start("api", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                accounts::authenticate, List.of(new TestSurface()));
    }

    @Test
    void aTakenPortFailsWithAMessageNamingTheAddress() {
        ListenAddress taken = new ListenAddress("127.0.0.1", server.port());
        assertThatThrownBy(() -> HttpServerHandle.start("gateway", taken, HttpOptions.defaults(),
                accounts::authenticate, List.of(new TestSurface())))
                .isInstanceOf(ListenException.class).hasMessageContaining(taken.toString());
    }

    @Test
    void errorMappingPicksTheMostSpecificRegisteredType() {
        ErrorMapping m = ErrorMapping.builder().map(IllegalArgumentException.class, 400)
                .map(NumberFormatException.class, 422).build();
        assertThat(m.status(new NumberFormatException())).isEqualTo(422);
        assertThat(m.status(new IllegalArgumentException())).isEqualTo(400);
        assertThat(m.status(new IllegalStateException())).isEqualTo(500);
        assertThat(m.status(HttpException.forbidden("x"))).isEqualTo(403);
        assertThatThrownBy(() -> ErrorMapping.builder().map(IOException.class, 200))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomAuthorizationHeadersAreAlways401() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 100; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
            if (random.nextBoolean()) {
                header.append(reader.secret(), 0, random.nextInt(reader.secret().length()));
            }
            for (int n = random.nextInt(80); n > 0; n--) {
                header.append((char) (0x21 + random.nextInt(0x5e))); // visible ASCII: what HTTP headers carry
            }
            if (header.toString().isBlank()) {
                continue;
            }
            HttpResponse<String> r = send(request("/whoami").header("Authorization", header.toString()));
            assertThat(r.statusCode()).as(header.toString()).isEqualTo(401);
        }
    }
}
