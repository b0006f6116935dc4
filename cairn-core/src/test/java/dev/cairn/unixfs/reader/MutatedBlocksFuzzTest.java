package dev.cairn.unixfs.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cairn.block.BlockNotFoundException;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Fixture blocks with random corruption served under their original CIDs (a source that does not
 * verify): reading, listing and resolving may only fail with the reader's declared exceptions,
 * and a file read that succeeds yields exactly the size its root declares.
 */
class MutatedBlocksFuzzTest {
    private static final long SEED = 0xF022L;

    private record Case(String car, Cid root, List<String> paths) {}

    private static final List<Case> CASES = List.of(
            new Case("path_gateway_unixfs/dir-with-files.car", PathResolutionFixtureTest.DIR_WITH_FILES,
                    List.of("", "ascii.txt", "multiblock.txt", "hello.txt/x", "nope")),
            new Case("trustless_gateway_car/subdir-with-mixed-block-files.car", PathResolutionFixtureTest.MIXED,
                    List.of("subdir", "subdir/multiblock.txt", "subdir/ascii.txt")),
            new Case("path_gateway_unixfs/symlink.car", Cid.parse("QmWvY6FaqFMS89YAQ9NAPjVP4WZKA1qbHbicc9HeSKQTgt"),
                    List.of("bar", "foo", "bar/x")),
            new Case("trustless_gateway_car/single-layer-hamt-with-multi-block-files.car", PathResolutionFixtureTest.HAMT,
                    List.of("685.txt", "470.txt", "1.txt", "missing.txt")));

    @Test
    void corruptedBlocksFailOnlyWithDeclaredExceptions() {
        Random seeds = new Random(SEED);
        for (Case c : CASES) {
            CountingBlockSource pristine = CountingBlockSource.fixture(c.car);
            List<Cid> cids = new ArrayList<>(pristine.blocks.keySet());
            cids.sort(null);
            for (int round = 0; round < 400; round++) {
                long seed = seeds.nextLong();
                Random rnd = new Random(seed);
                CountingBlockSource s = new CountingBlockSource();
                s.blocks.putAll(pristine.blocks);
                int victims = 1 + rnd.nextInt(3);
                for (int v = 0; v < victims; v++) {
                    Cid victim = rnd.nextInt(3) == 0 ? c.root : cids.get(rnd.nextInt(cids.size()));
                    s.blocks.put(victim, mutate(s.blocks.get(victim), rnd));
                }
                exercise(UnixfsReader.over(s), c, seed);
            }
        }
    }

    private static void exercise(UnixfsReader r, Case c, long seed) {
        for (String path : c.paths) {
            try {
                Resolution res = r.resolve(c.root, path);
                UnixfsNode node = res.node();
                if (node.isFile()) {
                    long size = node.size().orElseThrow();
                    long read = count(r.open(node, 0, Long.MAX_VALUE));
                    assertThat(read).as("seed %d path %s", seed, path).isEqualTo(size);
                    r.blocksCovering(node.cid(), size / 3, size / 2);
                } else if (node.isDirectory()) {
                    r.list(node).forEach(e -> { });
                    r.directoryBlocks(node);
                } else if (node.kind() == UnixfsNode.Kind.SYMLINK) {
                    node.symlinkTarget();
                }
            } catch (CodecException | BlockNotFoundException | PathException | NotAFileException e) {
                // declared failures
            } catch (RuntimeException e) {
                fail("seed " + seed + " path " + path + ": undeclared " + e, e);
            }
        }
    }

    private static long count(InputStream in) {
        try (in) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> {
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n && b.length > 0; i++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 2 -> {
                int at = rnd.nextInt(b.length + 1);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) rnd.nextInt(256);
                System.arraycopy(b, at, out, at + 1, b.length - at);
                b = out;
            }
            case 3 -> {
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            default -> {
                if (b.length > 1) {
                    int at = rnd.nextInt(b.length);
                    b = concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, Math.min(b.length, at + 1 + rnd.nextInt(8)), b.length));
                }
            }
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
