package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.app.LocalNode;
import dev.cairn.app.NodeContext;
import dev.cairn.cid.Cid;
import dev.cairn.config.CairnHome;
import dev.cairn.dag.DagExport;
import dev.cairn.unixfs.importer.ImportOptions;
import dev.cairn.unixfs.importer.Importer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of a large {@code cairn add} and a large {@code cairn car import}: after
 * restart nothing of the killed ingest is visible, its pack is gone, earlier acknowledged writes are
 * intact, and the same ingest then succeeds.
 *
 * <p>The child reads its input from a pipe that the test feeds, so the kill lands mid-ingest by
 * construction (after the child has written part of a pack), not by timing luck.
 */
class CrashSafetyTest {
    private static final int SIZE = 40 * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void killDuringAddLeavesNothingPartialAndTheRepeatedAddSucceeds() throws Exception {
        Path home = tmp.resolve("home");
        CliRun cairn = new CliRun(home);
        Path small = Files.writeString(tmp.resolve("small.txt"), "acknowledged before the crash\n");
        String acknowledged = cairn.run("add", "-q", small.toString()).out().strip();

        byte[] data = randomBytes(SIZE, 1);
        killMidIngest(home, data, "add", "-q");

        assertRecoveredWithNothingVisible(home, 1);
        assertThat(cairn.run("cat", acknowledged).out()).isEqualTo("acknowledged before the crash\n");

        var again = cairn.runWithInput(data, "add", "-q");
        assertThat(again.exit()).as(again.stderr()).isZero();
        String root = again.out().strip();
        assertThat(root).isEqualTo(referenceRoot(data).toString());
        assertThat(sha256(cairn.run("cat", root).stdout())).isEqualTo(sha256(data));
    }

    @Test
    void killDuringCarImportLeavesNothingPartialAndTheRepeatedImportSucceeds() throws Exception {
        byte[] data = randomBytes(SIZE, 2);
        Map<Cid, byte[]> blocks = new HashMap<>();
        Cid root = new Importer(b -> blocks.put(b.cid(), b.data()), ImportOptions.kubo())
                .addFile("", new java.io.ByteArrayInputStream(data)).cid();
        java.io.ByteArrayOutputStream car = new java.io.ByteArrayOutputStream();
        DagExport.writeCar(cid -> Optional.ofNullable(blocks.get(cid)), root, car);

        Path home = tmp.resolve("home");
        killMidIngest(home, car.toByteArray(), "car", "import", "-");
        assertRecoveredWithNothingVisible(home, 0);

        CliRun cairn = new CliRun(home);
        var again = cairn.runWithInput(car.toByteArray(), "car", "import", "-");
        assertThat(again.exit()).as(again.stderr()).isZero();
        assertThat(again.lines()).containsExactly("root " + root);
        assertThat(sha256(cairn.run("cat", root.toString()).stdout())).isEqualTo(sha256(data));
    }

    /** Starts {@code cairn ARGS} in a child JVM, feeds it part of {@code input}, and SIGKILLs it mid-pack. */
    private void killMidIngest(Path home, byte[] input, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--home", home.toString()));
        cmd.addAll(List.of(args));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        try (OutputStream stdin = child.getOutputStream()) {
            // Feed three quarters, then wait until the child has put part of it in a pack file.
            int fed = 0;
            int target = input.length * 3 / 4;
            while (fed < target) {
                int n = Math.min(1 << 20, target - fed);
                stdin.write(input, fed, n);
                fed += n;
            }
            stdin.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (packBytes(home) < input.length / 4) {
                assertThat(child.isAlive()).as("child ended early: " + Files.readString(tmp.resolve("child.log"))).isTrue();
                assertThat(System.nanoTime()).as("child never wrote a pack").isLessThan(deadline);
                Thread.sleep(20);
            }
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } catch (IOException pipeClosedByKill) {
            // the child died while we were writing: that is the point
        }
        assertThat(child.exitValue()).as("the child must have been killed, not finished").isNotZero();
    }

    /**
     * Opens the store as a restart does and checks that only the acknowledged single-block adds
     * survive: one block and one pack each; the killed ingest's pack was deleted by recovery.
     */
    private static void assertRecoveredWithNothingVisible(Path home, long acknowledged) throws IOException {
        NodeContext ctx = NodeContext.open(new CairnHome(home), Map.of(), Map.of());
        try (LocalNode node = LocalNode.open(ctx)) {
            assertThat(node.blocks().stats().blocks()).isEqualTo(acknowledged);
        }
        try (Stream<Path> files = Files.walk(home)) {
            long packs = files.filter(p -> p.toString().endsWith(".car")).count();
            assertThat(packs).as("only the acknowledged packs remain").isEqualTo(acknowledged);
        }
    }

    private static long packBytes(Path home) throws IOException {
        Path packs = home.resolve("packs");
        if (!Files.isDirectory(packs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(packs)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static Cid referenceRoot(byte[] data) throws IOException {
        return new Importer(b -> { }, ImportOptions.kubo()).addFile("", new java.io.ByteArrayInputStream(data)).cid();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
