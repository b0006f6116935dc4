package dev.cairn.multiformats;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A multihash: {@code varint(code) varint(length) digest}. Immutable; equality is by bytes.
 *
 * <p>Cairn computes and verifies sha2-256, sha2-512 and identity. Other codes parse (so a CID can
 * be named in an error) but {@link #verify} and {@link #digest(long, byte[])} refuse them with
 * {@link UnsupportedHashException}.
 */
public final class Multihash implements Comparable<Multihash> {
    /** Digest length limit for any hash (boxo verifcid: 128 bytes, IPIP-0512 for identity). */
    public static final int MAX_DIGEST_LENGTH = 128;
    /** Shortest digest accepted for a cryptographic hash (boxo verifcid). */
    public static final int MIN_DIGEST_LENGTH = 20;

    private final long code;
    private final byte[] digest;
    private final byte[] bytes;
    private final int hash;

    private Multihash(long code, byte[] digest) {
        this.code = code;
        this.digest = digest;
        this.bytes = new byte[Varint.size(code) + Varint.size(digest.length) + digest.length];
        int off = Varint.write(code, bytes, 0);
        off = Varint.write(digest.length, bytes, off);
        System.arraycopy(digest, 0, bytes, off, digest.length);
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps an existing digest, checking length rules for the functions we know. */
    public static Multihash of(long code, byte[] digest) {
        checkDigest(code, digest.length);
        return new Multihash(code, digest.clone());
    }

    /** Hashes {@code data} with the given function. */
    public static Multihash digest(long code, byte[] data) {
        return digest(code, data, 0, data.length);
    }

    public static Multihash digest(long code, byte[] data, int offset, int length) {
        if (code == Multicodec.IDENTITY.code()) {
            checkDigest(code, length);
            return new Multihash(code, Arrays.copyOfRange(data, offset, offset + length));
        }
        MessageDigest md = messageDigest(code);
        md.update(data, offset, length);
        return new Multihash(code, md.digest());
    }

    public static Multihash sha256(byte[] data) {
        return digest(Multicodec.SHA2_256.code(), data);
    }

    /** A fresh {@link MessageDigest} for a supported hash code. */
    public static MessageDigest messageDigest(long code) {
        String alg;
        if (code == Multicodec.SHA2_256.code()) {
            alg = "SHA-256";
        } else if (code == Multicodec.SHA2_512.code()) {
            alg = "SHA-512";
        } else {
            throw new UnsupportedHashException(code);
        }
        try {
            return MessageDigest.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " missing from this JDK", e);
        }
    }

    /** Parses a whole byte array as one multihash; trailing bytes are an error. */
    public static Multihash fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        Multihash mh = read(buf);
        if (buf.hasRemaining()) {
            throw new CodecException("multihash has " + buf.remaining() + " trailing bytes");
        }
        return mh;
    }

    /** Reads one multihash at the buffer's position, advancing it. */
    public static Multihash read(ByteBuffer in) {
        long code = Varint.read(in);
        long len = Varint.read(in);
        if (len > MAX_DIGEST_LENGTH) {
            throw new CodecException("multihash digest of " + len + " bytes exceeds the limit of "
                    + MAX_DIGEST_LENGTH);
        }
        if (in.remaining() < len) {
            throw new CodecException("truncated multihash: digest needs " + len + " bytes, "
                    + in.remaining() + " left");
        }
        checkDigest(code, (int) len);
        byte[] digest = new byte[(int) len];
        in.get(digest);
        return new Multihash(code, digest);
    }

    private static void checkDigest(long code, int len) {
        if (len > MAX_DIGEST_LENGTH) {
            throw new CodecException("multihash digest of " + len + " bytes exceeds the limit of "
                    + MAX_DIGEST_LENGTH);
        }
        if (code == Multicodec.SHA2_256.code() && len != 32) {
            throw new CodecException("sha2-256 digest must be 32 bytes, got " + len);
        }
        if (code == Multicodec.SHA2_512.code() && len != 64) {
            throw new CodecException("sha2-512 digest must be 64 bytes, got " + len);
        }
    }

    public long code() {
        return code;
    }

    public boolean isIdentity() {
        return code == Multicodec.IDENTITY.code();
    }

    /** True when Cairn can compute this hash function. */
    public boolean isSupported() {
        return code == Multicodec.IDENTITY.code() || code == Multicodec.SHA2_256.code()
                || code == Multicodec.SHA2_512.code();
    }

    public byte[] digest() {
        return digest.clone();
    }

    public int digestLength() {
        return digest.length;
    }

    /** The encoded multihash; a copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Encoded length in bytes. */
    public int size() {
        return bytes.length;
    }

    /** Writes the encoded multihash into {@code out}. */
    public void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    int writeTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, bytes.length);
        return offset + bytes.length;
    }

    /** True when {@code data} hashes to this multihash. */
    public boolean matches(byte[] data) {
        return matches(data, 0, data.length);
    }

    public boolean matches(byte[] data, int offset, int length) {
        if (isIdentity()) {
            return Arrays.equals(digest, 0, digest.length, data, offset, offset + length);
        }
        MessageDigest md = messageDigest(code);
        md.update(data, offset, length);
        return MessageDigest.isEqual(md.digest(), digest);
    }

    /** Checks {@code data} against this multihash, throwing when it does not match. */
    public void verify(byte[] data) {
        if (!matches(data)) {
            throw new CodecException("block bytes do not match their hash " + this);
        }
    }

    /** Lower-case hex of the encoded multihash, the form used in our index and logs. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    public static Multihash fromHex(String hex) {
        try {
            return fromBytes(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new CodecException("not a hex multihash: " + e.getMessage(), e);
        }
    }

    /** base58btc of the bytes (the {@code Qm...} form for sha2-256). */
    @Override
    public String toString() {
        return Multibase.BASE58BTC.encodeRaw(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multihash m && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Multihash o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
