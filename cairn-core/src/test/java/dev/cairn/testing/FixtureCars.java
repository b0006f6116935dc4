package dev.cairn.testing;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Varint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test-only access to the Kubo-made CARs in {@code shared/fixtures}: just enough CARv1 reading to
 * load blocks (header skipped, every block verified). Production code uses {@code dev.cairn.car}.
 */
public final class FixtureCars {
    private FixtureCars() {}

    /** The read-only {@code shared/} folder beside the repository (or {@code CAIRN_SHARED}). */
    public static Path shared() {
        String env = System.getenv("CAIRN_SHARED");
        if (env != null) {
            return Path.of(env);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("fixtures"))) {
                return candidate;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("shared/ fixtures not found next to the repository; set CAIRN_SHARED");
    }

    public static Path fixture(String relative) {
        return shared().resolve("fixtures/gateway-conformance").resolve(relative);
    }

    public static List<Path> allCars() {
        try (Stream<Path> s = Files.walk(shared().resolve("fixtures"))) {
            return s.filter(p -> p.toString().endsWith(".car")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All blocks of a CARv1 fixture, verified. */
    public static List<Block> blocks(Path car) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(car));
            long headerLen = Varint.read(buf);
            buf.position(buf.position() + (int) headerLen);
            List<Block> out = new ArrayList<>();
            while (buf.hasRemaining()) {
                long len = Varint.read(buf);
                int end = buf.position() + (int) len;
                Cid cid = Cid.read(buf);
                byte[] data = new byte[end - buf.position()];
                buf.get(data);
                out.add(Block.verified(cid, data));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
