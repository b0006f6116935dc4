package dev.cairn.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.Varint;
import dev.cairn.testing.FixtureCars;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarV2Test {
    static final byte[] PRAGMA = HexFormat.of().parseHex("0aa16776657273696f6e02");
    static final Path FIXTURE = FixtureCars.fixture("trustless_gateway_car/subdir-with-mixed-block-files.car");

    /** Section offsets of a CARv1, found by walking its length prefixes (independent of CarReader). */
    record Located(Block block, long offset) {}

    static List<Located> locate(byte[] v1) {
        ByteBuffer buf = ByteBuffer.wrap(v1);
        long h = Varint.read(buf);
        buf.position(buf.position() + (int) h);
        List<Located> out = new ArrayList<>();
        while (buf.hasRemaining()) {
            int start = buf.position();
            long len = Varint.read(buf);
            int end = buf.position() + (int) len;
            Cid cid = Cid.read(buf);
            out.add(new Located(new Block(cid, Arrays.copyOfRange(v1, buf.position(), end)), start));
            buf.position(end);
        }
        return out;
    }

    static byte[] le(int n, long v) {
        return Arrays.copyOf(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(), n);
    }

    /** IndexSorted body per spec section 4 for 32-byte digests: one bucket of width 40. */
    static byte[] sortedBody(List<Located> sections) {
        List<Located> sorted = new ArrayList<>(sections);
        sorted.sort(Comparator.comparing(l -> l.block().cid().multihash().digest(), Arrays::compareUnsigned));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(le(4, 1));
        out.writeBytes(le(4, 40));
        out.writeBytes(le(8, 40L * sorted.size()));
        for (Located l : sorted) {
            out.writeBytes(l.block().cid().multihash().digest());
            out.writeBytes(le(8, l.offset()));
        }
        return out.toByteArray();
    }

    static byte[] multihashIndex(List<Located> sections) {
        return CarBytes.concat(new byte[] {(byte) 0x81, 0x08}, le(4, 1), le(8, 0x12), sortedBody(sections));
    }

    static byte[] header(long dataOffset, long dataSize, long indexOffset) {
        return CarBytes.concat(new byte[16], le(8, dataOffset), le(8, dataSize), le(8, indexOffset));
    }

    /** pragma, header, padding, payload, padding, index: assembled from the spec, not by our writer. */
    static byte[] handMade(byte[] payload, byte[] index, int padBefore, int padAfter) {
        long dataOffset = 51 + padBefore;
        long indexOffset = index == null ? 0 : dataOffset + payload.length + padAfter;
        return CarBytes.concat(PRAGMA, header(dataOffset, payload.length, indexOffset), new byte[padBefore], payload,
                new byte[index == null ? 0 : padAfter], index == null ? new byte[0] : index);
    }

    @Test
    void handMadeCarV2WithMultihashIndexReadsLikeItsPayload() throws IOException {
        byte[] payload = Files.readAllBytes(FIXTURE);
        List<Located> expected = locate(payload);
        byte[] car = handMade(payload, multihashIndex(expected), 5, 3);
        try (CarReader r = CarReader.open(new ByteArrayInputStream(car))) {
            assertThat(r.version()).isEqualTo(2);
            assertThat(r.v2Header()).contains(new CarV2Header(false, 56, payload.length, 56 + payload.length + 3));
            assertThat(r.header().roots()).hasSize(1);
            for (Located l : expected) {
                CarSection s = r.next().orElseThrow();
                assertThat(s.block()).isEqualTo(l.block());
                assertThat(s.offset()).isEqualTo(l.offset());
            }
            assertThat(r.next()).isEmpty();
            CarIndex index = r.readIndex().orElseThrow();
            assertThat(index.codec()).isEqualTo(0x0401);
            for (Located l : expected) {
                assertThat(index.find(l.block().cid().multihash())).hasValue(l.offset());
            }
            assertThat(index.find(Multihash.sha256(new byte[] {42}))).isEmpty();
        }
    }

    @Test
    void indexSortedIsReadAndMatchesByDigest() throws IOException {
        byte[] payload = Files.readAllBytes(FIXTURE);
        List<Located> expected = locate(payload);
        byte[] index = CarBytes.concat(new byte[] {(byte) 0x80, 0x08}, sortedBody(expected));
        try (CarReader r = CarReader.open(new ByteArrayInputStream(handMade(payload, index, 0, 0)))) {
            while (r.next().isPresent()) {
                // drain
            }
            CarIndex idx = r.readIndex().orElseThrow();
            assertThat(idx.codec()).isEqualTo(0x0400);
            assertThat(idx.entries()).allSatisfy(e -> assertThat(e.hashFunction()).isEqualTo(-1));
            for (Located l : expected) {
                assertThat(idx.find(l.block().cid().multihash())).hasValue(l.offset());
            }
        }
    }

    @Test
    void carV2WithoutIndexHasNone() throws IOException {
        byte[] payload = Files.readAllBytes(FIXTURE);
        try (CarReader r = CarReader.open(new ByteArrayInputStream(handMade(payload, null, 0, 0)))) {
            assertThat(r.copyTo(b -> { })).isEqualTo(locate(payload).size());
            assertThat(r.readIndex()).isEmpty();
        }
    }

    @Test
    void writerLaysOutPragmaHeaderPayloadAndMultihashIndexLikeGoCar(@TempDir Path dir) throws IOException {
        byte[] v1 = Files.readAllBytes(FIXTURE);
        List<Located> sections = locate(v1);
        List<Cid> roots;
        try (CarReader r = CarReader.open(new ByteArrayInputStream(v1))) {
            roots = r.header().roots();
        }
        Path file = dir.resolve("out.car");
        try (CarV2Writer w = CarV2Writer.create(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE), roots)) {
            sections.forEach(l -> w.put(l.block()));
        }
        byte[] expected = CarBytes.concat(PRAGMA, header(51, v1.length, 51 + v1.length), v1, multihashIndex(sections));
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }

    @Test
    void writerGroupsIndexEntriesByHashFunction(@TempDir Path dir) throws IOException {
        byte[] a = {1};
        byte[] b = {2};
        Block sha256 = Block.of(Multicodec.RAW, a);
        Block sha512 = new Block(Cid.v1(Multicodec.RAW, Multihash.digest(Multicodec.SHA2_512.code(), b)), b);
        Path file = dir.resolve("mixed.car");
        try (CarV2Writer w = CarV2Writer.create(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE), List.of(sha512.cid()))) {
            w.put(sha512);
            w.put(sha256);
        }
        try (CarReader r = CarReader.open(Files.newInputStream(file))) {
            List<CarSection> read = new ArrayList<>();
            for (Optional<CarSection> s = r.next(); s.isPresent(); s = r.next()) {
                read.add(s.get());
            }
            CarIndex idx = r.readIndex().orElseThrow();
            assertThat(idx.entries()).extracting(CarIndex.Entry::hashFunction).containsExactly(0x12L, 0x13L);
            assertThat(idx.find(sha512.cid().multihash())).hasValue(read.get(0).offset());
            assertThat(idx.find(sha256.cid().multihash())).hasValue(read.get(1).offset());
        }
    }

    @Test
    void impossibleOffsetsAreRefused() {
        byte[] payload = CarBytes.written(List.of(), List.of(Block.of(Multicodec.RAW, new byte[] {1})));
        int n = payload.length;
        assertBad(CarBytes.concat(PRAGMA, header(50, n, 0), payload), "data offset");
        assertBad(CarBytes.concat(PRAGMA, header(51, 0, 0), payload), "data size");
        assertBad(CarBytes.concat(PRAGMA, header(51, n, 51 + n - 1), payload), "index offset");
        assertBad(CarBytes.concat(PRAGMA, header(-8, n, 0), payload), "data offset");
        assertBad(CarBytes.concat(PRAGMA, header(51, Long.MAX_VALUE, 0), payload), "overflows");
        assertBad(CarBytes.concat(PRAGMA, header(51, n, -1), payload), "index offset");
    }

    @Test
    void payloadSizeThatDisagreesWithThePayloadIsTruncation() {
        byte[] payload = CarBytes.written(List.of(), List.of(Block.of(Multicodec.RAW, new byte[] {1})));
        int n = payload.length;
        assertBad(CarBytes.concat(PRAGMA, header(51, n + 10, 0), payload), "truncated CAR");
        assertBad(CarBytes.concat(PRAGMA, header(51, n - 1, 0), payload), "truncated CAR");
        assertBad(CarBytes.concat(PRAGMA, header(60, n, 0), payload), "truncated CAR");
        assertBad(CarBytes.concat(PRAGMA, header(51, n, n + 60), payload), "truncated CAR");
        assertBad(Arrays.copyOf(PRAGMA, 30), "truncated CAR");
    }

    @Test
    void truncationAtEveryOffsetOfAnIndexedCarV2IsReported() {
        byte[] payload = CarBytes.written(List.of(), List.of(Block.of(Multicodec.RAW, new byte[] {1}),
                Block.of(Multicodec.RAW, new byte[] {2})));
        byte[] car = handMade(payload, multihashIndex(locate(payload)), 3, 2);
        for (int n = 0; n < car.length; n++) {
            byte[] prefix = Arrays.copyOf(car, n);
            int len = n;
            assertThatThrownBy(() -> CarBytes.readAll(prefix)).as("prefix of %d bytes", len)
                    .isInstanceOf(CarException.class).hasMessageContaining("truncated CAR");
        }
    }

    @Test
    void aCarV2InsideACarV2IsRefused() {
        byte[] inner = CarBytes.concat(PRAGMA, header(51, 1, 0), new byte[] {0});
        assertBad(CarBytes.concat(PRAGMA, header(51, inner.length, 0), inner), "payload must be a CARv1");
    }

    @Test
    void malformedIndexesAreRefused() throws IOException {
        byte[] payload = CarBytes.written(List.of(), List.of(Block.of(Multicodec.RAW, new byte[] {1}),
                Block.of(Multicodec.RAW, new byte[] {2})));
        List<Located> located = locate(payload);
        byte[] good = multihashIndex(located);
        assertThat(CarBytes.readAll(handMade(payload, good, 0, 0))).hasSize(2);
        byte[] unknownCodec = good.clone();
        unknownCodec[0] = (byte) 0x82;
        assertBad(handMade(payload, unknownCodec, 0, 0), "unsupported CARv2 index codec");
        byte[] badWidth = good.clone();
        badWidth[2 + 4 + 8 + 4] = 7;
        assertBad(handMade(payload, badWidth, 0, 0), "width");
        byte[] badLength = good.clone();
        badLength[2 + 4 + 8 + 4 + 4] = 81;
        assertBad(handMade(payload, badLength, 0, 0), "multiple");
        byte[] unsorted = good.clone();
        int first = 2 + 4 + 8 + 4 + 4 + 8;
        byte[] e1 = Arrays.copyOfRange(unsorted, first, first + 40);
        System.arraycopy(unsorted, first + 40, unsorted, first, 40);
        System.arraycopy(e1, 0, unsorted, first + 40, 40);
        assertBad(handMade(payload, unsorted, 0, 0), "sorted");
        assertBad(handMade(payload, Arrays.copyOf(good, good.length - 1), 0, 0), "truncated CAR");
        byte[] negativeCount = good.clone();
        negativeCount[5] = (byte) 0x80;
        assertBad(handMade(payload, negativeCount, 0, 0), "negative");
    }

    private static void assertBad(byte[] car, String message) {
        assertThatThrownBy(() -> CarBytes.readAll(car)).isInstanceOf(CarException.class).hasMessageContaining(message);
    }
}
