package dev.cairn.store.pack;

import dev.cairn.store.CorruptStoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What opening a pack store does before serving: delete the packs of ingests that never committed
 * (crash, kill, abort whose delete failed) and check that every committed pack is whole.
 *
 * <p>Runs under the data directory lock, so no writer of this or another process is appending: any
 * pack file without a row is garbage. Files that are not named like packs are left alone (and
 * logged), except {@code *.tmp}, which only an interrupted write leaves.
 */
final class PackRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(PackRecovery.class);

    /** What recovery did. */
    record Report(int orphansDeleted, int packsChecked) {}

    private PackRecovery() {}

    static Report run(Path packsDir, Map<Long, PackIndex.PackRow> committed) {
        Set<Long> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        int deleted = 0;
        try (Stream<Path> walk = Files.walk(packsDir, 2)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                if (f.getParent().equals(packsDir) && f.getFileName().toString().equals(PackBlockStore.LOCK_FILE)) {
                    continue;
                }
                OptionalLong id = PackFormat.id(f);
                PackIndex.PackRow row = id.isPresent() ? committed.get(id.getAsLong()) : null;
                if (row != null) {
                    seen.add(row.id());
                    long size = Files.size(f);
                    if (size < row.size()) {
                        problems.add("pack " + f + " is " + size + " bytes but " + row.size()
                                + " were committed (truncated; its blocks are unreadable)");
                    }
                } else if (id.isPresent() || f.getFileName().toString().endsWith(".tmp")) {
                    Files.delete(f);
                    deleted++;
                } else {
                    LOG.warn("unknown file in the pack directory, left alone: {}", f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan pack directory " + packsDir + ": " + e, e);
        }
        for (PackIndex.PackRow row : committed.values()) {
            if (!seen.contains(row.id())) {
                problems.add("pack " + PackFormat.path(packsDir, row.id()) + " is missing ("
                        + row.blocks() + " blocks, " + row.size() + " bytes committed)");
            }
        }
        if (!problems.isEmpty()) {
            throw new CorruptStoreException(problems);
        }
        if (deleted > 0) {
            LOG.info("recovery deleted {} uncommitted pack file(s) in {}", deleted, packsDir);
        }
        return new Report(deleted, committed.size());
    }
}
