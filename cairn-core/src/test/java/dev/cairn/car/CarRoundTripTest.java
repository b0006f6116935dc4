package dev.cairn.car;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded property: whatever the writers write, the reader gives back exactly, in order. */
class CarRoundTripTest {
    static List<Block> randomBlocks(Random rnd) {
        List<Block> out = new ArrayList<>();
        for (int i = rnd.nextInt(12); i >= 0; i--) {
            byte[] data = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(300_000) : rnd.nextInt(64)];
            rnd.nextBytes(data);
            out.add(switch (rnd.nextInt(5)) {
                case 0 -> Block.of(Multicodec.RAW, data);
                case 1 -> new Block(Cid.v0(Multihash.sha256(data)), data);
                case 2 -> new Block(Cid.v1(Multicodec.RAW, Multihash.digest(Multicodec.SHA2_512.code(), data)), data);
                case 3 -> out.isEmpty() ? Block.of(Multicodec.DAG_CBOR, data) : out.get(rnd.nextInt(out.size()));
                default -> Block.of(Multicodec.DAG_CBOR, data);
            });
        }
        return out;
    }

    @Test
    void carV1WrittenIsReadBackExactly() throws IOException {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int i = 0; i < 200; i++) {
            List<Block> blocks = randomBlocks(rnd);
            List<Cid> roots = blocks.stream().limit(rnd.nextInt(3)).map(Block::cid).toList();
            byte[] car = CarBytes.written(roots, blocks);
            assertThat(CarBytes.readAll(car)).as("seed %d round %d", seed, i).extracting(CarSection::block)
                    .containsExactlyElementsOf(blocks);
        }
    }

    @Test
    void carV2WrittenIsReadBackWithAnIndexForEverySection(@TempDir Path dir) throws IOException {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int i = 0; i < 40; i++) {
            List<Block> blocks = randomBlocks(rnd);
            Path file = dir.resolve(i + ".car");
            try (CarV2Writer w = CarV2Writer.create(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE), List.of(blocks.getFirst().cid()))) {
                blocks.forEach(w::put);
            }
            try (CarReader r = CarReader.open(Files.newInputStream(file))) {
                assertThat(r.version()).isEqualTo(2);
                List<CarSection> read = new ArrayList<>();
                for (Optional<CarSection> s = r.next(); s.isPresent(); s = r.next()) {
                    read.add(s.get());
                }
                assertThat(read).as("seed %d round %d", seed, i).extracting(CarSection::block).containsExactlyElementsOf(blocks);
                CarIndex index = r.readIndex().orElseThrow();
                assertThat(index.entries()).hasSize(blocks.size());
                for (CarSection s : read) {
                    long at = index.find(s.cid().multihash()).orElseThrow();
                    // Duplicates share a digest: the index may name either copy, both hold the block.
                    assertThat(read).filteredOn(o -> o.offset() == at).singleElement()
                            .satisfies(o -> assertThat(o.cid().multihash()).isEqualTo(s.cid().multihash()));
                }
            }
        }
    }
}
