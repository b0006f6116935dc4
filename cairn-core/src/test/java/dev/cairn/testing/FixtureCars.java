package dev.cairn.testing;

import dev.cairn.block.Block;
import dev.cairn.car.CarReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test-only access to the Kubo-made CARs in {@code shared/fixtures}, read with {@code dev.cairn.car}
 * (every block verified).
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

    /** All blocks of a CAR fixture (v1 or v2), each verified against its CID by the reader. */
    public static List<Block> blocks(Path car) {
        try (java.io.InputStream in = Files.newInputStream(car); CarReader reader = CarReader.open(in)) {
            List<Block> out = new ArrayList<>();
            for (var s = reader.next(); s.isPresent(); s = reader.next()) {
                out.add(s.get().block());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
