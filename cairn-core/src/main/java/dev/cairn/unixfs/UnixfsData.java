package dev.cairn.unixfs;

import dev.cairn.multiformats.CodecException;
import dev.cairn.protobuf.ProtoReader;
import dev.cairn.protobuf.ProtoWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The UnixFS {@code Data} message. Optional scalars are null when absent; the encoder writes
 * fields in number order, which is what Kubo and js-ipfs-unixfs emit (and so what decides CIDs).
 *
 * @param data       file bytes (File/Raw), bitfield (HAMTShard), target (Symlink); null if absent
 * @param blocksizes file bytes under each link of a multi-block file node
 */
public record UnixfsData(DataType type, byte[] data, Long filesize, List<Long> blocksizes,
                         Long hashType, Long fanout, Integer mode, UnixTime mtime) {
    public UnixfsData {
        blocksizes = List.copyOf(blocksizes);
    }

    public static UnixfsData directory() {
        return new UnixfsData(DataType.DIRECTORY, null, null, List.of(), null, null, null, null);
    }

    public byte[] encode() {
        ProtoWriter w = new ProtoWriter(16 + (data == null ? 0 : data.length) + blocksizes.size() * 5);
        w.uint64(1, type.value());
        if (data != null) {
            w.bytes(2, data);
        }
        if (filesize != null) {
            w.uint64(3, filesize);
        }
        for (long b : blocksizes) {
            w.uint64(4, b);
        }
        if (hashType != null) {
            w.uint64(5, hashType);
        }
        if (fanout != null) {
            w.uint64(6, fanout);
        }
        if (mode != null) {
            w.uint64(7, mode & 0xFFFFFFFFL);
        }
        if (mtime != null) {
            ProtoWriter t = new ProtoWriter(16);
            t.uint64(1, mtime.seconds());
            if (mtime.nanos() != 0) {
                t.fixed32(2, mtime.nanos());
            }
            w.bytes(8, t.toByteArray());
        }
        return w.toByteArray();
    }

    /**
     * Decodes a Data message. Strict where no writer deviates: unknown fields, a repeated
     * singular field, a wrong wire type, a missing Type, a mode above 32 bits and a malformed
     * mtime are errors. Fields may come in any order (protobuf allows it), and blocksizes may be
     * packed; such input decodes but does not re-encode to the same bytes.
     */
    public static UnixfsData decode(byte[] bytes) {
        if (bytes == null) {
            throw new CodecException("unixfs: dag-pb node has no Data field");
        }
        View v = decodeView(bytes, 0, bytes.length);
        UnixfsData m = v.meta();
        return v.dataOffset() < 0 ? m : new UnixfsData(m.type(),
                java.util.Arrays.copyOfRange(bytes, v.dataOffset(), v.dataOffset() + v.dataLength()),
                m.filesize(), m.blocksizes(), m.hashType(), m.fanout(), m.mode(), m.mtime());
    }

    /**
     * A Data message decoded as strictly as by {@link #decode}, its {@code data} field left in the
     * buffer: {@code meta.data()} is null, and the bytes are {@code buf[dataOffset, dataOffset +
     * dataLength)} ({@code dataOffset} -1 when absent). For readers that stream file bytes.
     */
    public record View(UnixfsData meta, int dataOffset, int dataLength) {}

    /** {@link #decode} of {@code buf[offset, offset + length)} without copying the data field. */
    public static View decodeView(byte[] buf, int offset, int length) {
        return decodeView(ByteBuffer.wrap(buf), offset, length);
    }

    /** {@link #decodeView(byte[], int, int)} of a buffer, by absolute index (a block mapped from a pack). */
    public static View decodeView(ByteBuffer buf, int offset, int length) {
        ProtoReader r = new ProtoReader(buf, offset, length);
        DataType type = null;
        int dataOffset = -1;
        int dataLength = 0;
        Long filesize = null;
        List<Long> blocksizes = new ArrayList<>();
        Long hashType = null;
        Long fanout = null;
        Integer mode = null;
        UnixTime mtime = null;
        int seen = 0;
        while (r.next()) {
            int f = r.field();
            if (f < 1 || f > 8) {
                throw new CodecException("unixfs: unknown Data field " + f);
            }
            if (f != 4) {
                if ((seen & (1 << f)) != 0) {
                    throw new CodecException("unixfs: duplicate Data field " + FIELDS[f]);
                }
                seen |= 1 << f;
            }
            int expected = f == 2 || f == 8 || (f == 4 && r.wireType() == ProtoReader.LEN)
                    ? ProtoReader.LEN : ProtoReader.VARINT;
            if (r.wireType() != expected) {
                throw new CodecException("unixfs: Data field " + FIELDS[f] + " has wire type "
                        + r.wireType() + ", expected " + expected);
            }
            switch (f) {
                case 1 -> type = DataType.of(r.uint64());
                case 2 -> {
                    dataLength = r.lengthPrefix();
                    dataOffset = r.lastStart();
                }
                case 3 -> filesize = nonNegative(r.uint64(), "filesize");
                case 4 -> {
                    if (r.wireType() == ProtoReader.LEN) {
                        // packed encoding: tolerated on read, never written
                        ProtoReader p = new ProtoReader(r.bytes());
                        while (!p.atEnd()) {
                            blocksizes.add(nonNegative(p.readVarint(), "blocksize"));
                        }
                    } else {
                        blocksizes.add(nonNegative(r.uint64(), "blocksize"));
                    }
                }
                case 5 -> hashType = r.uint64();
                case 6 -> fanout = r.uint64();
                case 7 -> {
                    long m = r.uint64();
                    if (m < 0 || m > 0xFFFFFFFFL) {
                        throw new CodecException("unixfs: mode " + Long.toUnsignedString(m)
                                + " does not fit in uint32");
                    }
                    mode = (int) m;
                }
                default -> mtime = decodeTime(r.bytes());
            }
        }
        if (type == null) {
            throw new CodecException("unixfs: Data has no Type");
        }
        return new View(new UnixfsData(type, null, filesize, blocksizes, hashType, fanout, mode, mtime),
                dataOffset, dataLength);
    }

    private static final String[] FIELDS = {
        null, "Type", "Data", "filesize", "blocksizes", "hashType", "fanout", "mode", "mtime"
    };

    private static long nonNegative(long v, String what) {
        if (v < 0) {
            throw new CodecException("unixfs: " + what + " " + Long.toUnsignedString(v) + " exceeds 2^63-1");
        }
        return v;
    }

    private static UnixTime decodeTime(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        Long seconds = null;
        Integer nanos = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    if (seconds != null) {
                        throw new CodecException("unixfs: duplicate mtime Seconds");
                    }
                    seconds = r.uint64();
                }
                case 2 -> {
                    if (nanos != null) {
                        throw new CodecException("unixfs: duplicate mtime FractionalNanoseconds");
                    }
                    nanos = r.fixed32();
                    if (nanos <= 0 || nanos > 999_999_999) {
                        throw new CodecException("unixfs: mtime nanoseconds " + Integer.toUnsignedString(nanos)
                                + " outside 1..999999999");
                    }
                }
                default -> throw new CodecException("unixfs: unknown UnixTime field " + r.field());
            }
        }
        if (seconds == null) {
            throw new CodecException("unixfs: mtime without Seconds");
        }
        return new UnixTime(seconds, nanos == null ? 0 : nanos);
    }

    /** File bytes covered by this node: {@code len(data) + sum(blocksizes)}. */
    public long contentSize() {
        long n = data == null ? 0 : data.length;
        for (long b : blocksizes) {
            n += b;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnixfsData u && type == u.type && java.util.Arrays.equals(data, u.data)
                && java.util.Objects.equals(filesize, u.filesize) && blocksizes.equals(u.blocksizes)
                && java.util.Objects.equals(hashType, u.hashType) && java.util.Objects.equals(fanout, u.fanout)
                && java.util.Objects.equals(mode, u.mode) && java.util.Objects.equals(mtime, u.mtime);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, filesize, blocksizes, hashType, fanout, mode, mtime)
                + java.util.Arrays.hashCode(data);
    }
}
