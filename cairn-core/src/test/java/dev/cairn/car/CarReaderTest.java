package dev.cairn.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.block.BlockMismatchException;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.Varint;
import dev.cairn.testing.FixtureCars;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CarReaderTest {
    private static final List<Block> BLOCKS = List.of(
            Block.of(Multicodec.RAW, "hello world".getBytes(StandardCharsets.UTF_8)),
            Block.of(Multicodec.RAW, new byte[0]),
            Block.of(Multicodec.DAG_CBOR, new byte[] {(byte) 0xa0}));
    private static final Cid ROOT = BLOCKS.get(0).cid();

    @Test
    void everyFixtureCarReadsWithAllBlocksVerified() throws IOException {
        List<Path> cars = FixtureCars.allCars();
        assertThat(cars).hasSizeGreaterThanOrEqualTo(26);
        for (Path car : cars) {
            byte[] bytes = Files.readAllBytes(car);
            try (CarReader r = CarReader.open(new ByteArrayInputStream(bytes))) {
                assertThat(r.version()).isEqualTo(1);
                assertThat(r.header().roots()).as(car.toString()).isNotEmpty();
                List<Cid> cids = new ArrayList<>();
                for (var s = r.next(); s.isPresent(); s = r.next()) {
                    CarSection sec = s.get();
                    cids.add(sec.cid());
                    // dataOffset and length locate the block inside the file (what a pack index stores).
                    assertThat(Arrays.copyOfRange(bytes, (int) sec.dataOffset(), (int) sec.dataOffset() + sec.data().length))
                            .isEqualTo(sec.data());
                    long declared = Varint.read(bytes, (int) sec.offset());
                    assertThat(Varint.size(declared) + declared).isEqualTo(sec.length());
                }
                // The same sections, in the same order, as @ipld/car (npm) reads from the file.
                assertThat(cids.stream().map(Cid::toString).toList()).as(car.toString())
                        .containsExactlyElementsOf(dev.cairn.interop.CarInspect.inspect(car).cids());
            }
        }
    }

    /** Kubo wrote the fixtures; writing the same roots and blocks must give the same bytes. */
    @Test
    void writerReproducesKuboFixturesByteForByte() throws IOException {
        for (Path car : FixtureCars.allCars()) {
            byte[] bytes = Files.readAllBytes(car);
            List<Cid> roots;
            try (CarReader r = CarReader.open(new ByteArrayInputStream(bytes))) {
                roots = r.header().roots();
            }
            assertThat(CarBytes.written(roots, FixtureCars.blocks(car))).as(car.toString()).isEqualTo(bytes);
        }
    }

    @Test
    void writtenCarReadsBackWithOffsets() throws IOException {
        byte[] car = CarBytes.written(List.of(ROOT), BLOCKS);
        List<CarSection> read = CarBytes.readAll(car);
        assertThat(read).extracting(CarSection::block).containsExactlyElementsOf(BLOCKS);
        assertThat(read.get(0).offset()).isEqualTo(1 + CarHeader.v1(List.of(ROOT)).encode().length);
        assertThat(read.get(1).offset()).isEqualTo(read.get(0).offset() + read.get(0).length());
        try (CarReader r = CarReader.open(new ByteArrayInputStream(car))) {
            assertThat(r.header().roots()).containsExactly(ROOT);
        }
    }

    @Test
    void writerNeverWritesIdentityBlocks() throws IOException {
        byte[] data = "inline".getBytes(StandardCharsets.UTF_8);
        Block identity = new Block(Cid.v1(Multicodec.RAW, Multihash.of(Multicodec.IDENTITY.code(), data)), data);
        byte[] car = CarBytes.written(List.of(identity.cid()), List.of(identity, BLOCKS.get(0)));
        assertThat(CarBytes.readAll(car)).extracting(CarSection::cid).containsExactly(BLOCKS.get(0).cid());
    }

    @Test
    void identitySectionsAreReadButFlaggedAndNotCopiedToSinks() throws IOException {
        byte[] data = "inline".getBytes(StandardCharsets.UTF_8);
        Cid id = Cid.v1(Multicodec.RAW, Multihash.of(Multicodec.IDENTITY.code(), data));
        byte[] car = CarBytes.v1(CarHeader.v1(List.of(id)).encode(), List.of(new Block(id, data), BLOCKS.get(0)));
        List<CarSection> read = CarBytes.readAll(car);
        assertThat(read).extracting(CarSection::isIdentity).containsExactly(true, false);
        List<Block> stored = new ArrayList<>();
        try (CarReader r = CarReader.open(new ByteArrayInputStream(car))) {
            assertThat(r.copyTo(stored::add)).isEqualTo(1);
        }
        assertThat(stored).containsExactly(BLOCKS.get(0));
    }

    @Test
    void aLyingBlockIsABlockMismatchNamingItsCid() {
        byte[] car = CarBytes.written(List.of(ROOT), BLOCKS);
        int at = indexOf(car, "hello world".getBytes(StandardCharsets.UTF_8));
        car[at] ^= 1;
        assertThatThrownBy(() -> CarBytes.readAll(car))
                .isInstanceOfSatisfying(BlockMismatchException.class, e -> assertThat(e.cid()).isEqualTo(ROOT))
                .hasMessageContaining(ROOT.toString());
        assertThat(catchingUnverified(car)).hasSize(3);
    }

    private static List<CarSection> catchingUnverified(byte[] car) {
        try {
            return CarBytes.readAll(car, CarReadOptions.DEFAULTS.withVerify(false));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void truncationAtEveryOffsetIsReportedOrEndsOnASectionBoundary() throws IOException {
        byte[] car = CarBytes.written(List.of(ROOT), BLOCKS);
        List<CarSection> full = CarBytes.readAll(car);
        Set<Long> boundaries = new TreeSet<>();
        full.forEach(s -> boundaries.add(s.offset()));
        boundaries.add((long) car.length);
        for (int n = 0; n < car.length; n++) {
            byte[] prefix = Arrays.copyOf(car, n);
            int cut = n;
            if (boundaries.contains((long) n)) {
                // A prefix cut between sections is itself a valid, shorter CAR.
                assertThat(CarBytes.readAll(prefix)).hasSize((int) full.stream().filter(s -> s.offset() < cut).count());
            } else {
                int len = n;
                assertThatThrownBy(() -> CarBytes.readAll(prefix)).as("prefix of %d bytes", len)
                        .isInstanceOf(CarException.class).hasMessageContaining("truncated CAR").hasMessageContaining("byte " + len);
            }
        }
    }

    @Test
    void oversizedSectionIsRefusedBeforeReadingIt() {
        byte[] header = CarHeader.v1(List.of(ROOT)).encode();
        byte[] car = CarBytes.concat(Varint.encode(header.length), header, Varint.encode(3L * 1024 * 1024));
        assertThatThrownBy(() -> CarBytes.readAll(car)).isInstanceOf(CarException.class).hasMessageContaining("over the limit");
        byte[] huge = CarBytes.concat(Varint.encode(header.length), header, Varint.encode(Long.MAX_VALUE));
        assertThatThrownBy(() -> CarBytes.readAll(huge)).isInstanceOf(CarException.class).hasMessageContaining("over the limit");
    }

    @Test
    void aBlockJustOverTwoMebibytesIsRefusedEvenWithinTheSectionLimit() {
        byte[] data = new byte[Block.MAX_SIZE + 1];
        Block big = Block.of(Multicodec.RAW, data);
        byte[] car = CarBytes.v1(CarHeader.v1(List.of(big.cid())).encode(), List.of(big));
        assertThatThrownBy(() -> CarBytes.readAll(car)).isInstanceOf(CarException.class).hasMessageContaining("exceeds");
        Block max = Block.of(Multicodec.RAW, new byte[Block.MAX_SIZE]);
        assertThat(catchingUnverified(CarBytes.v1(CarHeader.v1(List.of(max.cid())).encode(), List.of(max)))).hasSize(1);
    }

    @Test
    void oversizedHeaderIsRefused() {
        byte[] car = CarBytes.concat(Varint.encode(2 * 1024 * 1024), new byte[10]);
        assertThatThrownBy(() -> CarBytes.readAll(car)).isInstanceOf(CarException.class).hasMessageContaining("exceeds the limit");
    }

    @Test
    void headersThatAreNotCarV1AreRefused() {
        byte[] v3 = encodeHeader("a265726f6f7473806776657273696f6e03");
        assertThatThrownBy(() -> CarBytes.readAll(v3)).isInstanceOf(CarException.class).hasMessageContaining("version 3");
        // {roots: [], version: 2} is not the exact CARv2 pragma.
        byte[] fakeV2 = encodeHeader("a265726f6f7473806776657273696f6e02");
        assertThatThrownBy(() -> CarBytes.readAll(fakeV2)).isInstanceOf(CarException.class).hasMessageContaining("pragma");
        assertThatThrownBy(() -> CarBytes.readAll(new byte[] {0})).isInstanceOf(CarException.class).hasMessageContaining("zero");
        assertThatThrownBy(() -> CarBytes.readAll(encodeHeader("ff"))).isInstanceOf(CarException.class).hasMessageContaining("header");
    }

    @Test
    void zeroLengthAndBadCidSectionsAreRefused() {
        byte[] header = CarHeader.v1(List.of(ROOT)).encode();
        byte[] zero = CarBytes.concat(Varint.encode(header.length), header, new byte[] {0});
        assertThatThrownBy(() -> CarBytes.readAll(zero)).isInstanceOf(CarException.class).hasMessageContaining("length zero");
        byte[] badCid = CarBytes.concat(Varint.encode(header.length), header, new byte[] {3, 2, 0x55, 0});
        assertThatThrownBy(() -> CarBytes.readAll(badCid)).isInstanceOf(CarException.class).hasMessageContaining("bad CID");
        byte[] nonMinimal = CarBytes.concat(Varint.encode(header.length), header, new byte[] {(byte) 0x85, 0});
        assertThatThrownBy(() -> CarBytes.readAll(nonMinimal)).isInstanceOf(CarException.class).hasMessageContaining("minimal");
    }

    private static byte[] encodeHeader(String hex) {
        byte[] h = java.util.HexFormat.of().parseHex(hex);
        return CarBytes.concat(Varint.encode(h.length), h);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
