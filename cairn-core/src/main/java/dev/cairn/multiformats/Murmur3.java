package dev.cairn.multiformats;

/**
 * MurmurHash3 x64 128-bit, seed 0, as UnixFS HAMT shards use it ({@code murmur3-x64-64}: the first
 * 64-bit word h1 of the 128-bit hash, written big-endian, as Go's {@code murmur3.New64().Sum}).
 */
public final class Murmur3 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3() {}

    /** h1 of murmur3_x64_128(data, seed 0). The tail switch falls through on purpose, as in the reference. */
    @SuppressWarnings("fallthrough")
    public static long hash64(byte[] data) {
        long h1 = 0;
        long h2 = 0;
        int len = data.length;
        int nblocks = len / 16;
        for (int i = 0; i < nblocks; i++) {
            long k1 = getLong(data, i * 16);
            long k2 = getLong(data, i * 16 + 8);
            k1 *= C1; k1 = Long.rotateLeft(k1, 31); k1 *= C2; h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;
            k2 *= C2; k2 = Long.rotateLeft(k2, 33); k2 *= C1; h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
        }
        long k1 = 0;
        long k2 = 0;
        int tail = nblocks * 16;
        switch (len & 15) {
            case 15: k2 ^= (long) (data[tail + 14] & 0xFF) << 48;
            case 14: k2 ^= (long) (data[tail + 13] & 0xFF) << 40;
            case 13: k2 ^= (long) (data[tail + 12] & 0xFF) << 32;
            case 12: k2 ^= (long) (data[tail + 11] & 0xFF) << 24;
            case 11: k2 ^= (long) (data[tail + 10] & 0xFF) << 16;
            case 10: k2 ^= (long) (data[tail + 9] & 0xFF) << 8;
            case 9:
                k2 ^= data[tail + 8] & 0xFF;
                k2 *= C2; k2 = Long.rotateLeft(k2, 33); k2 *= C1; h2 ^= k2;
            case 8: k1 ^= (long) (data[tail + 7] & 0xFF) << 56;
            case 7: k1 ^= (long) (data[tail + 6] & 0xFF) << 48;
            case 6: k1 ^= (long) (data[tail + 5] & 0xFF) << 40;
            case 5: k1 ^= (long) (data[tail + 4] & 0xFF) << 32;
            case 4: k1 ^= (long) (data[tail + 3] & 0xFF) << 24;
            case 3: k1 ^= (long) (data[tail + 2] & 0xFF) << 16;
            case 2: k1 ^= (long) (data[tail + 1] & 0xFF) << 8;
            case 1:
                k1 ^= data[tail] & 0xFF;
                k1 *= C1; k1 = Long.rotateLeft(k1, 31); k1 *= C2; h1 ^= k1;
            default:
                break;
        }
        h1 ^= len;
        h2 ^= len;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        return h1;
    }

    /** The 8 hash bytes a HAMT indexes into: h1 big-endian. */
    public static byte[] hamtHash(byte[] name) {
        long h = hash64(name);
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (h >>> (56 - 8 * i));
        }
        return out;
    }

    private static long getLong(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48
                | (b[i + 7] & 0xFFL) << 56;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
