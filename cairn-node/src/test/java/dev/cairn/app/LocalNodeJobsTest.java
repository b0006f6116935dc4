package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.config.CairnHome;
import dev.cairn.pin.job.CopyingDagFetcher;
import dev.cairn.pin.job.TestDags;
import dev.cairn.pin.job.TablePins;
import dev.cairn.store.memory.MemoryBlockStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root's pin-job and GC wiring, as {@code cairn serve} will use it. */
class LocalNodeJobsTest {
    @TempDir
    Path tmp;

    private LocalNode open(Map<String, String> env) {
        return LocalNode.open(NodeContext.open(CairnHome.resolve(tmp.resolve("home").toString(), env, tmp), env, Map.of()));
    }

    @Test
    void thePinWorkersServicePinsAQueuedRequestIntoTheNodesStore() throws Exception {
        MemoryBlockStore remote = new MemoryBlockStore();
        Cid root = TestDags.file(remote, 1, 10_000);
        try (LocalNode node = open(Map.of())) {
            TablePins pins = new TablePins(node.database(), node.jobs());
            Service workers = node.pinWorkersService(new CopyingDagFetcher(remote), pins);
            workers.start();
            try {
                UUID id = pins.add(1, root);
                pins.await(id, "pinned");
            } finally {
                workers.stop();
            }
            assertThat(TestDags.dag(remote, root)).allMatch(node.blocks()::has);
            assertThat(node.gcBarrier().openIngests()).isZero();
        }
    }

    @Test
    void automaticGcIsAServiceOnlyWhenEnabled() throws Exception {
        try (LocalNode node = open(Map.of())) {
            assertThat(node.gcService(node.livePins())).isEmpty();
        }
        try (LocalNode node = open(Map.of("CAIRN_GC_ENABLED", "true"))) {
            Service gc = node.gcService(node.livePins()).orElseThrow();
            assertThat(gc.name()).isEqualTo("gc");
            gc.start();
            gc.stop();
        }
    }
}
