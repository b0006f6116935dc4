package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.account.AccountService;
import dev.cairn.account.Principal;
import dev.cairn.account.Scope;
import dev.cairn.app.LocalNode;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.config.CairnHome;
import dev.cairn.db.Database;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn account} and {@code cairn token} through the real command tree, alone and next to a running node. */
class AccountTokenCommandsTest {
    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private CliRun cli() {
        return new CliRun(home());
    }

    private Optional<Principal> authenticate(String secret) {
        try (Database db = Database.openSqlite(home().resolve(LocalNode.DATABASE_FILE))) {
            return AccountService.over(db).authenticate(secret);
        }
    }

    private String createToken(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "token";
        all[1] = "create";
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun.Result r = cli().run(all);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.lines()).hasSize(1);
        return r.lines().get(0);
    }

    @Test
    void createdAccountsAreListed() {
        assertThat(cli().run("account", "create", "alice").out()).contains("Created account 'alice'");
        cli().run("account", "create", "bob");
        CliRun.Result list = cli().run("account", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.lines()).hasSize(3);
        assertThat(list.lines().get(0)).startsWith("NAME");
        assertThat(list.lines().get(1)).startsWith("alice ");
        assertThat(list.lines().get(2)).startsWith("bob ");
    }

    @Test
    void aDuplicateOrInvalidAccountNameFailsWithOneLine() {
        cli().run("account", "create", "alice");
        CliRun.Result dup = cli().run("account", "create", "alice");
        assertThat(dup.exit()).isEqualTo(1);
        assertThat(dup.stderr()).isEqualTo("Error: account 'alice' already exists\n");
        CliRun.Result bad = cli().run("account", "create", "Alice!");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr()).startsWith("Error: account name must be").doesNotContain("internal error");
    }

    @Test
    void tokenCreatePrintsOnlyTheSecretOnStdoutAndItAuthenticates() {
        cli().run("account", "create", "alice");
        CliRun.Result r = cli().run("token", "create", "--account", "alice", "--scopes", "read,upload", "--label", "ci");
        assertThat(r.exit()).as(r.stderr()).isZero();
        String secret = r.out().strip();
        assertThat(secret).startsWith("cairn_").doesNotContain("\n");
        assertThat(r.stderr()).contains("Token 1 for account 'alice'", "scopes read,upload", "expires never", "only this once");
        Principal p = authenticate(secret).orElseThrow();
        assertThat(p.account().name()).isEqualTo("alice");
        assertThat(p.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.UPLOAD);
    }

    @Test
    void theDefaultScopesAreReadAndPin() {
        cli().run("account", "create", "alice");
        assertThat(authenticate(createToken("--account", "alice")).orElseThrow().scopes())
                .containsExactlyInAnyOrder(Scope.READ, Scope.PIN);
    }

    @Test
    void expiriesAreDurationsOrInstants() {
        cli().run("account", "create", "alice");
        createToken("--account", "alice", "--expires", "30d");
        createToken("--account", "alice", "--expires", "2099-01-01T00:00:00Z");
        CliRun.Result list = cli().run("token", "list");
        Instant in30Days = Instant.now().plus(Duration.ofDays(30));
        String first = list.lines().get(1);
        String expires = first.split("\\s+")[5];
        assertThat(Duration.between(Instant.parse(expires), in30Days).abs()).isLessThan(Duration.ofMinutes(5));
        assertThat(list.lines().get(2)).contains("2099-01-01T00:00:00Z");
    }

    @Test
    void badOptionsFailClearly() {
        cli().run("account", "create", "alice");
        assertThat(cli().run("token", "create", "--account", "alice", "--expires", "soon").stderr())
                .startsWith("Error: --expires must be a duration");
        assertThat(cli().run("token", "create", "--account", "alice", "--expires", "2001-01-01T00:00:00Z").stderr())
                .startsWith("Error: token expiry 2001-01-01T00:00:00Z is not in the future");
        assertThat(cli().run("token", "create", "--account", "alice", "--scopes", "root").stderr())
                .startsWith("Error: --scopes: unknown scope 'root'");
        CliRun.Result unknown = cli().run("token", "create", "--account", "nobody");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo("Error: no account named 'nobody'\n");
        assertThat(cli().run("token", "create").exit()).as("--account is required").isEqualTo(2);
    }

    @Test
    void tokenListShowsDetailsButNeverSecrets() {
        cli().run("account", "create", "alice");
        cli().run("account", "create", "bob");
        String a = createToken("--account", "alice", "--label", "laptop");
        String b = createToken("--account", "bob", "--scopes", "admin");
        CliRun.Result all = cli().run("token", "list");
        assertThat(all.out()).doesNotContain(a).doesNotContain(b).doesNotContain("cairn_");
        assertThat(all.lines()).hasSize(3);
        assertThat(all.lines().get(0)).startsWith("ID").contains("ACCOUNT", "SCOPES", "STATUS", "EXPIRES", "LABEL");
        assertThat(all.lines().get(1)).startsWith("1 ").contains("alice", "read,pin", "active", "never", "laptop");
        assertThat(all.lines().get(2)).startsWith("2 ").contains("bob", "admin");
        assertThat(cli().run("token", "list", "--account", "bob").lines()).hasSize(2);
        assertThat(cli().run("token", "list", "--account", "carol").stderr()).isEqualTo("Error: no account named 'carol'\n");
    }

    @Test
    void aRevokedTokenStopsWorkingAndIsListedAsRevoked() {
        cli().run("account", "create", "alice");
        String secret = createToken("--account", "alice");
        CliRun.Result r = cli().run("token", "revoke", "1");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("Revoked token 1\n");
        assertThat(authenticate(secret)).isEmpty();
        assertThat(cli().run("token", "list").lines().get(1)).contains("revoked");
        CliRun.Result again = cli().run("token", "revoke", "1");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.stderr()).isEqualTo("Error: no active token with id 1\n");
    }

    @Test
    void accountsAndTokensAreManagedWhileTheNodeServesTheSameHome() throws Exception {
        NodeContext context = NodeContext.open(new CairnHome(home()), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0"));
        try (RunningNode node = RunningNode.start(context, line -> { })) {
            // The running node holds the block store's lock; the CLI opens only the database.
            assertThat(cli().run("account", "create", "alice").exit()).isZero();
            String secret = createToken("--account", "alice");
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest whoami = HttpRequest.newBuilder(node.apiUri().resolve("/admin/whoami"))
                    .header("Authorization", "Bearer " + secret).build();
            HttpResponse<String> ok = http.send(whoami, HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"account\":\"alice\"");
            assertThat(cli().run("token", "revoke", "2").exit()).as("token 1 is the bootstrap admin's").isZero();
            assertThat(http.send(whoami, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(cli().run("account", "list").out()).contains("admin", "alice");
        }
    }
}
