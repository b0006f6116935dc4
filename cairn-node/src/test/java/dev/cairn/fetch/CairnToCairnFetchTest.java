package dev.cairn.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.config.FetchConfig;
import dev.cairn.config.ListenAddress;
import dev.cairn.content.ContentService;
import dev.cairn.dag.DagExport;
import dev.cairn.gateway.ContentBackend;
import dev.cairn.gateway.GatewaySurface;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.store.memory.MemoryBlockStore;
import dev.cairn.unixfs.importer.ImportOptions;
import dev.cairn.unixfs.reader.UnixfsReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One Cairn node's trustless gateway is a source another node's fetcher can pin from. */
class CairnToCairnFetchTest {
    @Test
    void aDagAddedOnOneNodeIsFetchedThroughItsGatewayByAnother() throws Exception {
        MemoryBlockStore theirs = new MemoryBlockStore();
        ContentService content = new ContentService(theirs);
        byte[] data = new byte[1_500_000];
        new Random(11).nextBytes(data);
        Cid root = content.addStream("f", new ByteArrayInputStream(data), ImportOptions.kubo(), dev.cairn.content.UploadPinner.NONE).cid();
        List<String> asked = new ArrayList<>();
        ContentBackend backend = new ContentBackend() {
            @Override
            public Optional<byte[]> block(Cid cid) {
                asked.add("raw " + cid);
                return content.block(cid);
            }

            @Override
            public void writeCar(Cid car, OutputStream out) throws IOException {
                asked.add("car " + car);
                DagExport.writeCar(content::block, car, out);
            }
        };
        BlockMap ours = new BlockMap();

        try (HttpServerHandle gateway = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0),
                        HttpOptions.defaults(), secret -> Optional.empty(), List.of(new GatewaySurface(backend)));
                HttpDagFetcher fetcher = new HttpDagFetcher(new FetchConfig(true))) {
            String origin = "/ip4/127.0.0.1/tcp/" + gateway.uri().getPort() + "/http";
            FetchProgress done = fetcher.fetch(new FetchRequest(root, List.of(origin)), ours, ours, FetchListener.NONE);

            assertThat(done.blocksFetched()).isEqualTo(ours.size()).isGreaterThan(5);
        }
        try (InputStream in = UnixfsReader.over(ours).open(root)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(asked).as("one CAR stream carried the whole DAG").filteredOn(a -> a.startsWith("car")).containsExactly("car " + root);
        assertThat(asked).filteredOn(a -> a.startsWith("raw") && !a.equals("raw " + root)).isEmpty();
    }
}
