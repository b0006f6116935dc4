package dev.cairn.dagpb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.Block;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.testing.FixtureCars;
import dev.cairn.unixfs.UnixfsData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every dag-pb block in the Kubo-made gateway-conformance CARs, through our codec and back. */
class DagPbFixtureTest {
    private static List<Block> dagPbBlocks() {
        List<Block> out = new ArrayList<>();
        for (Path car : FixtureCars.allCars()) {
            for (Block b : FixtureCars.blocks(car)) {
                if (b.cid().codec() == Multicodec.DAG_PB.code()) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    @Test
    void everyFixtureDagPbBlockDecodesAndReEncodesToItsOwnBytes() {
        List<Block> blocks = dagPbBlocks();
        assertThat(blocks).hasSizeGreaterThan(100);
        for (Block b : blocks) {
            PbNode node = DagPb.decode(b.data());
            byte[] again = DagPb.encode(node);
            assertThat(HexFormat.of().formatHex(again)).as(b.cid().toString())
                    .isEqualTo(HexFormat.of().formatHex(b.data()));
            assertThat(DagPb.encodedSize(node)).as(b.cid().toString()).isEqualTo(b.data().length);
            assertThat(b.cid().multihash().matches(again)).isTrue();
        }
    }

    @Test
    void everyFixtureUnixfsDataDecodesAndReEncodesToItsOwnBytes() {
        int checked = 0;
        for (Block b : dagPbBlocks()) {
            byte[] data = DagPb.decode(b.data()).data();
            if (data == null) {
                continue;
            }
            UnixfsData u = UnixfsData.decode(data);
            assertThat(HexFormat.of().formatHex(u.encode())).as(b.cid().toString())
                    .isEqualTo(HexFormat.of().formatHex(data));
            assertThat(UnixfsData.decode(u.encode())).isEqualTo(u);
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }
}
