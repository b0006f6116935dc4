package dev.cairn.dagpb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cairn.block.Block;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.testing.FixtureCars;
import dev.cairn.testing.Fuzz;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link DagPb#links} (no Data copy) accepts and refuses exactly what {@link DagPb#decode} does, with the same links. */
class DagPbLinksTest {
    @Test
    void linksAgreesWithDecodeOnEveryFixtureBlockAndOnMutationsOfThem() {
        List<byte[]> corpus = new ArrayList<>();
        for (Path car : FixtureCars.allCars()) {
            for (Block b : FixtureCars.blocks(car)) {
                if (b.cid().codec() == Multicodec.DAG_PB.code()) {
                    corpus.add(b.data());
                }
            }
        }
        assertThat(corpus).isNotEmpty();
        for (byte[] block : corpus) {
            assertThat(DagPb.links(block)).isEqualTo(DagPb.decode(block).links());
        }
        long seed = Fuzz.seed(0x5eed_0503L);
        Random rnd = new Random(seed);
        int refused = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] input = Fuzz.mutate(rnd, Fuzz.pick(rnd, corpus));
            Throwable decodeError = catchThrowable(() -> DagPb.decode(input));
            Throwable linksError = catchThrowable(() -> DagPb.links(input));
            assertThat(linksError == null).as("seed %x case %d", seed, i).isEqualTo(decodeError == null);
            if (decodeError == null) {
                assertThat(DagPb.links(input)).isEqualTo(DagPb.decode(input).links());
            } else {
                assertThat(linksError).isInstanceOf(CodecException.class);
                refused++;
            }
        }
        assertThat(refused).isPositive();
    }
}
