package dev.cairn.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.UnsupportedCodecException;
import dev.cairn.testing.FixtureCars;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinksTest {
    private static final Cid A = Block.of(Multicodec.RAW, new byte[] {1}).cid();
    private static final Cid B = Block.of(Multicodec.RAW, new byte[] {2}).cid();
    private static final Cid C = Cid.parse("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");

    @Test
    void dagPbLinksComeInBlockOrderWithDuplicates() {
        byte[] node = DagPb.encode(new PbNode(List.of(new PbLink(B, "b", 1L), new PbLink(A, "a", 1L),
                new PbLink(B, "c", 1L), new PbLink(C, null, null)), new byte[] {8, 1}));
        Cid cid = Block.of(Multicodec.DAG_PB, node).cid();
        assertThat(Links.of(cid, node)).containsExactly(B, A, B, C);
    }

    @Test
    void rawAndLinkFreeCodecsHaveNoLinks() {
        for (Multicodec codec : List.of(Multicodec.RAW, Multicodec.CBOR, Multicodec.JSON, Multicodec.LIBP2P_KEY)) {
            Block b = Block.of(codec, new byte[] {(byte) 0xd8, 0x2a});
            assertThat(Links.of(b.cid(), b.data())).as(codec.label()).isEmpty();
        }
    }

    /** {"a": [CID(A), {"b": CID(B)}], "c": CID(A)} written by hand: CIDs in encounter order. */
    @Test
    void dagCborLinksAreTag42CidsInEncounterOrder() {
        String a = "d82a5825" + "00" + HexFormat.of().formatHex(A.bytes());
        String b = "d82a5825" + "00" + HexFormat.of().formatHex(B.bytes());
        byte[] block = HexFormat.of().parseHex("a2" + "6161" + "82" + a + "a1" + "6162" + b + "6163" + a);
        Cid cid = Block.of(Multicodec.DAG_CBOR, block).cid();
        assertThat(Links.of(cid, block)).containsExactly(A, B, A);
    }

    @Test
    void kuboDagCborBlockLinksToItsSiblings() {
        var blocks = FixtureCars.blocks(FixtureCars.fixture("trustless_gateway_car/dir-with-dag-cbor-with-links.car"));
        Block cbor = blocks.stream().filter(b -> b.cid().codec() == Multicodec.DAG_CBOR.code()).findFirst().orElseThrow();
        List<Cid> present = blocks.stream().map(Block::cid).toList();
        assertThat(Links.of(cbor.cid(), cbor.data())).isNotEmpty().allSatisfy(l -> assertThat(present).contains(l));
    }

    @Test
    void dagJsonLinksAreSlashObjectsInEncounterOrder() {
        String json = "{\"a\": [{\"/\": \"" + A + "\"}, 1.5e3, -0, true, null],\n \"b\": {\"/\": {\"bytes\": \"AQI\"}},"
                + " \"c\": {\"x\": {\"/\": \"" + C + "\"}, \"/\": \"not a link: two keys\"}, \"d\": \"\\u0041\\n\"}";
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Cid cid = Block.of(Multicodec.DAG_JSON, bytes).cid();
        assertThat(Links.of(cid, bytes)).containsExactly(A, C);
    }

    @Test
    void kuboDagJsonBlocksLinkAlongTheTraversalFixture() {
        var blocks = FixtureCars.blocks(FixtureCars.fixture("path_gateway_dag/dag-json-traversal.car"));
        // Kubo wrote root -> foo/link -> bar in this order; the last block holds a string, not a link.
        assertThat(Links.of(blocks.get(0).cid(), blocks.get(0).data())).containsExactly(blocks.get(1).cid());
        assertThat(Links.of(blocks.get(1).cid(), blocks.get(1).data())).containsExactly(blocks.get(2).cid());
        assertThat(Links.of(blocks.get(2).cid(), blocks.get(2).data())).isEmpty();
    }

    @Test
    void malformedDagJsonIsACodecException() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "{\"/\": \"not-a-cid\"}", "01", "tru", "\"\\x\"", "1 2",
                "[".repeat(200) + "]".repeat(200), "{\"a\":1,}", "\"\u0001\"")) {
            byte[] bytes = bad.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Cid cid = Block.of(Multicodec.DAG_JSON, bytes).cid();
            assertThatThrownBy(() -> Links.of(cid, bytes)).as(bad).isInstanceOf(CodecException.class);
        }
    }

    @Test
    void unknownCodecsAreUnsupported() {
        Cid gitRaw = Cid.v1(0x78, Multihash.sha256(new byte[0]));
        assertThatThrownBy(() -> Links.of(gitRaw, new byte[0])).isInstanceOfSatisfying(UnsupportedCodecException.class,
                e -> assertThat(e.codec()).isEqualTo(0x78))
                .hasMessageContaining("0x78");
        Cid odd = Cid.v1(0x9999, Multihash.sha256(new byte[0]));
        assertThatThrownBy(() -> Links.of(odd, new byte[0])).isInstanceOf(UnsupportedCodecException.class);
    }

    @Test
    void undecodableBlocksAreCodecExceptions() {
        Cid pb = Block.of(Multicodec.DAG_PB, new byte[] {0x7f}).cid();
        assertThatThrownBy(() -> Links.of(pb, new byte[] {0x7f})).isInstanceOf(CodecException.class);
        Cid cbor = Block.of(Multicodec.DAG_CBOR, new byte[] {(byte) 0xff}).cid();
        assertThatThrownBy(() -> Links.of(cbor, new byte[] {(byte) 0xff})).isInstanceOf(CodecException.class);
    }
}
