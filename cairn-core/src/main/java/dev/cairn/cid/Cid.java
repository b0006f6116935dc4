package dev.cairn.cid;

import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multibase;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.Varint;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A CID: version, content codec and multihash. Immutable; equality is by the binary form, so a
 * CIDv0 and its CIDv1 twin are different CIDs (they share a {@link #multihash()}).
 *
 * <p>Text forms: CIDv0 is bare base58btc ({@code Qm...}); CIDv1 is a multibase string, base32 lower
 * by default ({@code bafy...}) and base36 for libp2p keys when asked.
 */
public final class Cid implements Comparable<Cid> {
    private final int version;
    private final long codec;
    private final Multihash multihash;
    private final byte[] bytes;
    private final int hash;
    /**
     * The default text form, made on first use: a gateway request prints its CIDs several times
     * (ETag, X-Ipfs-Roots, log lines). Racy single-check: every thread computes the same String.
     */
    private String text;

    private Cid(int version, long codec, Multihash multihash) {
        this.version = version;
        this.codec = codec;
        this.multihash = multihash;
        if (version == 0) {
            this.bytes = multihash.bytes();
        } else {
            byte[] mh = multihash.bytes();
            byte[] out = new byte[Varint.size(1) + Varint.size(codec) + mh.length];
            int off = Varint.write(1, out, 0);
            off = Varint.write(codec, out, off);
            System.arraycopy(mh, 0, out, off, mh.length);
            this.bytes = out;
        }
        this.hash = Arrays.hashCode(bytes);
    }

    /** CIDv0: always dag-pb and sha2-256. */
    public static Cid v0(Multihash mh) {
        if (mh.code() != Multicodec.SHA2_256.code() || mh.digestLength() != 32) {
            throw new CodecException("CIDv0 requires a 32-byte sha2-256 multihash");
        }
        return new Cid(0, Multicodec.DAG_PB.code(), mh);
    }

    public static Cid v1(long codec, Multihash mh) {
        return new Cid(1, codec, mh);
    }

    public static Cid v1(Multicodec codec, Multihash mh) {
        return new Cid(1, codec.code(), mh);
    }

    /**
     * Longest binary CID we can parse: version, a 9-byte codec varint, a 9-byte hash code, a
     * 2-byte length and a 128-byte digest.
     */
    public static final int MAX_BINARY_LENGTH = 1 + Varint.MAX_BYTES + Varint.MAX_BYTES + 2
            + Multihash.MAX_DIGEST_LENGTH;
    /** Longest CID text we parse: base16 of the longest binary CID plus the prefix. */
    public static final int MAX_TEXT_LENGTH = 1 + 2 * MAX_BINARY_LENGTH;
    private static final int V0_TEXT_LENGTH = 46;

    /**
     * Parses a CID from its text form (CIDv0 bare base58btc, or CIDv1 in any multibase).
     *
     * <p>Text longer than any valid CID is refused before decoding: base58 and base36 decoding
     * is quadratic, and CIDs arrive in URLs chosen by strangers.
     */
    public static Cid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new CodecException("empty CID");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new CodecException("CID text of " + text.length()
                    + " characters is longer than any valid CID (" + MAX_TEXT_LENGTH + ")");
        }
        if (text.startsWith("Qm")) {
            if (text.length() != V0_TEXT_LENGTH) {
                throw new CodecException("CIDv0 text must be " + V0_TEXT_LENGTH + " characters, got "
                        + text.length());
            }
            return fromBytes(Multibase.BASE58BTC.decodeRaw(text));
        }
        byte[] raw = Multibase.decode(text);
        if (raw.length == 34 && raw[0] == 0x12 && raw[1] == 0x20) {
            throw new CodecException("CIDv0 must be bare base58btc (Qm...), not multibase-prefixed");
        }
        return fromBytes(raw);
    }

    /** Parses the binary form; trailing bytes are an error. */
    public static Cid fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        Cid cid = read(buf);
        if (buf.hasRemaining()) {
            throw new CodecException("CID has " + buf.remaining() + " trailing bytes");
        }
        return cid;
    }

    /** Reads a binary CID at the buffer's position, advancing it (as CAR sections do). */
    public static Cid read(ByteBuffer in) {
        if (in.remaining() >= 2 && in.get(in.position()) == 0x12 && in.get(in.position() + 1) == 0x20) {
            if (in.remaining() < 34) {
                throw new CodecException("truncated CIDv0");
            }
            byte[] mh = new byte[34];
            in.get(mh);
            return v0(Multihash.fromBytes(mh));
        }
        if (!in.hasRemaining()) {
            throw new CodecException("empty CID bytes");
        }
        long version = Varint.read(in);
        if (version != 1) {
            throw new CodecException(version == 0x12
                    ? "truncated or malformed CIDv0 (expected 12 20 and a 32-byte digest)"
                    : "unsupported CID version " + version + " (only 0 and 1 exist)");
        }
        long codec = Varint.read(in);
        Multihash mh = Multihash.read(in);
        return new Cid(1, codec, mh);
    }

    public int version() {
        return version;
    }

    public long codec() {
        return codec;
    }

    public Multihash multihash() {
        return multihash;
    }

    public boolean isIdentity() {
        return multihash.isIdentity();
    }

    /** The binary form; a copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public void writeTo(ByteBuffer out) {
        out.put(bytes);
    }

    /** The same multihash and codec as CIDv1 (a v1 CID returns itself). */
    public Cid toV1() {
        return version == 1 ? this : new Cid(1, codec, multihash);
    }

    /** CIDv0 when this is dag-pb + sha2-256, else throws. */
    public Cid toV0() {
        if (version == 0) {
            return this;
        }
        if (codec != Multicodec.DAG_PB.code()) {
            throw new CodecException("only dag-pb CIDs have a CIDv0 form");
        }
        return v0(multihash);
    }

    /** Text form in the given base (CIDv0 only has base58btc without prefix). */
    public String toString(Multibase base) {
        if (version == 0) {
            if (base != Multibase.BASE58BTC) {
                throw new CodecException("CIDv0 can only be written in base58btc");
            }
            return Multibase.BASE58BTC.encodeRaw(bytes);
        }
        return base.encode(bytes);
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = version == 0 ? Multibase.BASE58BTC.encodeRaw(bytes) : Multibase.BASE32.encode(bytes);
            text = t;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Cid o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
