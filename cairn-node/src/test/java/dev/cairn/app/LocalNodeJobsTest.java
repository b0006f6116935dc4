package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.account.AccountService;
import dev.cairn.config.FetchConfig;
import dev.cairn.config.ListenAddress;
import dev.cairn.content.ContentService;
import dev.cairn.fetch.HttpDagFetcher;
import dev.cairn.gateway.ContentBackend;
import dev.cairn.gateway.GatewaySurface;
import dev.cairn.gc.GcReport;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.PinStatus;
import dev.cairn.unixfs.importer.ImportOptions;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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

    @Test
    void aPinRequestIsFetchedFromAnotherNodesGatewayAndBecomesGarbageOnceDeleted() throws Exception {
        MemoryBlockStore theirs = new MemoryBlockStore();
        ContentService content = new ContentService(theirs);
        byte[] data = new byte[1_500_000];
        new Random(11).nextBytes(data);
        Cid root = content.addStream("f", new ByteArrayInputStream(data), ImportOptions.kubo(), dev.cairn.content.UploadPinner.NONE).cid();
        ContentBackend backend = new GatewayContent(content);
        try (HttpServerHandle gateway = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0),
                        HttpOptions.defaults(), secret -> Optional.empty(), List.of(new GatewaySurface(backend)));
                HttpDagFetcher fetcher = new HttpDagFetcher(new FetchConfig(true));
                LocalNode node = open(Map.of())) {
            String origin = "/ip4/127.0.0.1/tcp/" + gateway.uri().getPort() + "/http";
            long alice = AccountService.over(node.database()).create("alice").id();
            Service workers = node.pinWorkersService(fetcher, node.pins());
            workers.start();
            try {
                PinRecord first = node.pins().add(alice, new Pin(root.toString(), root, "f", List.of(origin), Map.of()));
                awaitStatus(node, alice, first, PinStatus.PINNED);
                PinRecord second = node.pins().add(alice, Pin.of(root)); // no origin: everything is stored
                awaitStatus(node, alice, second, PinStatus.PINNED);

                assertThat(node.pins().get(alice, first.requestId()).orElseThrow().info())
                        .containsEntry("blocks_fetched", "7").containsEntry("bytes_fetched", "1500380");
                assertThat(node.pins().get(alice, second.requestId()).orElseThrow().info())
                        .containsEntry("blocks_fetched", "0").containsEntry("blocks_present", "7");
                assertThat(node.garbageCollector(node.livePins()).collect().removed()).isZero();

                node.pins().delete(alice, first.requestId());
                node.pins().delete(alice, second.requestId());
                GcReport report = node.garbageCollector(node.livePins()).collect();

                assertThat(report.removed()).isEqualTo(7);
                assertThat(report.bytesFreed()).isGreaterThan(data.length);
                assertThat(node.blocks().has(root)).isFalse();
            } finally {
                workers.stop();
            }
        }
    }

    private static void awaitStatus(LocalNode node, long account, PinRecord pin, PinStatus status)
            throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (node.pins().get(account, pin.requestId()).orElseThrow().status() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + node.pins().get(account, pin.requestId()));
            }
            Thread.sleep(10);
        }
    }
}
