package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.http.HttpException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The small rules the gateway's responses are built from. */
class GatewayHelpersTest {
    @Test
    void aRawPathSplitsIntoCidAndDecodedSegments() {
        ContentPath p = ContentPath.parse("/ipfs/bafy/a%20b/%C4%85//c+d/");
        assertThat(p.cid()).isEqualTo("bafy");
        assertThat(p.segments()).containsExactly("a b", "ą", "c+d");
        assertThat(p.trailingSlash()).isTrue();
        assertThat(p.directoryUrl()).isEqualTo("/ipfs/bafy/a%20b/%C4%85/c+d/");
        assertThat(ContentPath.parse("/ipfs/bafy").segments()).isEmpty();
        assertThat(ContentPath.parse("/ipfs/bafy").trailingSlash()).isFalse();
    }

    @Test
    void badPercentEncodingIsABadRequest() {
        for (String bad : List.of("/ipfs/x/%", "/ipfs/x/%4", "/ipfs/x/%zz", "/ipfs/x/%C4")) {
            assertThatThrownBy(() -> ContentPath.parse(bad)).as(bad).isInstanceOf(HttpException.class);
        }
    }

    @Test
    void encodingThenDecodingASegmentGivesItBack() {
        Random random = new Random(5);
        for (int i = 0; i < 500; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                b.appendCodePoint(random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : 0xa0 + random.nextInt(0x2000));
            }
            String s = b.toString();
            assertThat(ContentPath.decode(ContentPath.encode(s))).isEqualTo(s);
            assertThat(ContentPath.encode(s)).doesNotContain("/", " ", "?", "#");
        }
    }

    @Test
    void theTypeComesFromTheNameThenFromTheBytes() {
        assertThat(MediaTypes.byName("a.SVG")).contains("image/svg+xml");
        assertThat(MediaTypes.byName("noext")).isEmpty();
        assertThat(MediaTypes.sniff("hello world\n".getBytes(StandardCharsets.UTF_8))).startsWith("text/plain");
        assertThat(MediaTypes.sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("image/svg+xml");
        assertThat(MediaTypes.sniff("<!DOCTYPE html><p>x".getBytes(StandardCharsets.UTF_8))).isEqualTo("text/html");
        assertThat(MediaTypes.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0})).isEqualTo("image/png");
        assertThat(MediaTypes.sniff(new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe})).isEqualTo("application/octet-stream");
        // a sample cut inside a character at either end is still text
        byte[] polish = "źdźbło".getBytes(StandardCharsets.UTF_8);
        assertThat(MediaTypes.sniff(java.util.Arrays.copyOfRange(polish, 1, polish.length - 1))).startsWith("text/plain");
    }

    /**
     * Seeded samples: cuts of multilingual text (text whichever bytes the cut splits) and of
     * text with one byte corrupted, judged against a reference built on String's own decoder:
     * text when some trim of at most three bytes at each end round-trips through a String.
     */
    @Test
    void aSampleIsTextExactlyWhenSomeTrimOfItsCutEndsIsValidUtf8() {
        Random random = new Random(20261125);
        byte[] source = "Zażółć gęślą jaźń, 日本語のテキスト, emoji \uD83D\uDE00 and ASCII. ".repeat(20)
                .getBytes(StandardCharsets.UTF_8);
        int texts = 0;
        for (int i = 0; i < 3_000; i++) {
            int from = random.nextInt(source.length - 1);
            byte[] sample = java.util.Arrays.copyOfRange(source, from,
                    Math.min(source.length, from + 1 + random.nextInt(MediaTypes.SNIFF_BYTES)));
            if (random.nextBoolean()) {
                sample[random.nextInt(sample.length)] = (byte) random.nextInt(256);
            }
            boolean text = referenceIsText(sample);
            texts += text ? 1 : 0;
            assertThat(MediaTypes.sniff(sample).startsWith("text/plain")).as("sample %d", i).isEqualTo(text);
        }
        assertThat(texts).isBetween(300, 2_900);
    }

    private static boolean referenceIsText(byte[] sample) {
        int lead = 0;
        while (lead < 3 && lead < sample.length && (sample[lead] & 0xc0) == 0x80) {
            lead++;
        }
        for (int cut = 0; cut < 4 && cut <= sample.length - lead; cut++) {
            byte[] part = java.util.Arrays.copyOfRange(sample, lead, sample.length - cut);
            String decoded = new String(part, StandardCharsets.UTF_8);
            if (java.util.Arrays.equals(decoded.getBytes(StandardCharsets.UTF_8), part)) {
                return decoded.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t'
                        && c != '\f' && c != 0x1b);
            }
        }
        return false;
    }

    @Test
    void aNonAsciiFilenameGetsAnAsciiCopyAndAnRfc8187One() {
        assertThat(Disposition.of("attachment", "testтест.ipns-record")).isEqualTo(
                "attachment; filename=\"test____.ipns-record\"; filename*=UTF-8''test%D1%82%D0%B5%D1%81%D1%82.ipns-record");
        assertThat(Disposition.of("inline", "a\"b.txt")).isEqualTo("inline; filename=\"a\\\"b.txt\"");
    }

    @Test
    void rangesFollowRfc9110ForOneRange() {
        assertThat(ByteRange.parse("bytes=6-16", 31)).contains(new ByteRange(6, 16));
        assertThat(ByteRange.parse("bytes=-3", 31)).contains(new ByteRange(28, 30));
        assertThat(ByteRange.parse("bytes=-100", 31)).contains(new ByteRange(0, 30));
        assertThat(ByteRange.parse("bytes=5-", 31)).contains(new ByteRange(5, 30));
        assertThat(ByteRange.parse("bytes=5-999", 31)).contains(new ByteRange(5, 30));
        assertThat(ByteRange.parse("bytes=6-16,0-4", 31)).contains(new ByteRange(6, 16));
        assertThat(ByteRange.parse("items=1-2", 31)).isEmpty();
        assertThat(ByteRange.parse("bytes=9-3", 31)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-0", 0)).isEmpty();
        assertThatThrownBy(() -> ByteRange.parse("bytes=31-", 31)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void carParametersFromTheQueryBeatThoseOfAccept() {
        CarRequest r = CarRequest.of(Map.of("car-dups", "n"), Map.of("dups", "y", "order", "dfs"));
        assertThat(r.dups()).isFalse();
        assertThat(r.scope()).isEqualTo(CarRequest.Scope.ALL);
        assertThat(CarRequest.of(Map.of("entity-bytes", "0:*"), Map.of()).scope()).isEqualTo(CarRequest.Scope.ENTITY);
        assertThat(CarRequest.of(Map.of(), Map.of("dups", "y")).contentType()).contains("dups=y", "version=1", "order=dfs");
        assertThatThrownBy(() -> CarRequest.of(Map.of("car-order", "bfs"), Map.of())).isInstanceOf(HttpException.class);
    }

    @Test
    void entityBytesCountNegativeValuesFromTheEnd() {
        assertThat(CarRequest.EntityBytes.parse("512:-256").window(1026)).containsExactly(512, 259);
        assertThat(CarRequest.EntityBytes.parse("-9999:*").window(1026)).containsExactly(0, 1026);
        assertThat(CarRequest.EntityBytes.parse("-5:*").window(1026)).containsExactly(1021, 5);
        assertThat(CarRequest.EntityBytes.parse("2000:*").window(1026)[1]).isZero();
        assertThat(Optional.of(CarRequest.EntityBytes.parse("0:0").window(10))).hasValueSatisfying(
                w -> assertThat(w).containsExactly(0, 1));
    }

    @Test
    void acceptIsReadInQualityOrder() {
        List<CarRequest.MediaRange> ranges = CarRequest.accept(
                "text/html;q=0.2, application/vnd.ipld.car;order=dfs;dups=y;q=0.5, application/vnd.ipld.raw, x/y;q=0");
        assertThat(ranges).extracting(CarRequest.MediaRange::type)
                .containsExactly("application/vnd.ipld.raw", "application/vnd.ipld.car", "text/html");
        assertThat(ranges.get(1).params()).containsEntry("dups", "y");
    }

    @Test
    void acceptRangesWithoutATypeAreSkipped() {
        assertThat(CarRequest.accept(";;;")).isEmpty();
        assertThat(CarRequest.accept(",;, ;q=1")).isEmpty();
        assertThat(CarRequest.accept(";;, application/vnd.ipld.raw")).extracting(CarRequest.MediaRange::type)
                .containsExactly("application/vnd.ipld.raw");
    }
}
