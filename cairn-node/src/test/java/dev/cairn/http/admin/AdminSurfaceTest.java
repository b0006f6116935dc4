package dev.cairn.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.AccountService;
import dev.cairn.account.IssuedToken;
import dev.cairn.account.Scope;
import dev.cairn.config.ListenAddress;
import dev.cairn.db.Database;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts and tokens over HTTP, as an admin token manages them. */
class AdminSurfaceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Database db;
    AccountService accounts;
    HttpServerHandle server;
    HttpClient http = HttpClient.newHttpClient();
    String admin;

    @BeforeEach
    void start() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        accounts = AccountService.over(db);
        admin = accounts.bootstrapAdmin().orElseThrow().secret();
        server = HttpServerHandle.start("api", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                accounts::authenticate, List.of(new AdminSurface(accounts)));
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        HttpResponse<String> r = call("GET", "/health", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("status").asText()).isEqualTo("ok");
    }

    @Test
    void anAdminCreatesAnAccountAndATokenThatThenWorks() throws Exception {
        HttpResponse<String> created = call("POST", "/admin/accounts", admin, "{\"name\":\"alice\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).path("name").asText()).isEqualTo("alice");

        HttpResponse<String> issued = call("POST", "/admin/tokens", admin,
                "{\"account\":\"alice\",\"scopes\":[\"pin\",\"read\"],\"expires\":\"2099-01-01T00:00:00Z\",\"label\":\"ci\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode token = json(issued);
        String secret = token.path("secret").asText();
        assertThat(token.path("scopes").toString()).isEqualTo("[\"read\",\"pin\"]");
        assertThat(token.path("expires").asText()).isEqualTo("2099-01-01T00:00:00Z");

        HttpResponse<String> whoami = call("GET", "/admin/whoami", secret, null);
        assertThat(json(whoami).path("account").asText()).isEqualTo("alice");

        HttpResponse<String> list = call("GET", "/admin/tokens?account=alice", admin, null);
        assertThat(list.body()).doesNotContain(secret).doesNotContain("secret");
        assertThat(json(list).path("tokens")).hasSize(1);

        long id = token.path("id").asLong();
        assertThat(call("DELETE", "/admin/tokens/" + id, admin, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/admin/whoami", secret, null).statusCode()).isEqualTo(401);
        assertThat(call("DELETE", "/admin/tokens/" + id, admin, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aTokenWithoutAdminScopeCannotManage() throws Exception {
        accounts.create("alice");
        IssuedToken pin = accounts.issue("alice", Set.of(Scope.PIN, Scope.READ), null, null);
        HttpResponse<String> r = call("POST", "/admin/accounts", pin.secret(), "{\"name\":\"mallory\"}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("error").path("reason").asText()).isEqualTo("FORBIDDEN");
        assertThat(accounts.find("mallory")).isEmpty();
        assertThat(call("GET", "/admin/accounts", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void mistakesGetClearStatuses() throws Exception {
        call("POST", "/admin/accounts", admin, "{\"name\":\"alice\"}");
        assertThat(call("POST", "/admin/accounts", admin, "{\"name\":\"alice\"}").statusCode()).isEqualTo(409);
        assertThat(call("POST", "/admin/accounts", admin, "{\"name\":\"Bad Name\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/admin/accounts", admin, "{\"nam\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/admin/accounts", admin, "not json").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/admin/tokens", admin, "{\"account\":\"nobody\"}").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/admin/tokens", admin, "{\"account\":\"alice\",\"scopes\":[\"root\"]}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/admin/tokens", admin, "{\"account\":\"alice\",\"expires\":\"tomorrow\"}").statusCode()).isEqualTo(400);
        assertThat(call("GET", "/admin/tokens?account=nobody", admin, null).statusCode()).isEqualTo(404);
        HttpResponse<String> r = call("DELETE", "/admin/tokens/abc", admin, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).path("error").path("details").asText()).isNotBlank();
    }

    @Test
    void accountsAreListedOldestFirst() throws Exception {
        call("POST", "/admin/accounts", admin, "{\"name\":\"alice\"}");
        JsonNode list = json(call("GET", "/admin/accounts", admin, null)).path("accounts");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("name").asText()).isEqualTo("admin");
        assertThat(list.get(1).path("name").asText()).isEqualTo("alice");
    }
}
