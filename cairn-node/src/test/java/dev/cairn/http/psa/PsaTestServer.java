package dev.cairn.http.psa;

import dev.cairn.account.AccountService;
import dev.cairn.account.Scope;
import dev.cairn.config.ListenAddress;
import dev.cairn.db.Database;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.pin.jdbc.JdbcPinService;
import dev.cairn.pin.jdbc.RecordingJobQueue;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/**
 * A real Pinning Service API on loopback (port 0) over a real SQLite database: accounts and
 * tokens from the account service, pins from {@link JdbcPinService}, no pin workers (jobs are only
 * recorded), so requests stay {@code queued} unless a test moves them through the lifecycle.
 */
public final class PsaTestServer implements AutoCloseable {
    public static final List<String> DELEGATES =
            List.of("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWGRUVh4xXrKpQJMhEJK9HKfdQS8JYr2nZ7U4tgTbpQmJd");

    public final Database db;
    public final AccountService accounts;
    public final JdbcPinService pins;
    public final RecordingJobQueue jobs = new RecordingJobQueue();
    public final HttpServerHandle server;

    public PsaTestServer(Path dir) {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        accounts = AccountService.over(db);
        pins = new JdbcPinService(db, jobs, InstantSource.system());
        server = HttpServerHandle.start("api", new ListenAddress("127.0.0.1", 0), HttpOptions.defaults(),
                accounts::authenticate, List.of(new PsaSurface(pins, DELEGATES)));
    }

    /** Creates the account if needed and issues a token with these scopes; returns its secret. */
    public String token(String account, Scope... scopes) {
        if (accounts.find(account).isEmpty()) {
            accounts.create(account);
        }
        return accounts.issue(account, Set.of(scopes), null, "test").secret();
    }

    public long accountId(String account) {
        return accounts.find(account).orElseThrow().id();
    }

    /** {@code http://127.0.0.1:<port>}: the PSA endpoint clients are configured with. */
    public URI endpoint() {
        return server.uri();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            db.close();
        }
    }
}
