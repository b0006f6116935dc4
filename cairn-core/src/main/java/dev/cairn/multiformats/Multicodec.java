package dev.cairn.multiformats;

import java.util.Locale;
import java.util.Optional;

/**
 * The multicodec entries Cairn handles (from multiformats/multicodec {@code table.csv}).
 *
 * <p>Content codecs ({@link #RAW}, {@link #DAG_PB}, ...) appear in CIDs; hash codes appear in
 * multihashes; the rest name formats on the wire (CAR indexes, routing protocols).
 */
public enum Multicodec {
    IDENTITY(0x00, "identity"),
    SHA2_256(0x12, "sha2-256"),
    SHA2_512(0x13, "sha2-512"),
    MURMUR3_X64_64(0x22, "murmur3-x64-64"),
    CBOR(0x51, "cbor"),
    RAW(0x55, "raw"),
    DAG_PB(0x70, "dag-pb"),
    DAG_CBOR(0x71, "dag-cbor"),
    LIBP2P_KEY(0x72, "libp2p-key"),
    DAG_JSON(0x0129, "dag-json"),
    JSON(0x0200, "json"),
    CAR(0x0202, "car"),
    IPNS_RECORD(0x0300, "ipns-record"),
    CAR_INDEX_SORTED(0x0400, "car-index-sorted"),
    CAR_MULTIHASH_INDEX_SORTED(0x0401, "car-multihash-index-sorted"),
    TRANSPORT_BITSWAP(0x0900, "transport-bitswap"),
    TRANSPORT_IPFS_GATEWAY_HTTP(0x0920, "transport-ipfs-gateway-http");

    private final long code;
    private final String label;

    Multicodec(long code, String label) {
        this.code = code;
        this.label = label;
    }

    public long code() {
        return code;
    }

    /** The table's name, e.g. {@code dag-pb}. */
    public String label() {
        return label;
    }

    public static Optional<Multicodec> byCode(long code) {
        for (Multicodec m : values()) {
            if (m.code == code) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public static Optional<Multicodec> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Multicodec m : values()) {
            if (m.label.equals(n)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The name for a code, or {@code 0x..} when it is not in our table. */
    public static String nameOf(long code) {
        return byCode(code).map(Multicodec::label).orElse("0x" + Long.toHexString(code));
    }
}
