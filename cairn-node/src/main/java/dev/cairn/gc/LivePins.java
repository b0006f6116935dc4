package dev.cairn.gc;

import dev.cairn.cid.Cid;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The roots garbage collection must keep: implemented by the pin repository, which owns the pin
 * rows and knows what "live" means for them.
 */
@FunctionalInterface
public interface LivePins {
    /**
     * Calls {@code root} with the CID of every live pin request: status {@code queued},
     * {@code pinning} or {@code pinned}, plus every request superseded by a replace whose successor
     * has not settled yet, across all accounts. The same CID may be given more than once. Reads
     * one consistent snapshot when it can; it must not call back into the collector.
     */
    void forEachLiveRoot(Consumer<? super Cid> root);

    /**
     * Forgets requests deleted or replaced at or before {@code cutoff} that no live root depends on
     * (their tombstones would otherwise stay forever); returns how many. Repositories without
     * tombstones purge nothing.
     */
    default long purgeDeletedBefore(Instant cutoff) {
        return 0;
    }
}
