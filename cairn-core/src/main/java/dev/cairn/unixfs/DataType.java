package dev.cairn.unixfs;

import dev.cairn.multiformats.CodecException;

/** UnixFS {@code DataType}; numbers are the protobuf enum values. */
public enum DataType {
    RAW(0), DIRECTORY(1), FILE(2), METADATA(3), SYMLINK(4), HAMT_SHARD(5);

    private final int value;

    DataType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static DataType of(long value) {
        for (DataType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        throw new CodecException("unixfs: unknown DataType " + value);
    }
}
