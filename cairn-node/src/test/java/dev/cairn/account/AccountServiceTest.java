package dev.cairn.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.db.Database;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountServiceTest {
    @TempDir
    Path dir;

    Database db;
    ManualClock clock = new ManualClock();
    AccountService accounts;

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("cairn.db"));
        accounts = AccountService.over(db, clock, new SecureRandom());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void createdAccountsAreFoundAndListedOldestFirst() {
        Account alice = accounts.create("alice");
        Account bob = accounts.create("bob");
        assertThat(accounts.find("alice")).contains(alice);
        assertThat(accounts.find("carol")).isEmpty();
        assertThat(accounts.list()).containsExactly(alice, bob);
        assertThat(alice.created()).isEqualTo(clock.instant());
    }

    @Test
    void accountNamesAreUnique() {
        accounts.create("alice");
        assertThatThrownBy(() -> accounts.create("alice"))
                .isInstanceOf(AccountExistsException.class).hasMessageContaining("alice");
    }

    @Test
    void invalidAccountNamesAreRefusedWithTheRule() {
        for (String bad : new String[] {"", "Alice", "-x", "a b", "x".repeat(65), "é", "a/b"}) {
            assertThatThrownBy(() -> accounts.create(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account name must be");
        }
        assertThat(accounts.create("a.b_c-9").name()).isEqualTo("a.b_c-9");
    }

    @Test
    void anIssuedSecretAuthenticatesToItsAccountAndScopes() {
        Account alice = accounts.create("alice");
        IssuedToken token = accounts.issue("alice", EnumSet.of(Scope.READ, Scope.PIN), null, "laptop");
        assertThat(token.secret()).startsWith("cairn_").hasSize("cairn_".length() + 52);
        Principal p = accounts.authenticate(token.secret()).orElseThrow();
        assertThat(p.account()).isEqualTo(alice);
        assertThat(p.tokenId()).isEqualTo(token.info().id());
        assertThat(p.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.PIN);
        assertThat(p.may(Scope.UPLOAD)).isFalse();
    }

    @Test
    void theSecretIsNeverStoredOnlyItsHash() {
        accounts.create("alice");
        IssuedToken token = accounts.issue("alice", Set.of(Scope.READ), null, null);
        String stored = db.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT hex(secret_hash) FROM tokens")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(stored).hasSize(64).isEqualToIgnoringCase(java.util.HexFormat.of().formatHex(TokenSecrets.hash(token.secret())));
        assertThat(token.toString()).doesNotContain(token.secret());
    }

    @Test
    void wrongMalformedAndForeignSecretsAuthenticateNobody() {
        accounts.create("alice");
        IssuedToken token = accounts.issue("alice", Set.of(Scope.READ), null, null);
        String s = token.secret();
        char last = s.charAt(s.length() - 1);
        String oneOff = s.substring(0, s.length() - 1) + (last == 'a' ? 'b' : 'a');
        for (String bad : new String[] {null, "", "Bearer " + s, s + "x", oneOff, s.substring(6), "cairn_", "x".repeat(10_000)}) {
            assertThat(accounts.authenticate(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void aRevokedTokenStopsAuthenticatingAtOnce() {
        accounts.create("alice");
        IssuedToken token = accounts.issue("alice", Set.of(Scope.READ), null, null);
        assertThat(accounts.revoke(token.info().id())).isTrue();
        assertThat(accounts.authenticate(token.secret())).isEmpty();
        assertThat(accounts.revoke(token.info().id())).as("already revoked").isFalse();
        assertThat(accounts.revoke(999)).isFalse();
        assertThat(accounts.tokens("alice").get(0).revoked()).isEqualTo(clock.instant());
    }

    @Test
    void aTokenExpiresAtItsExpiryInstant() {
        accounts.create("alice");
        Instant expires = clock.instant().plus(Duration.ofDays(1));
        IssuedToken token = accounts.issue("alice", Set.of(Scope.READ), expires, null);
        clock.advance(Duration.ofDays(1).minusMillis(1));
        assertThat(accounts.authenticate(token.secret())).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(accounts.authenticate(token.secret())).isEmpty();
    }

    @Test
    void issuingRefusesNoScopesPastExpiriesLongLabelsAndUnknownAccounts() {
        accounts.create("alice");
        assertThatThrownBy(() -> accounts.issue("alice", Set.of(), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
        assertThatThrownBy(() -> accounts.issue("alice", Set.of(Scope.READ), clock.instant(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the future");
        assertThatThrownBy(() -> accounts.issue("alice", Set.of(Scope.READ), null, "x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
        assertThatThrownBy(() -> accounts.issue("bob", Set.of(Scope.READ), null, null))
                .isInstanceOf(UnknownAccountException.class).hasMessageContaining("bob");
    }

    @Test
    void tokenListingsShowDetailsPerAccountOrForEveryone() {
        accounts.create("alice");
        accounts.create("bob");
        Instant expires = clock.instant().plus(Duration.ofDays(30));
        IssuedToken a = accounts.issue("alice", Set.of(Scope.PIN), expires, "ci");
        IssuedToken b = accounts.issue("bob", Set.of(Scope.READ, Scope.GATEWAY), null, null);
        assertThat(accounts.tokens("alice")).containsExactly(a.info());
        assertThat(accounts.tokens(null)).containsExactly(a.info(), b.info());
        assertThat(accounts.tokens("nobody")).isEmpty();
        assertThat(a.info().expires()).isEqualTo(expires);
        assertThat(a.info().label()).isEqualTo("ci");
    }

    @Test
    void lastUseIsRecordedAtMostOncePerMinute() {
        accounts.create("alice");
        IssuedToken token = accounts.issue("alice", Set.of(Scope.READ), null, null);
        assertThat(accounts.tokens("alice").get(0).lastUsed()).isNull();
        Instant first = clock.instant();
        accounts.authenticate(token.secret());
        clock.advance(Duration.ofSeconds(30));
        accounts.authenticate(token.secret());
        assertThat(accounts.tokens("alice").get(0).lastUsed()).isEqualTo(first);
        clock.advance(Duration.ofSeconds(30));
        accounts.authenticate(token.secret());
        assertThat(accounts.tokens("alice").get(0).lastUsed()).isEqualTo(clock.instant());
    }

    @Test
    void bootstrapCreatesTheAdminOnceOnly() {
        IssuedToken admin = accounts.bootstrapAdmin().orElseThrow();
        assertThat(admin.info().account()).isEqualTo(AccountService.ADMIN_ACCOUNT);
        assertThat(admin.info().scopes()).containsExactly(Scope.ADMIN);
        Principal p = accounts.authenticate(admin.secret()).orElseThrow();
        assertThat(p.may(Scope.PIN)).isTrue();
        assertThat(accounts.bootstrapAdmin()).isEmpty();
        assertThat(accounts.tokens(null)).hasSize(1);
    }

    @Test
    void bootstrapStillHappensWhenOtherAccountsCameFirst() {
        accounts.create("alice");
        assertThat(accounts.bootstrapAdmin()).isPresent();
    }

    @Test
    void secretsAreDistinctAcrossManyIssues() {
        accounts.create("alice");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            assertThat(seen.add(accounts.issue("alice", Set.of(Scope.READ), null, null).secret())).isTrue();
        }
    }

    @Test
    void randomGarbageNeverAuthenticatesNorThrows() {
        accounts.create("alice");
        accounts.issue("alice", Set.of(Scope.READ), null, null);
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            char[] chars = new char[random.nextInt(80)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) random.nextInt(0x3000);
            }
            String guess = (random.nextBoolean() ? "cairn_" : "") + new String(chars);
            assertThat(accounts.authenticate(guess)).isEmpty();
        }
    }

    @Test
    void twoServicesOnOneFileSeeEachOthersWrites() {
        // What a CLI process and a running server do: each opens the database file on its own.
        try (Database other = Database.openSqlite(dir.resolve("cairn.db"))) {
            AccountService cli = AccountService.over(other, clock, new SecureRandom());
            cli.create("alice");
            IssuedToken token = cli.issue("alice", Set.of(Scope.PIN), null, null);
            assertThat(accounts.authenticate(token.secret())).isPresent();
            accounts.create("bob");
            assertThat(cli.list()).extracting(Account::name).containsExactly("alice", "bob");
            cli.revoke(token.info().id());
            assertThat(accounts.authenticate(token.secret())).isEmpty();
        }
    }
}
