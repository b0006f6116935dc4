package dev.cairn.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import dev.cairn.store.memory.MemoryBlockStore;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GcSchedulerTest {
    @Test
    void collectsOnItsIntervalUntilClosed() throws Exception {
        MemoryBlockStore store = new MemoryBlockStore();
        Cid garbage = GarbageCollectorTest.importInto(store, GarbageCollectorTest.bytes(1, 3_000, null, 0));
        LinkedBlockingQueue<GcReport> reports = new LinkedBlockingQueue<>();

        try (GcScheduler scheduler = new GcScheduler(new GarbageCollector(store, root -> { }, new GcBarrier()),
                Duration.ofMillis(20), reports::add)) {
            scheduler.start();
            GcReport first = reports.poll(60, TimeUnit.SECONDS);
            GcReport second = reports.poll(60, TimeUnit.SECONDS);

            assertThat(first.removed()).isEqualTo(4);
            assertThat(second.removed()).isZero();
        }
        assertThat(store.has(garbage)).isFalse();
    }

    @Test
    void anIntervalMustBePositive() {
        GarbageCollector gc = new GarbageCollector(new MemoryBlockStore(), root -> { }, new GcBarrier());
        assertThatThrownBy(() -> new GcScheduler(gc, Duration.ZERO, r -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval must be > 0");
    }
}
