package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.LocalNode;
import dev.cairn.app.NodeContext;
import dev.cairn.cid.Cid;
import dev.cairn.config.CairnHome;
import dev.cairn.pin.Pin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcCommandTest {
    @TempDir
    Path tmp;

    private Path home;
    private CliRun cairn;

    @BeforeEach
    void setUp() {
        home = tmp.resolve("home");
        cairn = new CliRun(home);
    }

    private String add(long seed) throws Exception {
        byte[] data = new byte[600_000];
        new Random(seed).nextBytes(data);
        Path f = tmp.resolve("f" + seed);
        Files.write(f, data);
        var r = cairn.run("add", "-q", "--pin", "false", f.toString()); // kept only by the pins this test makes
        assertThat(r.exit()).as(r.stderr()).isZero();
        return r.lines().get(r.lines().size() - 1).strip();
    }

    private LocalNode openNode() {
        return LocalNode.open(NodeContext.open(CairnHome.resolve(home.toString(), Map.of(), tmp), Map.of(), Map.of()));
    }

    @Test
    void gcRemovesContentNoPinReachesAndKeepsPinnedContent() throws Exception {
        String pinned = add(1);
        String unpinned = add(2);
        try (LocalNode node = openNode()) {
            long alice = dev.cairn.account.AccountService.over(node.database()).create("alice").id();
            node.pins().add(alice, Pin.of(Cid.parse(pinned))); // queued: live until it settles
        }

        var preview = cairn.run("gc", "--dry-run");
        assertThat(preview.out()).startsWith("Would remove 4 blocks (");
        assertThat(cairn.run("cat", unpinned).exit()).as("a dry run removes nothing").isZero();

        var gc = cairn.run("gc");

        assertThat(gc.exit()).as(gc.stderr()).isZero();
        assertThat(gc.out()).startsWith("Removed 4 blocks (").contains("kept 4 blocks reachable from 1 live pins")
                .contains("Purged 0 deleted pin requests.");
        assertThat(cairn.run("cat", pinned).exit()).isZero();
        assertThat(cairn.run("cat", unpinned).exit()).isNotZero();
        assertThat(cairn.run("gc").out()).startsWith("Removed 0 blocks (0 bytes)");
    }

    @Test
    void gcCompactsAPackLeftMostlyDeadAndPrintsTheSpaceReclaimed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("two"));
        Random random = new Random(7);
        byte[] small = new byte[50_000];
        byte[] big = new byte[500_000];
        random.nextBytes(small);
        random.nextBytes(big);
        Files.write(dir.resolve("small"), small);
        Files.write(dir.resolve("big"), big);
        var added = cairn.run("add", "-r", "--pin", "false", dir.toString()); // one ingest: one pack
        assertThat(added.exit()).as(added.stderr()).isZero();
        String smallCid = added.lines().stream().filter(l -> l.endsWith("/small")).findFirst().orElseThrow()
                .split(" ")[1];
        try (LocalNode node = openNode()) {
            long alice = dev.cairn.account.AccountService.over(node.database()).create("alice").id();
            node.pins().add(alice, Pin.of(Cid.parse(smallCid)));
        }
        long before = packBytes();

        var gc = cairn.run("gc");

        assertThat(gc.exit()).as(gc.stderr()).isZero();
        long reclaimed = before - packBytes();
        assertThat(reclaimed).isGreaterThan(500_000);
        assertThat(gc.out()).contains("Compacted 1 packs into 1 (")
                .contains("reclaimed " + reclaimed + " bytes on disk.");
        var cat = cairn.run("cat", smallCid);
        assertThat(cat.exit()).as(cat.stderr()).isZero();
        assertThat(cat.stdout()).isEqualTo(small);
    }

    private long packBytes() throws java.io.IOException {
        try (var s = Files.walk(home)) {
            return s.filter(p -> p.toString().endsWith(".car")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void gcRefusesWhileAnotherStoreHasTheDataDirectoryOpenAndSaysWhatToDo() throws Exception {
        add(3);
        try (LocalNode serving = openNode()) {
            var gc = cairn.run("gc");

            assertThat(gc.exit()).isEqualTo(1);
            assertThat(gc.stderr()).startsWith("Error: 'cairn gc' needs the store to itself")
                    .contains("is 'cairn serve' running?").contains("gc.enabled=true");
        }
    }
}
