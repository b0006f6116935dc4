package dev.cairn.cid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multibase;
import dev.cairn.multiformats.Multicodec;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CIDs from shared/vectors/cids.md and the spec reference (section 0), and their forms in each
 * base as js-multiformats writes them (an independent implementation).
 */
class CidTest {
    static final String EMPTY_DIR_V0 = "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn";
    static final String EMPTY_DIR_V1 = "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354";
    static final String EMPTY_DIR_HEX = "122059948439065f29619ef41280cbb932be52c56d99c5966b65e0111239f098bbef";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn, bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354",
        "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH, bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4y",
        "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o, ",
        "QmVkbauSDEaMP4Tkq6Epm9uW75mWm136n81YH8fGtfwdHU, ",
        "QmZu3TJpKxTgBUNLZgFC5GuoBxGXHoNXKzxMCf92zZVWF7, ",
        "Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD, ",
    })
    void cidV0ParsesAndConvertsToV1AndBack(String v0, String expectedV1) {
        Cid cid = Cid.parse(v0);
        assertThat(cid.version()).isZero();
        assertThat(cid.codec()).isEqualTo(Multicodec.DAG_PB.code());
        assertThat(cid.toString()).isEqualTo(v0);
        assertThat(cid.bytes()).hasSize(34);
        Cid v1 = cid.toV1();
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.multihash()).isEqualTo(cid.multihash());
        assertThat(v1).isNotEqualTo(cid);
        if (expectedV1 != null) {
            assertThat(v1.toString()).isEqualTo(expectedV1);
        }
        assertThat(v1.toV0()).isEqualTo(cid);
        assertThat(Cid.parse(v1.toString())).isEqualTo(v1);
    }

    /**
     * A parsed CIDv0 prints the text it was parsed from (kept, not encoded again): that holds
     * only if every text that parses is the one base58 text of its bytes. Seeded single-character
     * changes of real CIDs, each compared with a fresh encoding of the parsed bytes.
     */
    @Test
    void aParsedCidV0PrintsTheSameTextAsAFreshBase58Encoding() {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        java.util.Random random = new java.util.Random(20261125);
        String[] seeds = {EMPTY_DIR_V0, "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH",
                "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"};
        int parsed = 0;
        for (int i = 0; i < 2_000; i++) {
            char[] text = seeds[random.nextInt(seeds.length)].toCharArray();
            int at = 2 + random.nextInt(text.length - 2);
            text[at] = alphabet.charAt(random.nextInt(alphabet.length()));
            Cid cid;
            try {
                cid = Cid.parse(new String(text));
            } catch (CodecException e) {
                continue; // not a CIDv0 (e.g. the multihash length byte changed)
            }
            parsed++;
            assertThat(cid.toString()).isEqualTo(Multibase.BASE58BTC.encodeRaw(cid.bytes()))
                    .isEqualTo(new String(text));
        }
        assertThat(parsed).isGreaterThan(1_000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku, 55",
        "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4, 55",
        "bafkreibq4fevl27rgurgnxbp7adh42aqiyd6ouflxhj3gzmcxcxzbh6lla, 55",
        "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e, 55",
        "bafybeif7waqirotxrdk3xf4lei2qzlsynejz6ruawii3ffv63vnkct75t4, 70",
        "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku, 70",
        "bafyreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4, 71",
        "baguqeeravfejatzpb5dzxd4bs5uuwmayjmgs5uobzuvb5qh3qxjjtimsurdq, 129",
        "bagaaieravfejatzpb5dzxd4bs5uuwmayjmgs5uobzuvb5qh3qxjjtimsurdq, 200",
        "bafireifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4, 51",
        "bafkrgqg3hf2ks7zea634vynomn6aamdipiizcmtu2v4esjky4oobnqax32covtoiyyx6gtxe4evuwfbiqf7qtnvcoygd7ctgjtvostjegsszg, 55",
        "bafkqaaa, 55",
        "bafyaabakaieac, 70",
    })
    void cidV1ParsesAndPrintsBackTheSameText(String text, String codecHex) {
        Cid cid = Cid.parse(text);
        assertThat(cid.version()).isEqualTo(1);
        assertThat(cid.codec()).isEqualTo(Long.parseLong(codecHex, 16));
        assertThat(cid.toString()).isEqualTo(text);
        assertThat(Cid.fromBytes(cid.bytes())).isEqualTo(cid);
    }

    @Test
    void identityCidsDecodeToTheirInlineBytes() {
        assertThat(HexFormat.of().formatHex(Cid.parse("bafkqaaa").bytes())).isEqualTo("01550000");
        Cid dir = Cid.parse("bafyaabakaieac");
        assertThat(dir.isIdentity()).isTrue();
        assertThat(HexFormat.of().formatHex(dir.multihash().digest())).isEqualTo("0a020801");
    }

    /** The same empty-directory CIDv1 in every base, as js-multiformats writes it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "BASE32, bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354",
        "BASE32_UPPER, BAFYBEICZSSCDSBS7FFQZ55ASQDF3SMV6KLCW3GOFSZVWLYARCI47BGF354",
        "BASE32_PAD, cafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354======",
        "BASE36, k2jmtxtlhjl3fhmgndf92e48by79ryjuvqp3y2qgehpao6v3lurvnmcv",
        "BASE36_UPPER, K2JMTXTLHJL3FHMGNDF92E48BY79RYJUVQP3Y2QGEHPAO6V3LURVNMCV",
        "BASE58BTC, zdj7WbTaiJT1fgatdet9Ei9iDB5hdCxkbVyhyh8YTUnXMiwYi",
        "BASE16, f0170122059948439065f29619ef41280cbb932be52c56d99c5966b65e0111239f098bbef",
        "BASE16_UPPER, F0170122059948439065F29619EF41280CBB932BE52C56D99C5966B65E0111239F098BBEF",
        "BASE64, mAXASIFmUhDkGXylhnvQSgMu5Mr5SxW2ZxZZrZeAREjnwmLvv",
        "BASE64URL, uAXASIFmUhDkGXylhnvQSgMu5Mr5SxW2ZxZZrZeAREjnwmLvv",
        "BASE64_PAD, MAXASIFmUhDkGXylhnvQSgMu5Mr5SxW2ZxZZrZeAREjnwmLvv",
        "BASE64URL_PAD, UAXASIFmUhDkGXylhnvQSgMu5Mr5SxW2ZxZZrZeAREjnwmLvv",
    })
    void oneCidHasTheReferenceTextInEveryBase(Multibase base, String text) {
        Cid v1 = Cid.parse(EMPTY_DIR_V0).toV1();
        assertThat(v1.toString(base)).isEqualTo(text);
        assertThat(Cid.parse(text)).isEqualTo(v1);
    }

    @Test
    void base64UrlAndBase64DifferWhenTheDigestNeedsIt() {
        Cid v1 = Cid.parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH").toV1();
        assertThat(v1.toString(Multibase.BASE64)).isEqualTo("mAXASIL/M2nh7q6MrWceEUKw9ILYzNgtDmSx3KJ+e1G2ENWHm");
        assertThat(v1.toString(Multibase.BASE64URL)).isEqualTo("uAXASIL_M2nh7q6MrWceEUKw9ILYzNgtDmSx3KJ-e1G2ENWHm");
        assertThat(Cid.parse("uAXASIL_M2nh7q6MrWceEUKw9ILYzNgtDmSx3KJ-e1G2ENWHm")).isEqualTo(v1);
    }

    @Test
    void libp2pKeysPrintInBase36() {
        String k = "k51qzi5t0l4yioe48rdkrnle71f20fa2mi73j6110dcl77m60zc1vv1wxkgxs7";
        Cid cid = Cid.parse(k);
        assertThat(cid.codec()).isEqualTo(Multicodec.LIBP2P_KEY.code());
        assertThat(cid.toString(Multibase.BASE36)).isEqualTo(k);
    }

    @Test
    void mixedCaseBase32CidParsesToTheSameCid() {
        assertThat(Cid.parse("bafyBEICZSSCDSBS7FFQZ55ASQDF3SMV6KLCW3GOFSZVWLYARCI47BGF354"))
                .isEqualTo(Cid.parse(EMPTY_DIR_V1));
    }

    @Test
    void cidV0IsOnlyWrittenInBareBase58() {
        Cid v0 = Cid.parse(EMPTY_DIR_V0);
        assertThat(v0.toString(Multibase.BASE58BTC)).isEqualTo(EMPTY_DIR_V0);
        assertThatThrownBy(() -> v0.toString(Multibase.BASE32)).isInstanceOf(CodecException.class);
        assertThat(HexFormat.of().formatHex(v0.bytes())).isEqualTo(EMPTY_DIR_HEX);
    }

    @Test
    void onlyDagPbSha256CidsHaveAV0Form() {
        assertThatThrownBy(() -> Cid.parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku").toV0())
                .isInstanceOf(CodecException.class).hasMessageContaining("dag-pb");
        assertThatThrownBy(() -> Cid.parse("bafyaabakaieac").toV0())
                .isInstanceOf(CodecException.class).hasMessageContaining("sha2-256");
    }

    /** IPIP-0512: 128 inline bytes is the limit; bafkqbaib... (129 x 'A') is the reject vector. */
    @Test
    void identityCidsOf128BytesAreAcceptedAnd129Rejected() {
        String a128 = "bafkqbaab" + "ifaucqkb".repeat(25) + "ifauc";
        String a129 = "bafkqbaib" + "ifaucqkb".repeat(25) + "ifaucqi";
        Cid ok = Cid.parse(a128);
        assertThat(ok.multihash().digest()).hasSize(128).containsOnly((byte) 'A');
        assertThat(ok.toString()).isEqualTo(a128);
        assertThatThrownBy(() -> Cid.parse(a129)).isInstanceOf(CodecException.class)
                .hasMessageContaining("129 bytes exceeds the limit of 128");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty CID",
        "x|unknown multibase prefix 'x'",
        "b|empty CID bytes",
        "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3N|CIDv0 text must be 46 characters",
        "'QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn '|CIDv0 text must be 46 characters",
        "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3N0|invalid base58btc character '0'",
        "zQmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn|CIDv0 must be bare base58btc",
        "f122059948439065f29619ef41280cbb932be52c56d99c5966b65e0111239f098bbef|CIDv0 must be bare base58btc",
        "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf35|impossible length",
        "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf3|truncated multihash",
        "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354aa|1 trailing bytes",
        "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf355|non-zero trailing bits",
        "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf3!4|invalid base32 character '!'",
        "f0270122059948439065f29619ef41280cbb932be52c56d99c5966b65e0111239f098bbef|unsupported CID version 2",
        "f0370122059948439065f29619ef41280cbb932be52c56d99c5966b65e0111239f098bbef|unsupported CID version 3",
        "f0070122059948439065f29619ef41280cbb932be52c56d99c5966b65e0111239f098bbef|unsupported CID version 0",
        "f1221|truncated or malformed CIDv0",
        "f0155|truncated varint",
        "f01551220a948|truncated multihash",
        "f01551221a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a44700|sha2-256 digest must be 32 bytes",
        "f01d5000000|not minimally encoded",
    })
    void malformedCidsAreRejectedWithAClearMessage(String text, String message) {
        assertThatThrownBy(() -> Cid.parse(text)).isInstanceOf(CodecException.class).hasMessageContaining(message);
    }

    @Test
    void textLongerThanAnyCidIsRefusedBeforeDecoding() {
        String huge = "z" + "2".repeat(Cid.MAX_TEXT_LENGTH);
        assertThatThrownBy(() -> Cid.parse(huge)).isInstanceOf(CodecException.class)
                .hasMessageContaining("longer than any valid CID");
        // the longest real CID (dag-pb codec varint is short; identity 128 in base16) fits
        Cid longest = Cid.parse("bafkqbaab" + "ifaucqkb".repeat(25) + "ifauc");
        assertThat(longest.toString(Multibase.BASE16).length()).isLessThanOrEqualTo(Cid.MAX_TEXT_LENGTH);
    }

    @Test
    void readTakesOneCidFromABufferAsCarSectionsNeed() {
        byte[] v0 = Cid.parse(EMPTY_DIR_V0).bytes();
        byte[] v1 = Cid.parse(EMPTY_DIR_V1).bytes();
        ByteBuffer buf = ByteBuffer.allocate(v0.length + v1.length + 2);
        buf.put(v0).put(v1).put((byte) 0x0a).put((byte) 0x02).flip();
        assertThat(Cid.read(buf).toString()).isEqualTo(EMPTY_DIR_V0);
        assertThat(Cid.read(buf).toString()).isEqualTo(EMPTY_DIR_V1);
        assertThat(buf.remaining()).isEqualTo(2);
        assertThatThrownBy(() -> Cid.read(ByteBuffer.wrap(HexFormat.of().parseHex("1220aabb"))))
                .isInstanceOf(CodecException.class).hasMessageContaining("truncated CIDv0");
    }

    @Test
    void orderingAndEqualityAreByBytes() {
        Cid v0 = Cid.parse(EMPTY_DIR_V0);
        assertThat(v0).isEqualTo(Cid.fromBytes(HexFormat.of().parseHex(EMPTY_DIR_HEX)));
        assertThat(v0.hashCode()).isEqualTo(Cid.fromBytes(v0.bytes()).hashCode());
        assertThat(v0.compareTo(v0.toV1())).isPositive(); // 0x12 > 0x01
    }
}
