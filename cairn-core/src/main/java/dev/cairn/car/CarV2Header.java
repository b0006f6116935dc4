package dev.cairn.car;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 40-byte header that follows the CARv2 pragma: 16 bytes of characteristics, then data offset,
 * data size and index offset as little-endian u64, all counted from the first pragma byte.
 *
 * <p>Only the {@code fully-indexed} characteristic is defined (bit 7 of the first byte, go-car's
 * {@code Characteristics.Hi} written first); other bits are not kept.
 *
 * @param indexOffset 0 when there is no index
 */
public record CarV2Header(boolean fullyIndexed, long dataOffset, long dataSize, long indexOffset) {
    /** {@code 0a a1 67 "version" 02}: a CARv1-style header {version: 2}, length-prefixed. */
    static final byte[] PRAGMA = {0x0a, (byte) 0xa1, 0x67, 0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x02};
    public static final int SIZE = 40;
    /** Where the payload starts when nothing pads it: pragma plus header. */
    public static final long MIN_DATA_OFFSET = PRAGMA.length + SIZE;

    /** Checks the offsets are possible; any violation is a {@link CarException}. */
    public CarV2Header {
        if (dataOffset < MIN_DATA_OFFSET) {
            throw new CarException("bad CARv2 offsets: data offset " + Long.toUnsignedString(dataOffset)
                    + " is inside the pragma and header (minimum " + MIN_DATA_OFFSET + ")");
        }
        if (dataSize <= 0 || dataOffset + dataSize < 0) {
            throw new CarException("bad CARv2 offsets: data size " + Long.toUnsignedString(dataSize)
                    + " at offset " + dataOffset + " is empty or overflows");
        }
        if (indexOffset != 0 && Long.compareUnsigned(indexOffset, dataOffset + dataSize) < 0) {
            throw new CarException("bad CARv2 offsets: index offset " + Long.toUnsignedString(indexOffset)
                    + " overlaps the data section ending at " + (dataOffset + dataSize));
        }
        if (indexOffset < 0) {
            throw new CarException("bad CARv2 offsets: index offset " + Long.toUnsignedString(indexOffset) + " is too large");
        }
    }

    public boolean hasIndex() {
        return indexOffset != 0;
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) (fullyIndexed ? 0x80 : 0));
        b.position(16);
        b.putLong(dataOffset).putLong(dataSize).putLong(indexOffset);
        return b.array();
    }

    public static CarV2Header decode(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new CarException("CARv2 header must be " + SIZE + " bytes, got " + bytes.length);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        boolean full = (bytes[0] & 0x80) != 0;
        return new CarV2Header(full, b.getLong(16), b.getLong(24), b.getLong(32));
    }
}
