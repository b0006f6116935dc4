package dev.cairn.unixfs;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.multiformats.CodecException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference bytes written by the npm package ipfs-unixfs (js), and by Kubo where noted. */
class UnixfsDataTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    private static void roundTrips(String hex, UnixfsData expected) {
        assertThat(UnixfsData.decode(hex(hex))).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(expected.encode())).isEqualTo(hex);
    }

    @Test
    void kuboDirectoryAndEmptyFile() {
        roundTrips("0801", UnixfsData.directory());
        roundTrips("08021800", new UnixfsData(DataType.FILE, null, 0L, List.of(), null, null, null, null));
    }

    @Test
    void kuboHelloWorldLeaf() {
        roundTrips("0802120b68656c6c6f20776f726c64180b", new UnixfsData(DataType.FILE,
                "hello world".getBytes(US_ASCII), 11L, List.of(), null, null, null, null));
    }

    @Test
    void fileWithModeAndMtimeWithNanoseconds() {
        roundTrips("0802120568656c6c6f1805388003420b0880e2cfaa061515cd5b07", new UnixfsData(DataType.FILE,
                "hello".getBytes(US_ASCII), 5L, List.of(), null, null, 0600, new UnixTime(1_700_000_000L, 123_456_789)));
    }

    @Test
    void directoryWithModeAndWholeSecondMtimeOmitsNanoseconds() {
        roundTrips("080138c00342060880e2cfaa06", new UnixfsData(DataType.DIRECTORY, null, null, List.of(), null, null,
                0700, new UnixTime(1_700_000_000L, 0)));
    }

    @Test
    void mtimeBeforeTheEpochIsANegativeInt64() {
        roundTrips("08021800421008ffffffffffffffffff011501000000", new UnixfsData(DataType.FILE, null, 0L, List.of(),
                null, null, null, new UnixTime(-1, 1)));
    }

    @Test
    void multiBlockFileListsBlocksizesUnpacked() {
        UnixfsData u = new UnixfsData(DataType.FILE, null, 524_298L, List.of(262_144L, 262_144L, 10L), null, null,
                null, null);
        roundTrips("0802188a80202080801020808010200a", u);
        assertThat(u.contentSize()).isEqualTo(524_298L);
    }

    @Test
    void symlinkRawAndHamtShard() {
        roundTrips("080412092e2e2f746172676574", new UnixfsData(DataType.SYMLINK, "../target".getBytes(US_ASCII),
                null, List.of(), null, null, null, null));
        roundTrips("080012030102031803", new UnixfsData(DataType.RAW, new byte[] {1, 2, 3}, 3L, List.of(), null,
                null, null, null));
        roundTrips("08051201012822308002", new UnixfsData(DataType.HAMT_SHARD, new byte[] {1}, null, List.of(),
                0x22L, 256L, null, null));
    }

    @Test
    void packedBlocksizesAreReadAndWrittenBackUnpacked() {
        UnixfsData u = UnixfsData.decode(hex("0802" + "2204" + "808010" + "0a"));
        assertThat(u.blocksizes()).containsExactly(262_144L, 10L);
        assertThat(HexFormat.of().formatHex(u.encode())).isEqualTo("080220808010200a");
    }

    @Test
    void fieldsOutOfNumberOrderDecodeLikeProtobufSays() {
        assertThat(UnixfsData.decode(hex("1805" + "0802" + "120568656c6c6f")))
                .isEqualTo(UnixfsData.decode(hex("0802120568656c6c6f1805")));
    }

    @Test
    void modeAboveUint32IsRejectedNotTruncated() {
        // Regression: mode was cast to int, so 2^32 + 0644 decoded as 0644 and re-encoded differently.
        assertThatThrownBy(() -> UnixfsData.decode(hex("0802" + "38a483808010")))
                .isInstanceOf(CodecException.class).hasMessageContaining("does not fit in uint32");
        assertThat(UnixfsData.decode(hex("080238ffffffff0f")).mode()).isEqualTo(-1); // 0xFFFFFFFF is fine
        assertThat(HexFormat.of().formatHex(UnixfsData.decode(hex("080238ffffffff0f")).encode()))
                .isEqualTo("080238ffffffff0f");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "''|no Type",
        "1200|no Type",
        "0806|unknown DataType 6",
        "08024800|unknown Data field 9",
        "08027a00|unknown Data field 15",
        "08020802|duplicate Data field Type",
        "080212001200|duplicate Data field Data",
        "080218001800|duplicate Data field filesize",
        "0802420208004202 0800|duplicate Data field mtime",
        "0a00|Type has wire type 2",
        "08021000|Data has wire type 0",
        "08021a00|filesize has wire type 2",
        "08022500000000|blocksizes has wire type 5",
        "080218ffffffffffffffffff01|filesize 18446744073709551615 exceeds",
        "080220ffffffffffffffffff01|blocksize 18446744073709551615 exceeds",
        "080242071500000000 0801|mtime nanoseconds 0 outside",
        "08024207080115 00ca9a3b|mtime nanoseconds 1000000000 outside",
        "08024205 1501000000|mtime without Seconds",
        "08024204 08010801|duplicate mtime Seconds",
        "0802420c 08011501000000 1501000000|duplicate mtime FractionalNanoseconds",
        "08024202 1800|unknown UnixTime field 3",
        "0802420208|runs past the end",
        "0802ff|truncated protobuf varint",
    })
    void malformedDataIsRejectedWithAClearMessage(String hex, String message) {
        assertThatThrownBy(() -> UnixfsData.decode(hex(hex.replace(" ", ""))))
                .isInstanceOf(CodecException.class).hasMessageContaining(message);
    }

    @Test
    void absentDataFieldIsAnError() {
        assertThatThrownBy(() -> UnixfsData.decode(null)).isInstanceOf(CodecException.class)
                .hasMessageContaining("no Data field");
    }
}
