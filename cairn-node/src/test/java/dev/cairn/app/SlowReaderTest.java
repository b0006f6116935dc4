package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.config.ListenAddress;
import dev.cairn.content.ContentService;
import dev.cairn.content.UploadPinner;
import dev.cairn.gateway.GatewaySurface;
import dev.cairn.http.HttpOptions;
import dev.cairn.http.HttpServerHandle;
import dev.cairn.store.memory.MemoryBlockStore;
import dev.cairn.unixfs.importer.ImportOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A client on a slow link reads a large file in bursts far apart. Once the socket buffers are
 * full the server's write makes no visible progress until the client has drained a good part of
 * them, which at mobile speeds takes longer than Jetty's default idle timeout (30 s): every client
 * of bench/gateway-slow-clients.sh was cut off at 30 s. Here the client stops reading for 35 s
 * after the first bytes, then must still get the whole file.
 */
class SlowReaderTest {
    private static final int PAUSE_MILLIS = 35_000;

    @Test
    void aClientThatPausesLongerThanJettysDefaultIdleTimeoutStillGetsTheWholeFile() throws Exception {
        MemoryBlockStore store = new MemoryBlockStore();
        ContentService content = new ContentService(store);
        byte[] data = new byte[24 << 20]; // far more than the kernel buffers hold
        new Random(35).nextBytes(data);
        Cid file = content.addStream("big", new ByteArrayInputStream(data), ImportOptions.kubo(), UploadPinner.NONE)
                .cid();
        try (HttpServerHandle server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0),
                HttpOptions.defaults(), secret -> Optional.empty(), List.of(new GatewaySurface(new GatewayContent(content))));
             Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024);
            s.setSoTimeout(120_000);
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            s.getOutputStream().write(("GET /ipfs/" + file + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String head = head(in);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + data.length);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(in.readNBytes(16 * 1024));

            Thread.sleep(PAUSE_MILLIS); // the server's writes stall all this time

            body.write(in.readNBytes(data.length - body.size()));
            assertThat(body.toByteArray()).isEqualTo(data);
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("connection closed in the head").isNotNegative();
            head.append((char) b);
        }
        return head.toString();
    }
}
