package dev.cairn.gateway;

import dev.cairn.block.Block;
import dev.cairn.car.CarReader;
import dev.cairn.cid.Cid;
import dev.cairn.dag.DagExport;
import dev.cairn.testing.FixtureCars;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the gateway tests serve: blocks held in memory, loaded from the Kubo fixture CARs of
 * shared/fixtures, behind the gateway's {@link ContentBackend} port. Tests may put or remove
 * blocks in {@link #blocks} directly (a missing block, a block added mid-test).
 */
final class FixtureContent implements ContentBackend {
    final Map<Cid, byte[]> blocks = new ConcurrentHashMap<>();
    /** Resolves paths in what is loaded, to name the CIDs a test expects. */
    final UnixfsReader reader = UnixfsReader.over(cid -> Optional.ofNullable(blocks.get(cid)));

    @Override
    public Optional<byte[]> block(Cid cid) {
        return Optional.ofNullable(blocks.get(cid));
    }

    @Override
    public void writeCar(Cid root, OutputStream out) throws IOException {
        DagExport.writeCar(this::block, root, out);
    }

    /** Loads every block of fixture CAR {@code fixture} (a path below the fixtures folder); returns its first root. */
    Cid load(String fixture) throws IOException {
        Path car = FixtureCars.fixture(fixture);
        for (Block b : FixtureCars.blocks(car)) {
            blocks.put(b.cid(), b.data());
        }
        try (InputStream in = Files.newInputStream(car); CarReader reader = CarReader.open(in)) {
            return reader.header().roots().get(0);
        }
    }
}
