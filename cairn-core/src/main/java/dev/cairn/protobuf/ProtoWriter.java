package dev.cairn.protobuf;

import dev.cairn.multiformats.Varint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends protobuf fields in the order called. The caller decides canonical field order. */
public final class ProtoWriter {
    private final ByteArrayOutputStream out;

    public ProtoWriter(int expectedSize) {
        this.out = new ByteArrayOutputStream(expectedSize);
    }

    public ProtoWriter() {
        this(64);
    }

    private void varint(long v) {
        // Protobuf varints are 64-bit two's complement; negative values take 10 bytes.
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    public ProtoWriter uint64(int field, long value) {
        tag(field, 0);
        varint(value);
        return this;
    }

    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, 2);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    public ProtoWriter bytes(int field, byte[] value, int offset, int length) {
        tag(field, 2);
        varint(length);
        out.write(value, offset, length);
        return this;
    }

    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoWriter fixed32(int field, int value) {
        tag(field, 5);
        for (int i = 0; i < 4; i++) {
            out.write((value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    public ProtoWriter fixed64(int field, long value) {
        tag(field, 1);
        for (int i = 0; i < 8; i++) {
            out.write((int) ((value >>> (8 * i)) & 0xFF));
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Encoded size of a length-delimited field of {@code len} bytes. */
    public static int lengthDelimitedSize(int field, int len) {
        return Varint.size(((long) field << 3) | 2) + Varint.size(len) + len;
    }

    /** Encoded size of a varint field. */
    public static int uint64Size(int field, long value) {
        return Varint.size(((long) field << 3)) + (value < 0 ? 10 : Varint.size(value));
    }
}
