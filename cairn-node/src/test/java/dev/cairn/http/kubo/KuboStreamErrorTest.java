package dev.cairn.http.kubo;

import static dev.cairn.http.kubo.KuboTestNode.random;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed command that fails after its {@code 200} went out ends as Kubo's does
 * (go-ipfs-cmds {@code responseemitter.go}): the response announces {@code Trailer: X-Stream-Error}
 * and the chunked body ends with the error message in that trailer. Read with a raw HTTP/1.1
 * client that decodes the chunked framing itself, since java.net.http does not expose trailers.
 * The failure is real: a leaf block of an unpinned file is removed with {@code block/rm} before
 * the file is read.
 */
class KuboStreamErrorTest {
    private static final int CHUNK = 256 * 1024;
    private static final byte[] DATA = random(4 * CHUNK, 9);

    @TempDir
    Path tmp;
    private KuboTestNode n;
    private String root;
    private String missing;

    @BeforeEach
    void start() throws Exception {
        n = new KuboTestNode(tmp.resolve("home"));
        root = n.add(n.admin, DATA, "?pin=false");
        List<JsonNode> leaves = n.lines("/api/v0/refs?arg=" + root, n.admin);
        assertThat(leaves).hasSize(4);
        missing = leaves.get(2).get("Ref").asText();
        JsonNode removed = n.lines("/api/v0/block/rm?arg=" + missing, n.admin).get(0);
        assertThat(removed.has("Error") && !removed.get("Error").asText().isEmpty()).as(removed.toString()).isFalse();
    }

    @AfterEach
    void stop() {
        n.close();
    }

    @Test
    void catOfAFileWhoseThirdBlockIsGoneSendsTheFirstTwoThenTheErrorAsTheTrailer() throws Exception {
        Raw res = Raw.post(n, "/api/v0/cat?arg=" + root, true);

        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("trailer")).isEqualToIgnoringCase("X-Stream-Error");
        assertThat(res.header("transfer-encoding")).isEqualToIgnoringCase("chunked");
        assertThat(res.complete()).as("the chunked body ends with its last chunk, not a reset").isTrue();
        assertThat(res.body()).isEqualTo(Arrays.copyOf(DATA, 2 * CHUNK));
        assertThat(res.trailers().get("x-stream-error")).contains(missing);
    }

    @Test
    void dagExportOfTheSameDagEndsWithTheTrailerToo() throws Exception {
        Raw res = Raw.post(n, "/api/v0/dag/export?arg=" + root, true);

        assertThat(res.status()).isEqualTo(200);
        assertThat(res.complete()).isTrue();
        assertThat(res.body().length).isPositive().isLessThan(DATA.length);
        assertThat(res.trailers().get("x-stream-error")).contains(missing);
    }

    @Test
    void aStreamThatSucceedsAnnouncesTheTrailerButSendsNone() throws Exception {
        String whole = n.add(n.admin, random(3 * CHUNK, 10), "");
        Raw res = Raw.post(n, "/api/v0/cat?arg=" + whole, true);

        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("trailer")).isEqualToIgnoringCase("X-Stream-Error");
        assertThat(res.complete()).isTrue();
        assertThat(res.body()).hasSize(3 * CHUNK);
        assertThat(res.trailers()).doesNotContainKey("x-stream-error");
    }

    @Test
    void aClientThatDoesNotReadTrailersSeesTheStreamCutOffNotAWholeLookingBody() throws Exception {
        // Connection: close (as every request here says) makes Jetty end a body of unknown length
        // with the connection: only a reset, not a clean close, tells the client it was cut off
        Raw res = Raw.post(n, "/api/v0/cat?arg=" + root, false);

        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("trailer")).isNull();
        assertThat(res.complete()).as("the connection is reset: curl and kubo-rpc-client report an error").isFalse();
        assertThat(res.body().length).isLessThanOrEqualTo(2 * CHUNK);
    }

    @Test
    void anErrorBeforeTheStreamStartsIsStillAnOrdinaryKuboError() throws Exception {
        Raw res = Raw.post(n, "/api/v0/cat?arg=" + missing, true);

        assertThat(res.status()).isEqualTo(500);
        assertThat(res.header("content-length")).as("not sent chunked for the trailer's sake").isNotNull();
        assertThat(KuboTestNode.JSON.readTree(res.body()).get("Type").asText()).isEqualTo("error");
        assertThat(res.trailers()).doesNotContainKey("x-stream-error");
    }

    /** One HTTP/1.1 exchange on its own connection: head, body (de-chunked) and trailers. */
    private record Raw(int status, Map<String, String> headers, byte[] body, Map<String, String> trailers,
                       boolean complete) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** {@code readsTrailers}: the request says {@code TE: trailers}, as a client that reads them does. */
        static Raw post(KuboTestNode n, String path, boolean readsTrailers) throws IOException {
            try (Socket s = new Socket(n.node.apiUri().getHost(), n.node.apiUri().getPort())) {
                s.setSoTimeout(30_000); // a hang guard
                OutputStream out = s.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + n.admin
                        + (readsTrailers ? "\r\nTE: trailers" : "")
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = s.getInputStream();
                String statusLine = line(in);
                Map<String, String> headers = fields(in);
                int status = Integer.parseInt(statusLine.substring(9, 12));
                if (headers.containsKey("content-length")) {
                    byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
                    return new Raw(status, headers, body, Map.of(), true);
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    // Connection: close and no length: the body ends with the connection, complete only
                    // when that end is a clean close and not a reset
                    byte[] buffer = new byte[65536];
                    try {
                        for (int r; (r = in.read(buffer)) >= 0; ) {
                            body.write(buffer, 0, r);
                        }
                        return new Raw(status, headers, body.toByteArray(), Map.of(), true);
                    } catch (IOException reset) {
                        return new Raw(status, headers, body.toByteArray(), Map.of(), false);
                    }
                }
                try {
                    while (true) {
                        String size = line(in);
                        int semi = size.indexOf(';');
                        int length = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                        if (length == 0) {
                            return new Raw(status, headers, body.toByteArray(), fields(in), true);
                        }
                        byte[] chunk = in.readNBytes(length);
                        body.writeBytes(chunk);
                        if (chunk.length < length || !line(in).isEmpty()) {
                            throw new IOException("chunk cut short");
                        }
                    }
                } catch (IOException e) {
                    return new Raw(status, headers, body.toByteArray(), Map.of(), false);
                }
            }
        }

        private static Map<String, String> fields(InputStream in) throws IOException {
            Map<String, String> out = new LinkedHashMap<>();
            for (String l; !(l = line(in)).isEmpty(); ) {
                int colon = l.indexOf(':');
                out.put(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
            }
            return out;
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("connection closed mid-line");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
