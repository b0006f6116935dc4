package dev.cairn.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path home;

    private Path file() {
        return home.resolve("cairn.db");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long rows(Database db, String sql) {
        Long n = db.read(c -> count(c, sql));
        return n;
    }

    @Test
    void aNewDatabaseGetsEveryMigration() {
        int known = Migrations.load(getClass().getClassLoader()).size();
        try (Database db = Database.openSqlite(file())) {
            assertThat(db.schemaVersion()).isEqualTo(known).isPositive();
            assertThat(rows(db, "SELECT COUNT(*) FROM blocks")).isZero();
            assertThat(rows(db, "SELECT COUNT(*) FROM schema_version")).isEqualTo(known);
        }
    }

    @Test
    void reopeningAppliesNothingTwiceAndKeepsData() {
        try (Database db = Database.openSqlite(file())) {
            db.transaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO packs (id, size, block_count, live_blocks, live_bytes, created_at) VALUES (7, 1, 0, 0, 0, 0)"));
        }
        try (Database db = Database.openSqlite(file())) {
            assertThat(rows(db, "SELECT COUNT(*) FROM packs")).isEqualTo(1);
            assertThat(rows(db, "SELECT COUNT(*) FROM schema_version")).isEqualTo(db.schemaVersion());
        }
    }

    @Test
    void aDatabaseFromANewerBuildIsRefused() {
        Database.openSqlite(file()).close();
        try (Database db = Database.openSqlite(file())) {
            db.transaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO schema_version VALUES (999, 'V999__future.sql', 'x', 0)"));
        }
        assertThatThrownBy(() -> Database.openSqlite(file())).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("newer than this build");
    }

    @Test
    void anEditedMigrationIsRefused() {
        try (Database db = Database.openSqlite(file())) {
            db.transaction(c -> c.createStatement().executeUpdate(
                    "UPDATE schema_version SET checksum = 'edited' WHERE version = 1"));
        }
        assertThatThrownBy(() -> Database.openSqlite(file())).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("must never be edited");
    }

    @Test
    void aFailingMigrationLeavesNoTraceAndTheEarlierOnesStay() throws SQLException {
        var good = new Migrations.Migration(1, "V1__good.sql", "CREATE TABLE a (x BIGINT);", "1");
        var bad = new Migrations.Migration(2, "V2__bad.sql", "CREATE TABLE b (x BIGINT);\nNOT SQL AT ALL;", "2");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            assertThatThrownBy(() -> new Migrations(c, List.of(good, bad)).migrate())
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("V2__bad.sql");
            assertThat(count(c, "SELECT COUNT(*) FROM schema_version")).isEqualTo(1);
            assertThat(count(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'a'")).isEqualTo(1);
        }
    }

    @Test
    void migrationFilesSplitIntoStatementsAtLineEndingSemicolons() {
        String sql = "-- a comment; not a statement\nCREATE TABLE t (\n  a TEXT -- inline\n);\n\nINSERT INTO t VALUES ('x;y');\nSELECT 1";
        assertThat(Migrations.statements(sql)).containsExactly(
                "CREATE TABLE t (\n  a TEXT -- inline\n)", "INSERT INTO t VALUES ('x;y')", "SELECT 1");
    }

    @Test
    void aThrowingTransactionRollsBackAndRethrowsUnchanged() {
        try (Database db = Database.openSqlite(file())) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            assertThatThrownBy(() -> db.transaction(c -> {
                c.createStatement().executeUpdate("INSERT INTO packs VALUES (1, 1, 0, 0, 0, 0)");
                throw boom;
            })).isSameAs(boom);
            assertThatThrownBy(() -> db.transaction(c -> c.createStatement().executeUpdate("INSERT INTO nope VALUES (1)")))
                    .isInstanceOf(DatabaseException.class).hasCauseInstanceOf(SQLException.class);
            assertThat(rows(db, "SELECT COUNT(*) FROM packs")).isZero();
        }
    }

    @Test
    void nestedTransactionsAreRefused() {
        try (Database db = Database.openSqlite(file())) {
            assertThatThrownBy(() -> db.transaction(c -> db.transaction(c2 -> 1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("nested");
        }
    }

    @Test
    void readConnectionsCannotWrite() {
        try (Database db = Database.openSqlite(file())) {
            assertThatThrownBy(() -> db.read(c -> c.createStatement().executeUpdate(
                    "INSERT INTO packs VALUES (1, 1, 0, 0, 0, 0)"))).isInstanceOf(DatabaseException.class);
        }
    }

    @Test
    void readersSeeTheLastCommitWhileAWriteTransactionIsOpen() throws Exception {
        try (Database db = Database.openSqlite(file())) {
            db.transaction(c -> c.createStatement().executeUpdate("INSERT INTO packs VALUES (1, 1, 0, 0, 0, 0)"));
            CountDownLatch writing = new CountDownLatch(1);
            CountDownLatch readDone = new CountDownLatch(1);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> db.transaction(c -> {
                c.createStatement().executeUpdate("INSERT INTO packs VALUES (2, 1, 0, 0, 0, 0)");
                writing.countDown();
                try {
                    readDone.await(); // hold the write transaction open until the reader is done
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            }));
            writing.await();
            long seen = rows(db, "SELECT COUNT(*) FROM packs");
            readDone.countDown();
            writer.get(30, TimeUnit.SECONDS); // a hang guard, not a timing assertion
            assertThat(seen).isEqualTo(1);
            assertThat(rows(db, "SELECT COUNT(*) FROM packs")).isEqualTo(2);
        }
    }

    @Test
    void aClosedDatabaseRefusesWork() {
        Database db = Database.openSqlite(file());
        db.close();
        db.close();
        assertThatThrownBy(() -> db.read(c -> 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> db.transaction(c -> 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writersInTwoOpenersOfOneFileQueueInsteadOfFailing() throws Exception {
        // Two openers of one file behave like two processes (a CLI next to `cairn serve`): a
        // transaction that read and then writes must not fail because the other committed between.
        try (Database a = Database.openSqlite(file()); Database b = Database.openSqlite(file())) {
            a.transaction(c -> c.createStatement().executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY)"));
            CountDownLatch aHasRead = new CountDownLatch(1);
            CountDownLatch bWrote = new CountDownLatch(1);
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> a.transaction(c -> {
                long next = count(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM t");
                aHasRead.countDown();
                try {
                    bWrote.await(300, TimeUnit.MILLISECONDS); // b cannot write before we commit
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return c.createStatement().executeUpdate("INSERT INTO t (id) VALUES (" + next + ")");
            }));
            aHasRead.await();
            b.transaction(c -> {
                long next = count(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM t");
                return c.createStatement().executeUpdate("INSERT INTO t (id) VALUES (" + next + ")");
            });
            bWrote.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(rows(a, "SELECT COUNT(*) FROM t")).isEqualTo(2);
        }
    }

    @Test
    void twoOpenersMigratingAFreshFileAtOnceBothSucceed() throws Exception {
        // `cairn serve &` followed at once by `cairn account create` on a new home.
        for (int round = 0; round < 10; round++) {
            Path file = home.resolve("race-" + round + ".db");
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Integer>> opened = List.of(1, 2, 3).stream()
                    .map(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        try (Database db = Database.openSqlite(file)) {
                            return db.schemaVersion();
                        }
                    }))
                    .toList();
            go.countDown();
            int known = Migrations.load(getClass().getClassLoader()).size();
            for (CompletableFuture<Integer> f : opened) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(known);
            }
        }
    }

    @Test
    void aMigrationAnotherProcessAppliedMeanwhileIsSkipped() throws Exception {
        // The losing side of two processes migrating one new file: it saw the migration pending,
        // then got the write lock after the other applied it.
        Database.openSqlite(file()).close();
        List<Migrations.Migration> known = Migrations.load(getClass().getClassLoader());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            new Migrations(c, known).apply(known.get(0));
            assertThat(count(c, "SELECT COUNT(*) FROM schema_version")).isEqualTo(known.size());
        }
    }
}
