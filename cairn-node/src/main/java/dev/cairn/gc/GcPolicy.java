package dev.cairn.gc;

import dev.cairn.store.Compaction;
import java.time.Duration;
import java.util.Objects;

/**
 * What a collection does besides mark and sweep (config section {@code [gc]}).
 *
 * @param compactBelow    rewrite packs whose live bytes are below this fraction of their size,
 *     0 to 1 (0: never); {@code gc.compact-below-percent}
 * @param keepDeletedPins how long tombstones of deleted or replaced pin requests are kept before a
 *     collection purges them; {@code gc.keep-deleted-pins-days}
 */
public record GcPolicy(double compactBelow, Duration keepDeletedPins) {
    /** Compact packs less than half live; purge tombstones older than a week. */
    public static final GcPolicy DEFAULT = new GcPolicy(0.5, Duration.ofDays(7));

    public GcPolicy {
        Compaction.checkFraction(compactBelow);
        Objects.requireNonNull(keepDeletedPins, "keepDeletedPins");
        if (keepDeletedPins.isNegative()) {
            throw new IllegalArgumentException("keepDeletedPins must not be negative, got " + keepDeletedPins);
        }
    }
}
