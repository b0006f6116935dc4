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
        assertThat(gc.out()).startsWith("Removed 4 blocks (").contains("kept 4 blocks reachable from 1 live pins");
        assertThat(cairn.run("cat", pinned).exit()).isZero();
        assertThat(cairn.run("cat", unpinned).exit()).isNotZero();
        assertThat(cairn.run("gc").out()).startsWith("Removed 0 blocks (0 bytes)");
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
