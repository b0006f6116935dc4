package dev.cairn.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CarHeaderTest {
    private static final Cid ROOT = Cid.parse("bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354");

    /** Spec section 4: {@code 3a a2 "roots" 81 d8 2a 58 25 00 <36-byte CID> "version" 01}, 58 bytes. */
    @Test
    void oneRootHeaderHasTheSpecLayout() {
        byte[] expected = CarBytes.concat(
                HexFormat.of().parseHex("a265726f6f747381d82a582500"), ROOT.bytes(),
                HexFormat.of().parseHex("6776657273696f6e01"));
        assertThat(expected).hasSize(58);
        assertThat(CarHeader.v1(List.of(ROOT)).encode()).isEqualTo(expected);
        assertThat(CarHeader.decode(expected)).isEqualTo(new CarHeader(1, List.of(ROOT)));
    }

    @Test
    void aCidV0RootMakesA56ByteHeader() {
        assertThat(CarHeader.v1(List.of(ROOT.toV0())).encode()).hasSize(56);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "01",                                   // not a map
        "a0",                                   // no version
        "a16776657273696f6e6131",               // version is a string
        "a16776657273696f6e01",                 // version 1 without roots
        "a265726f6f7473016776657273696f6e01",   // roots is not a list
        "a265726f6f74738101 6776657273696f6e01", // a root that is not a CID
        "a26776657273696f6e0165726f6f747380",   // keys out of canonical order
        "ff",                                   // not CBOR at all
    })
    void malformedHeadersAreCarExceptions(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThatThrownBy(() -> CarHeader.decode(bytes)).isInstanceOf(CarException.class).hasMessageContaining("header");
    }

    @Test
    void emptyRootsAreAccepted() {
        assertThat(CarHeader.decode(CarHeader.v1(List.of()).encode()).roots()).isEmpty();
    }

    /** Spec section 4's workaround root for CARs without a natural one, as Cairn's packs use it. */
    @Test
    void theIdentityPlaceholderRootDecodes() {
        byte[] header = HexFormat.of().parseHex("a265726f6f747381d82a45000155000067" + "76657273696f6e01");
        assertThat(CarHeader.decode(header).roots()).containsExactly(Cid.parse("bafkqaaa"));
        assertThat(CarHeader.v1(List.of(Cid.parse("bafkqaaa"))).encode()).isEqualTo(header);
    }
}
