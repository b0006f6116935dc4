package dev.cairn.car;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.Block;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.testing.FixtureCars;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random and mutated CAR bytes: the only allowed failure is CodecException. */
class CarFuzzTest {
    private static final int ROUNDS = 20000;

    @Test
    void randomAndMutatedCarsFailOnlyWithCodecExceptions() throws IOException {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Files.readAllBytes(FixtureCars.fixture("gateway-raw-block.car")));
        seeds.add(Files.readAllBytes(FixtureCars.fixture("path_gateway_dag/dag-cbor-traversal.car")));
        byte[] small = CarBytes.written(List.of(), List.of(Block.of(Multicodec.RAW, new byte[] {1}),
                Block.of(Multicodec.DAG_CBOR, new byte[] {(byte) 0xa0})));
        seeds.add(small);
        List<CarV2Test.Located> located = CarV2Test.locate(small);
        seeds.add(CarV2Test.handMade(small, CarV2Test.multihashIndex(located), 2, 1));
        seeds.add(CarV2Test.handMade(small, CarBytes.concat(new byte[] {(byte) 0x80, 0x08}, CarV2Test.sortedBody(located)), 0, 0));
        int clean = 0;
        for (int i = 0; i < ROUNDS; i++) {
            byte[] in = mutate(rnd, seeds.get(rnd.nextInt(seeds.size())), i);
            try {
                CarBytes.readAll(in);
                clean++;
            } catch (CodecException expected) {
                // the declared failure (CarException, BlockMismatchException, ...)
            } catch (RuntimeException | IOException | OutOfMemoryError e) {
                throw new AssertionError("seed " + seed + " round " + i + " input " + HexFormat.of().formatHex(in), e);
            }
        }
        assertThat(clean).as("seed %d: some inputs must still parse", seed).isPositive();
    }

    private static byte[] mutate(Random rnd, byte[] seed, int round) {
        switch (round % 5) {
            case 0 -> {
                byte[] b = new byte[rnd.nextInt(80)];
                rnd.nextBytes(b);
                if (rnd.nextBoolean() && b.length > 11) {
                    System.arraycopy(CarV2Test.PRAGMA, 0, b, 0, 11);
                }
                return b;
            }
            case 1 -> {
                return Arrays.copyOf(seed, rnd.nextInt(seed.length + 1));
            }
            case 2 -> {
                byte[] b = seed.clone();
                int start = rnd.nextInt(b.length);
                byte[] junk = new byte[Math.min(8, b.length - start)];
                rnd.nextBytes(junk);
                System.arraycopy(junk, 0, b, start, junk.length);
                return b;
            }
            default -> {
                byte[] b = seed.clone();
                for (int f = 1 + rnd.nextInt(3); f > 0; f--) {
                    // Bias toward the header and index where lengths and offsets live.
                    int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, 64)) : rnd.nextInt(b.length);
                    b[at] = (byte) (rnd.nextInt(4) == 0 ? 0xff : rnd.nextInt(256));
                }
                return b;
            }
        }
    }
}
