package dev.cairn.unixfs.hamt;

import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Murmur3;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bucket arithmetic for one HAMT fanout: which bucket a name falls in at a given depth, the hex
 * prefix of link names, and the bitfield encoding.
 */
public final class HamtBuckets {
    /** Kubo's and IPIP-499's fanout. */
    public static final int DEFAULT_FANOUT = 256;
    /** Larger fanouts are refused (CVE-2023-23625). */
    public static final int MAX_FANOUT = 1024;
    /** The multicodec of the only hash UnixFS HAMTs use. */
    public static final long MURMUR3_X64_64 = 0x22;

    private final int fanout;
    private final int bitsPerLevel;
    private final int prefixLength;

    private HamtBuckets(int fanout) {
        this.fanout = fanout;
        this.bitsPerLevel = Integer.numberOfTrailingZeros(fanout);
        this.prefixLength = Integer.toHexString(fanout - 1).length();
    }

    /** Validates a fanout read from a shard node or given as an option. */
    public static HamtBuckets of(long fanout) {
        if (fanout < 8 || fanout > MAX_FANOUT || Long.bitCount(fanout) != 1) {
            throw new CodecException("unixfs: HAMT fanout " + fanout
                    + " must be a power of two between 8 and " + MAX_FANOUT);
        }
        return new HamtBuckets((int) fanout);
    }

    public int fanout() {
        return fanout;
    }

    /** Characters of the hex prefix on every link name (2 for fanout 256). */
    public int prefixLength() {
        return prefixLength;
    }

    /** The bucket of {@code name} at {@code depth} (0 = root), reading hash bits MSB-first. */
    public int bucket(String name, int depth) {
        return bucket(Murmur3.hamtHash(name.getBytes(StandardCharsets.UTF_8)), depth);
    }

    public int bucket(byte[] hash, int depth) {
        int start = depth * bitsPerLevel;
        if (start + bitsPerLevel > hash.length * 8) {
            throw new CodecException("unixfs: HAMT deeper than its 64-bit hash allows");
        }
        int v = 0;
        for (int i = 0; i < bitsPerLevel; i++) {
            int bit = start + i;
            v = (v << 1) | ((hash[bit >>> 3] >>> (7 - (bit & 7))) & 1);
        }
        return v;
    }

    /** Upper-case hex bucket prefix, e.g. {@code 6E}. */
    public String prefix(int bucket) {
        String hex = Integer.toHexString(bucket).toUpperCase(Locale.ROOT);
        return "0".repeat(prefixLength - hex.length()) + hex;
    }

    /** Parses the bucket from the first {@link #prefixLength()} characters of a link name. */
    public int bucketOfLinkName(String linkName) {
        if (linkName.length() < prefixLength) {
            throw new CodecException("unixfs: HAMT link name '" + linkName + "' is shorter than its prefix");
        }
        try {
            int b = Integer.parseInt(linkName.substring(0, prefixLength), 16);
            if (b >= fanout) {
                throw new CodecException("unixfs: HAMT link prefix out of range in '" + linkName + "'");
            }
            return b;
        } catch (NumberFormatException e) {
            throw new CodecException("unixfs: HAMT link name '" + linkName + "' has no hex prefix", e);
        }
    }

    /** Bitfield bytes ({@code fanout/8}, big-endian) with the given buckets set. */
    public byte[] bitfield(boolean[] occupied) {
        byte[] out = new byte[fanout / 8];
        for (int i = 0; i < fanout; i++) {
            if (occupied[i]) {
                out[out.length - 1 - i / 8] |= (byte) (1 << (i % 8));
            }
        }
        return out;
    }

    /** True when bucket {@code i} is set in a bitfield as read from a shard node. */
    public static boolean isSet(byte[] bitfield, int i) {
        int idx = bitfield.length - 1 - i / 8;
        return idx >= 0 && (bitfield[idx] & (1 << (i % 8))) != 0;
    }
}
