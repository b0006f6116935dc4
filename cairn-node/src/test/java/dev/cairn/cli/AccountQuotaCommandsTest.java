package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.LocalNode;
import dev.cairn.db.Database;
import dev.cairn.quota.StorageQuotas;
import dev.cairn.quota.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn account create --quota}, {@code account set-quota} and the quota and usage columns of {@code account list}. */
class AccountQuotaCommandsTest {
    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private CliRun cli() {
        return new CliRun(home());
    }

    private OptionalLong quotaOf(String account) {
        try (Database db = Database.openSqlite(home().resolve(LocalNode.DATABASE_FILE))) {
            List<Usage> all = StorageQuotas.over(db, null).all();
            return all.stream().filter(u -> u.account().equals(account)).findFirst().orElseThrow().quotaBytes();
        }
    }

    @Test
    void createTakesAQuotaInBinaryOrDecimalUnits() {
        CliRun.Result r = cli().run("account", "create", "alice", "--quota", "10GiB");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).contains("Created account 'alice' (quota: 10.0 GiB)");
        assertThat(quotaOf("alice")).hasValue(10L * 1024 * 1024 * 1024);
        assertThat(cli().run("account", "create", "bob", "--quota", "500MB").exit()).isZero();
        assertThat(quotaOf("bob")).hasValue(500_000_000L);
        assertThat(cli().run("account", "create", "carol").exit()).isZero();
        assertThat(quotaOf("carol")).isEmpty();
    }

    @Test
    void withoutQuotaCreateAppliesTheConfiguredDefault() {
        CliRun.Result r = cli().run("--set", "api.default-quota-bytes=1048576", "account", "create", "dave");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(quotaOf("dave")).hasValue(1_048_576L);
    }

    @Test
    void setQuotaChangesAndClearsAQuotaAndListShowsQuotaAndUsage() {
        cli().run("account", "create", "alice");
        CliRun.Result set = cli().run("account", "set-quota", "alice", "2GiB");
        assertThat(set.exit()).as(set.stderr()).isZero();
        assertThat(quotaOf("alice")).hasValue(2L << 30);

        CliRun.Result list = cli().run("account", "list");
        assertThat(list.lines().get(0)).containsSubsequence("NAME", "CREATED", "QUOTA", "USED");
        String alice = list.lines().stream().filter(l -> l.startsWith("alice ")).findFirst().orElseThrow();
        assertThat(alice).contains("2.0 GiB").endsWith("0 B");

        assertThat(cli().run("account", "set-quota", "alice", "unlimited").exit()).isZero();
        assertThat(quotaOf("alice")).isEmpty();
    }

    @Test
    void badSizesAndUnknownAccountsFailWithOneLine() {
        cli().run("account", "create", "alice");
        CliRun.Result bad = cli().run("account", "set-quota", "alice", "lots");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr()).startsWith("Error: SIZE must be a size such as 10GiB").doesNotContain("internal error");
        CliRun.Result unknown = cli().run("account", "set-quota", "nobody", "1GiB");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo("Error: no account named 'nobody'\n");
        CliRun.Result overflow = cli().run("account", "create", "bob", "--quota", "99999999999PiB");
        assertThat(overflow.exit()).isEqualTo(1);
        assertThat(overflow.stderr()).contains("too large");
    }
}
