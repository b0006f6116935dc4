package dev.cairn.http.psa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import dev.cairn.http.psa.wire.BadPsaRequestException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.pin.NameMatch;
import dev.cairn.pin.PinQuery;
import dev.cairn.pin.PinStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Query parsing of GET /pins, spec 1.3 and the traps of 1.7 (values arrive URL-decoded). */
class PinQueryParserTest {
    private static final Cid A = Cid.v1(Multicodec.RAW, Multihash.sha256("a".getBytes(StandardCharsets.UTF_8)));

    private static PinQuery parse(String... keyValues) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.computeIfAbsent(keyValues[i], k -> new ArrayList<>()).add(keyValues[i + 1]);
        }
        return PinQueryParser.parse(params);
    }

    private static void rejected(String expectedInMessage, String... keyValues) {
        assertThatThrownBy(() -> parse(keyValues)).isInstanceOf(BadPsaRequestException.class)
                .hasMessageContaining(expectedInMessage);
    }

    @Test
    void noParametersMeansTheTenNewestPinnedRequests() {
        PinQuery q = parse();
        assertThat(q.statuses()).containsExactly(PinStatus.PINNED);
        assertThat(q.limit()).isEqualTo(10);
        assertThat(q.cids()).isEmpty();
        assertThat(q.name()).isNull();
        assertThat(q.meta()).isEmpty();
    }

    @Test
    void aCidNameOrMetaFilterWithoutStatusListsEveryStatus() {
        EnumSet<PinStatus> all = EnumSet.allOf(PinStatus.class);
        assertThat(parse("cid", A.toString()).statuses()).isEqualTo(all);
        assertThat(parse("name", "x").statuses()).isEqualTo(all);
        assertThat(parse("name", "x", "match", "ipartial").statuses()).isEqualTo(all);
        assertThat(parse("meta", "{\"app\":\"x\"}").statuses()).isEqualTo(all);
        assertThat(parse("limit", "5").statuses()).containsExactly(PinStatus.PINNED);
        assertThat(parse("name", "x", "status", "queued").statuses()).containsExactly(PinStatus.QUEUED);
    }

    @Test
    void statusIsACommaSeparatedListOfTheFourStatuses() {
        assertThat(parse("status", "failed,pinned,pinning,queued").statuses()).isEqualTo(EnumSet.allOf(PinStatus.class));
        assertThat(parse("status", "queued, pinning").statuses()).containsExactlyInAnyOrder(PinStatus.QUEUED,
                PinStatus.PINNING);
        rejected("unknown status 'done'", "status", "done");
        rejected("empty item", "status", "queued,");
        rejected("empty item", "status", "");
        rejected("unknown status 'Pinned'", "status", "Pinned");
    }

    @Test
    void cidsAreSplitOnCommasAndRepeatedParametersJoin() {
        Cid b = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {1}));
        Cid v0 = Cid.v0(b.multihash());
        assertThat(parse("cid", A + "," + b).cids()).containsExactlyInAnyOrder(A, b);
        assertThat(parse("cid", A.toString(), "cid", v0.toString()).cids()).containsExactlyInAnyOrder(A, v0);
    }

    @Test
    void atMostTenDistinctCids() {
        List<String> ten = IntStream.range(0, 10).mapToObj(i ->
                Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {(byte) i})).toString()).toList();
        assertThat(parse("cid", String.join(",", ten)).cids()).hasSize(10);
        assertThat(parse("cid", String.join(",", ten) + "," + ten.get(0)).cids()).as("a repeated CID counts once")
                .hasSize(10);
        String eleven = String.join(",", ten) + "," + A;
        rejected("at most 10 CIDs, got 11", "cid", eleven);
    }

    @Test
    void aCidThatDoesNotParseIsABadRequestNamingIt() {
        rejected("cid 'Qmnope' is not a CID", "cid", "Qmnope");
        rejected("cid 'bafy!' is not a CID", "cid", A + ",bafy!");
    }

    @Test
    void nameIsAtMost255CharactersNotBytes() {
        String accents = "é".repeat(255);
        assertThat(parse("name", accents).name()).isEqualTo(accents);
        rejected("at most 255 characters, got 256", "name", "n".repeat(256));
        assertThat(parse("name", "").name()).as("an empty name filters nothing").isNull();
    }

    @Test
    void matchTakesTheFourSpecModesAndNothingElse() {
        assertThat(parse("name", "x").match()).isEqualTo(NameMatch.EXACT);
        assertThat(parse("name", "x", "match", "iexact").match()).isEqualTo(NameMatch.IEXACT);
        assertThat(parse("name", "x", "match", "partial").match()).isEqualTo(NameMatch.PARTIAL);
        assertThat(parse("name", "x", "match", "ipartial").match()).isEqualTo(NameMatch.IPARTIAL);
        rejected("unknown match 'fuzzy'", "name", "x", "match", "fuzzy");
        rejected("unknown match 'EXACT'", "match", "EXACT");
    }

    @Test
    void limitIsAnIntegerFrom1To1000() {
        assertThat(parse("limit", "1").limit()).isEqualTo(1);
        assertThat(parse("limit", "1000").limit()).isEqualTo(1000);
        rejected("between 1 and 1000, got 0", "limit", "0");
        rejected("between 1 and 1000, got 1001", "limit", "1001");
        rejected("between 1 and 1000, got -5", "limit", "-5");
        rejected("integer", "limit", "ten");
        rejected("integer", "limit", "");
        rejected("integer", "limit", "99999999999");
        rejected("limit may be given once", "limit", "1", "limit", "2");
    }

    @Test
    void beforeAndAfterAcceptAnyRfc3339Form() {
        Instant t = Instant.parse("2026-11-25T11:46:41.811Z");
        for (String text : List.of("2026-11-25T11:46:41.811Z", "2026-11-25T11:46:41.811000000Z",
                "2026-11-25T12:46:41.811+01:00", "2026-11-25T12:46:41.811 01:00", "2026-11-25t11:46:41.811z",
                "2026-11-25 11:46:41.811Z", "2026-11-25T06:16:41.811-05:30")) {
            assertThat(parse("before", text).before()).as(text).isEqualTo(t);
            assertThat(parse("after", text).after()).as(text).isEqualTo(t);
        }
        assertThat(parse("before", "2026-11-25T11:46:41Z").before()).isEqualTo(Instant.parse("2026-11-25T11:46:41Z"));
        assertThat(parse("before", "2026-11-25T11:46:41.8114567Z").before())
                .isEqualTo(Instant.parse("2026-11-25T11:46:41.8114567Z"));
        rejected("before must be an RFC 3339 date-time", "before", "yesterday");
        rejected("after must be an RFC 3339 date-time", "after", "2026-11-25");
        rejected("after must be an RFC 3339 date-time", "after", "2026-11-25T11:46:41.811");
        rejected("before must be an RFC 3339 date-time", "before", "1764071201811");
    }

    @Test
    void metaIsAJsonObjectOfStrings() {
        assertThat(parse("meta", "{\"app_id\":\"99\",\"env\":\"prod\"}").meta())
                .isEqualTo(Map.of("app_id", "99", "env", "prod"));
        assertThat(parse("meta", "{}").meta()).isEmpty();
        rejected("meta values must be strings; meta[\"n\"] is number", "meta", "{\"n\":1}");
        rejected("meta values must be strings", "meta", "{\"n\":null}");
        rejected("meta must be a JSON object", "meta", "[\"a\"]");
        rejected("meta is not valid JSON", "meta", "map[app_id:99]");
        rejected("meta is not valid JSON", "meta", "{\"a\":\"1\",\"a\":\"2\"}");
        String many = IntStream.range(0, 1001).mapToObj(i -> "\"k" + i + "\":\"v\"")
                .collect(Collectors.joining(",", "{", "}"));
        rejected("at most 1000 keys, got 1001", "meta", many);
    }

    @Test
    void theBracketFormOfTheJsClientIsReadAsMetaToo() {
        assertThat(parse("meta[app_id]", "99", "meta[env]", "prod").meta())
                .isEqualTo(Map.of("app_id", "99", "env", "prod"));
        assertThat(parse("meta[app_id]", "99").statuses()).isEqualTo(EnumSet.allOf(PinStatus.class));
    }

    @Test
    void unknownParametersAreIgnored() {
        assertThat(parse("format", "json", "offset", "3")).isEqualTo(parse());
    }
}
