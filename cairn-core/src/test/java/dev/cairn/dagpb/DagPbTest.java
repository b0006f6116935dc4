package dev.cairn.dagpb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vectors from the dag-pb spec, the go-codec-dagpb / js-dag-pb compatibility table
 * ({@code compat_test.go}), the IPIP-550 field-order fixtures, and Kubo bytes from the spec notes.
 */
class DagPbTest {
    private static final HexFormat HEX = HexFormat.of();
    /** {@code 01 55 00 05 00 01 02 03 04}: raw, identity, 5 bytes: the compat table's CID. */
    private static final Cid ACID = Cid.fromBytes(HEX.parseHex("015500050001020304"));

    private static byte[] hex(String h) {
        return HEX.parseHex(h);
    }

    /** compat_test.go cases that decode, with their expected node; encode must give the bytes back. */
    @Test
    void compatibilityTableRoundTrips() {
        record Case(String hex, PbNode node) {}
        List<Case> cases = List.of(
                new Case("", new PbNode(List.of(), null)),
                new Case("0a00", new PbNode(List.of(), new byte[0])),
                new Case("0a050001020304", new PbNode(List.of(), hex("0001020304"))),
                new Case("120b0a09015500050001020304", new PbNode(List.of(new PbLink(ACID, null, null)), null)),
                new Case("120d0a090155000500010203041200", new PbNode(List.of(new PbLink(ACID, "", null)), null)),
                new Case("12160a090155000500010203041209736f6d65206e616d65",
                        new PbNode(List.of(new PbLink(ACID, "some name", null)), null)),
                new Case("120d0a090155000500010203041800", new PbNode(List.of(new PbLink(ACID, null, 0L)), null)),
                new Case("12140a0901550005000102030418ffffffffffffff0f",
                        new PbNode(List.of(new PbLink(ACID, null, 9007199254740991L)), null)));
        for (Case c : cases) {
            PbNode decoded = DagPb.decode(hex(c.hex()));
            assertThat(decoded).as(c.hex()).isEqualTo(c.node());
            assertThat(HEX.formatHex(DagPb.encode(c.node()))).isEqualTo(c.hex());
            assertThat(DagPb.encodedSize(c.node())).isEqualTo(c.hex().length() / 2);
        }
    }

    /** compat_test.go cases whose decode must fail: a link without a usable Hash. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"1200", "12000a050001020304", "12021200", "120b1209736f6d65206e616d65", "12021800", "120318f207"})
    void compatibilityTableLinksWithoutHashAreRejected(String hex) {
        assertThatThrownBy(() -> DagPb.decode(hex(hex))).isInstanceOf(CodecException.class)
                .hasMessageContaining("link without Hash");
    }

    @Test
    void compatibilityTableEmptyHashIsNotACid() {
        assertThatThrownBy(() -> DagPb.decode(hex("12020a00"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("Hash is not a CID");
    }

    /** IPIP-550 fixtures: one Directory and one HAMTShard, in both PBNode field orders. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "Directory, 12330a24015512205891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03120968656c6c6f2e74787418060a020801, "
            + "0a02080112330a24015512205891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03120968656c6c6f2e7478741806",
        "HAMTShard, 12350a24015512205891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03120b444668656c6c6f2e74787418060a250805121c800000000000000000000000000000000000000000000000000000002822308002, "
            + "0a250805121c80000000000000000000000000000000000000000000000000000000282230800212350a24015512205891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03120b444668656c6c6f2e7478741806",
    })
    void bothPbNodeFieldOrdersDecodeToTheSameNodeAndReEncodeExactly(String kind, String linksFirst, String dataFirst) {
        PbNode a = DagPb.decode(hex(linksFirst));
        PbNode b = DagPb.decode(hex(dataFirst));
        assertThat(a).isEqualTo(b);
        assertThat(a.links()).hasSize(1);
        assertThat(HEX.formatHex(DagPb.encode(b))).isEqualTo(linksFirst);
        assertThat(HEX.formatHex(DagPb.encode(a, FieldOrder.LINKS_FIRST))).isEqualTo(linksFirst);
        assertThat(HEX.formatHex(DagPb.encode(a, FieldOrder.DATA_FIRST))).isEqualTo(dataFirst);
    }

    /** dag-pb spec, "Zero-length blocks": valid, null Data, no Links, with these CIDs. */
    @Test
    void zeroLengthBlockIsValidAndHasTheSpecCids() {
        PbNode node = DagPb.decode(new byte[0]);
        assertThat(node.links()).isEmpty();
        assertThat(node.data()).isNull();
        Multihash mh = Multihash.sha256(DagPb.encode(node));
        assertThat(Cid.v1(Multicodec.DAG_PB, mh).toString())
                .isEqualTo("bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
        assertThat(Cid.v0(mh).toString()).isEqualTo("QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n");
    }

    @Test
    void kuboBlocksFromTheSpecNotesHashToTheirCids() {
        byte[] hello = hex("0a110802120b68656c6c6f20776f726c64180b");
        assertThat(Cid.v0(Multihash.sha256(hello)).toString()).isEqualTo("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD");
        assertThat(HEX.formatHex(DagPb.encode(DagPb.decode(hello)))).isEqualTo(HEX.formatHex(hello));
        byte[] emptyDir = hex("0a020801");
        assertThat(Cid.v0(Multihash.sha256(emptyDir)).toString()).isEqualTo("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");
        assertThat(DagPb.encode(DagPb.decode(emptyDir))).isEqualTo(emptyDir);
    }

    @Test
    void kuboChunkLinksKeepTheirEmptyName() {
        Cid raw = Cid.parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
        byte[] block = hex("122b0a24" + HEX.formatHex(raw.bytes()) + "1200188002");
        PbLink link = DagPb.decode(block).links().get(0);
        assertThat(link).isEqualTo(new PbLink(raw, "", 256L));
        assertThat(DagPb.encode(new PbNode(List.of(link), null))).isEqualTo(block);
    }

    private static final String LINK = "120b0a09015500050001020304";

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "1a00|unknown PBNode field 3",
        "2200|unknown PBNode field 4",
        "0801|Data has wire type 0",
        "1001|Links has wire type 0",
        "0d00000000|Data has wire type 5",
        "0a000a00|duplicate Data",
        LINK + "0a00" + LINK + "|Links split by Data",
        "120d1200" + "0a09015500050001020304|Hash after Name",
        "120d1800" + "0a09015500050001020304|Hash after Tsize",
        "12101203616263" + "0a09015500050001020304|Hash after Name",
        "120f0a09015500050001020304" + "18011200|Name after Tsize",
        "12160a09015500050001020304" + "0a09015500050001020304|duplicate PBLink Hash",
        "120f0a09015500050001020304" + "12001200|duplicate PBLink Name",
        "120f0a09015500050001020304" + "18011801|duplicate PBLink Tsize",
        "120d0a09015500050001020304" + "2000|unknown PBLink field 4",
        "120b0809015500050001020304|Hash has wire type 0",
        "120d0a09015500050001020304" + "1000|Name has wire type 0",
        "120e0a09015500050001020304" + "1a0100|Tsize has wire type 2",
        "12160a09015500050001020304" + "18ffffffffffffffffff01|Tsize 18446744073709551615 exceeds",
        "12100a09015500050001020304" + "1203ff6162|not valid UTF-8",
        "12050a0301550a|Hash is not a CID",
        "12050a0302550a|Hash is not a CID",
        "121d0a1b01551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1e|Hash is not a CID",
        "0a050001020304" + "00|invalid protobuf field number 0",
        "0a050001020304" + "12|truncated protobuf varint",
        "0a07000102030400|runs past the end",
        "120c0a09015500050001020304|runs past the end",
        "0affffffffffffffffff01|runs past the end",
        "0b|unsupported protobuf wire type 3",
        "0c|unsupported protobuf wire type 4",
        "0e|unsupported protobuf wire type 6",
    })
    void specStrictnessRulesAreEnforced(String hex, String message) {
        assertThatThrownBy(() -> DagPb.decode(hex(hex))).isInstanceOf(CodecException.class)
                .hasMessageContaining(message);
    }

    @Test
    void lengthAbove2To63IsRejectedRatherThanReadAsNegative() {
        // Regression: a 10-byte length varint read as a negative long passed the bounds check and
        // moved the reader backwards (NegativeArraySizeException or a loop instead of an error).
        assertThatThrownBy(() -> DagPb.decode(hex("0affffffffffffffff7f01"))).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> DagPb.decode(hex("12ffffffffffffffffff01"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("runs past the end");
    }

    @Test
    void linksAfterDataAreAcceptedAsTheSpecRequires() {
        // dag-pb spec, strictness rule 2: "The decoder should accept either order, as IPFS data
        // exists in both forms." The first version of DagPb rejected this block.
        PbNode node = DagPb.decode(hex("0a00" + LINK + LINK));
        assertThat(node.links()).hasSize(2);
        assertThat(node.data()).isEmpty();
    }

    @Test
    void linksKeepTheirBlockOrderOnDecode() {
        Cid other = Cid.fromBytes(hex("015500050001020305"));
        PbNode node = new PbNode(List.of(new PbLink(ACID, "b", 1L), new PbLink(other, "a", 2L)), null);
        assertThat(DagPb.decode(DagPb.encode(node))).isEqualTo(node);
    }

    @Test
    void unpairedSurrogateInLinkNameIsRefusedNotWrittenAsQuestionMark() {
        assertThatThrownBy(() -> new PbLink(ACID, "a\uD800b", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate at index 1");
        assertThatThrownBy(() -> new PbLink(ACID, "\uDC00", null)).isInstanceOf(IllegalArgumentException.class);
        PbLink emoji = new PbLink(ACID, "\uD83D\uDE00.txt", 1L);
        assertThat(DagPb.decode(DagPb.encode(new PbNode(List.of(emoji), null))).links()).containsExactly(emoji);
    }
}
