package dev.cairn.http.kubo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.http.HttpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
    private static final String BOUNDARY = "----b0undary";

    @Test
    void partsComeBackByteForByteWhateverHowTheBodyIsSplitIntoReads() throws IOException {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<byte[]> bodies = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                bodies.add(tricky(random, random.nextInt(round % 3 == 0 ? 200_000 : 300)));
            }
            byte[] wire = encode(bodies, random.nextBoolean() ? "preamble text\r\n" : "");
            MultipartReader reader = new MultipartReader(new ChoppyStream(wire, random), BOUNDARY);
            for (int i = 0; i < n; i++) {
                MultipartReader.Part part = reader.next();
                assertThat(part).isNotNull();
                assertThat(part.disposition("filename")).isEqualTo("f" + i);
                assertThat(part.contentType()).isEqualTo("application/octet-stream");
                if (i != 1) { // the second part is left unread: next() must skip it
                    assertThat(readAll(part.body(), random)).as("round %d part %d", round, i).isEqualTo(bodies.get(i));
                }
            }
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aBodyCutBeforeTheClosingBoundaryIsMalformed() throws IOException {
        byte[] wire = encode(List.of("hello".getBytes(StandardCharsets.UTF_8)), "");
        byte[] cut = Arrays.copyOf(wire, wire.length - 10);
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(cut), BOUNDARY);
        MultipartReader.Part part = reader.next();
        assertThatThrownBy(() -> part.body().readAllBytes()).isInstanceOf(HttpException.class)
                .hasMessageContaining("closing boundary");
    }

    @Test
    void headersWithoutAColonAndABodyWithoutBoundaryAreMalformed() {
        byte[] noColon = ("--" + BOUNDARY + "\r\nnot a header\r\n\r\nx\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new MultipartReader(new ByteArrayInputStream(noColon), BOUNDARY).next())
                .isInstanceOf(HttpException.class).hasMessageContaining("colon");
        byte[] none = "just some bytes".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new MultipartReader(new ByteArrayInputStream(none), BOUNDARY).next())
                .isInstanceOf(HttpException.class);
        assertThatThrownBy(() -> MultipartReader.boundary("multipart/form-data"))
                .isInstanceOf(HttpException.class).hasMessageContaining("boundary");
    }

    /** Random bytes seeded with pieces of the delimiter (prefixes, suffixes, middles), so the search sees near misses. */
    private static byte[] tricky(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        byte[] near = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);
        for (int k = 0; k < size / 50; k++) {
            int at = random.nextInt(size);
            int len = Math.min(random.nextInt(near.length - 1) + 1, size - at);
            // prefixes and, half the time, any other piece of the delimiter (a skip search keys on its end)
            int from = random.nextBoolean() ? 0 : random.nextInt(near.length - len + 1);
            System.arraycopy(near, from, b, at, Math.min(len, near.length - 1));
        }
        // a near miss followed by the right byte by chance would be a real delimiter: try again
        return contains(b, near) ? tricky(random, size) : b;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] encode(List<byte[]> bodies, String preamble) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(preamble.getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < bodies.size(); i++) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f" + i
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(bodies.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in, Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 + random.nextInt(70_000)];
        for (int n; (n = in.read(buf, 0, 1 + random.nextInt(buf.length))) >= 0; ) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Hands out the bytes in reads of random small sizes, as a network does. */
    private static final class ChoppyStream extends FilterInputStream {
        private final Random random;

        ChoppyStream(byte[] data, Random random) {
            super(new ByteArrayInputStream(data));
            this.random = random;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(100)));
        }
    }
}
