package dev.cairn.unixfs.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbNode;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeafEncodingTest {
    @Test
    void theOnePassLeafEncoderWritesTheSameBytesAsTheGenericEncoders() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        int[] edges = {0, 1, 2, 113, 114, 115, 125, 126, 127, 128, 129, 16371, 16372, 16383, 16384, 16385,
            262144, 1048576, 2096896};
        for (int size : edges) {
            for (DataType t : List.of(DataType.FILE, DataType.RAW)) {
                byte[] chunk = new byte[size];
                r.nextBytes(chunk);
                byte[] generic = DagPb.encode(new PbNode(List.of(), new UnixfsData(t, size == 0 ? null : chunk,
                        (long) size, List.of(), null, null, null, null).encode()));
                assertThat(LeafStream.dagPbLeaf(t, chunk)).as("seed %d size %d %s", seed, size, t).isEqualTo(generic);
            }
        }
    }
}
