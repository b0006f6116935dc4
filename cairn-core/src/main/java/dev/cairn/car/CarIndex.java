package dev.cairn.car;

import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.Varint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A CARv2 index: where each block's section starts, relative to the CARv1 payload.
 *
 * <p>Byte layout as go-car writes and reads it (the spec text omits the counts, see the shared
 * spec section 4): a codec varint, then for IndexSorted ({@code 0x0400}) {@code i32 bucketCount}
 * and per bucket {@code u32 width, u64 byteLength, entries}, each entry {@code digest || u64
 * offset}, width = digest length + 8, buckets by ascending width, entries by digest bytes; for
 * MultihashIndexSorted ({@code 0x0401}) {@code i32 codeCount} and per hash code (ascending)
 * {@code u64 code} plus an IndexSorted body. All integers little-endian. IndexSorted keys are bare
 * digests, so its entries have {@link Entry#hashFunction} {@code -1}.
 */
public record CarIndex(long codec, List<Entry> entries) {
    public static final long INDEX_SORTED = Multicodec.CAR_INDEX_SORTED.code();
    public static final long MULTIHASH_INDEX_SORTED = Multicodec.CAR_MULTIHASH_INDEX_SORTED.code();

    /** One indexed section. {@code hashFunction} is the multihash code, or -1 in an IndexSorted. */
    public record Entry(long hashFunction, byte[] digest, long offset) {
        public Entry {
            Objects.requireNonNull(digest, "digest");
        }

        public static Entry of(Multihash mh, long offset) {
            return new Entry(mh.code(), mh.digest(), offset);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.hashFunction == hashFunction && e.offset == offset
                    && Arrays.equals(e.digest, digest);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(digest) * 31 + Long.hashCode(offset);
        }

        @Override
        public String toString() {
            return "Entry[" + hashFunction + ", " + java.util.HexFormat.of().formatHex(digest) + " @" + offset + "]";
        }
    }

    private static final Comparator<Entry> ORDER = Comparator
            .comparingLong(Entry::hashFunction)
            .thenComparingInt(e -> e.digest().length)
            .thenComparing(Entry::digest, Arrays::compareUnsigned);

    public CarIndex {
        if (codec != INDEX_SORTED && codec != MULTIHASH_INDEX_SORTED) {
            throw new IllegalArgumentException("unsupported CARv2 index codec 0x" + Long.toHexString(codec));
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        entries = List.copyOf(sorted);
    }

    /** go-car's default index for the given sections. */
    public static CarIndex multihashSorted(List<Entry> entries) {
        return new CarIndex(MULTIHASH_INDEX_SORTED, entries);
    }

    /**
     * Offset of the section holding {@code mh}, if indexed. An IndexSorted matches by digest alone
     * (it does not record the hash function).
     */
    public OptionalLong find(Multihash mh) {
        long fn = codec == INDEX_SORTED ? -1 : mh.code();
        Entry key = new Entry(fn, mh.digest(), 0);
        int i = java.util.Collections.binarySearch(entries, key, ORDER);
        return i >= 0 ? OptionalLong.of(entries.get(i).offset()) : OptionalLong.empty();
    }

    /** Writes the codec varint and the body. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(Varint.encode(codec));
        if (codec == INDEX_SORTED) {
            writeSorted(out, entries);
            return;
        }
        List<List<Entry>> byCode = groupBy(entries, (a, b) -> a.hashFunction() == b.hashFunction());
        out.write(le(4, byCode.size()));
        for (List<Entry> group : byCode) {
            out.write(le(8, group.get(0).hashFunction()));
            writeSorted(out, group);
        }
    }

    private static void writeSorted(OutputStream out, List<Entry> entries) throws IOException {
        List<List<Entry>> byWidth = groupBy(entries, (a, b) -> a.digest().length == b.digest().length);
        out.write(le(4, byWidth.size()));
        for (List<Entry> bucket : byWidth) {
            int width = bucket.get(0).digest().length + 8;
            out.write(le(4, width));
            out.write(le(8, (long) width * bucket.size()));
            for (Entry e : bucket) {
                out.write(e.digest());
                out.write(le(8, e.offset()));
            }
        }
    }

    private static List<List<Entry>> groupBy(List<Entry> sorted, java.util.function.BiPredicate<Entry, Entry> same) {
        List<List<Entry>> groups = new ArrayList<>();
        for (Entry e : sorted) {
            if (groups.isEmpty() || !same.test(groups.getLast().getFirst(), e)) {
                groups.add(new ArrayList<>());
            }
            groups.getLast().add(e);
        }
        return groups;
    }

    private static byte[] le(int n, long v) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
        return Arrays.copyOf(b.array(), n);
    }

    /** Reads an index (codec varint first) from a stream, to its end. */
    public static CarIndex read(InputStream in, CarReadOptions options) throws IOException {
        return read(new CarInput(in), options);
    }

    static CarIndex read(CarInput in, CarReadOptions options) throws IOException {
        long codec = in.readVarint("CARv2 index codec");
        if (codec < 0) {
            throw CarException.truncated("CARv2 index codec", in.position());
        }
        List<Entry> out = new ArrayList<>();
        if (codec == INDEX_SORTED) {
            readSorted(in, -1, out, options);
        } else if (codec == MULTIHASH_INDEX_SORTED) {
            int codes = in.readI32Le("CARv2 index hash-code count");
            if (codes < 0) {
                throw new CarException("CARv2 index: negative hash-code count " + codes);
            }
            long previous = -1;
            for (int i = 0; i < codes; i++) {
                long code = in.readU64Le("CARv2 index hash code");
                if (code < 0 || code <= previous) {
                    throw new CarException("CARv2 index: hash codes out of order or invalid at byte " + in.position());
                }
                previous = code;
                readSorted(in, code, out, options);
            }
        } else {
            throw new CarException("unsupported CARv2 index codec 0x" + Long.toHexString(codec));
        }
        return new CarIndex(codec, out);
    }

    private static void readSorted(CarInput in, long code, List<Entry> out, CarReadOptions options) throws IOException {
        int buckets = in.readI32Le("CARv2 index bucket count");
        if (buckets < 0) {
            throw new CarException("CARv2 index: negative bucket count " + buckets);
        }
        int previousWidth = 0;
        for (int b = 0; b < buckets; b++) {
            long width = Integer.toUnsignedLong(in.readI32Le("CARv2 index bucket width"));
            long byteLength = in.readU64Le("CARv2 index bucket length");
            if (width <= 8 || width > 8 + Multihash.MAX_DIGEST_LENGTH || width <= previousWidth) {
                throw new CarException("CARv2 index: bad or unordered bucket width " + width);
            }
            previousWidth = (int) width;
            if (byteLength < 0 || byteLength % width != 0) {
                throw new CarException("CARv2 index: bucket length " + Long.toUnsignedString(byteLength)
                        + " is not a multiple of its width " + width);
            }
            long count = byteLength / width;
            if (count > options.maxIndexEntries() - out.size()) {
                throw new CarException("CARv2 index: more than " + options.maxIndexEntries() + " entries");
            }
            byte[] previous = null;
            for (long i = 0; i < count; i++) {
                byte[] digest = new byte[(int) width - 8];
                in.readFully(digest, "CARv2 index entry");
                long offset = in.readU64Le("CARv2 index entry offset");
                if (previous != null && Arrays.compareUnsigned(previous, digest) > 0) {
                    throw new CarException("CARv2 index: entries not sorted at byte " + in.position());
                }
                if (offset < 0) {
                    throw new CarException("CARv2 index: offset out of range at byte " + in.position());
                }
                previous = digest;
                out.add(new Entry(code, digest, offset));
            }
        }
    }
}
