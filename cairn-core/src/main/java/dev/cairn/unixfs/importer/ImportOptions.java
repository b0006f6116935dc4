package dev.cairn.unixfs.importer;

import dev.cairn.unixfs.hamt.HamtBuckets;
import java.util.Objects;

/**
 * Everything that decides the CIDs of an import. Immutable; start from a profile and override:
 * {@code ImportOptions.kubo().toBuilder().cidVersion(1).build()}.
 *
 * <p>Kubo's flag rule is kept: setting {@code cidVersion(1)} on a builder turns raw leaves on
 * unless {@code rawLeaves(...)} is also called on that builder.
 *
 * @param cidVersion         0 or 1; raw leaves are always CIDv1 (as in Kubo, even under a v0 root)
 * @param chunkSize          fixed chunk size in bytes ({@code size-N})
 * @param maxLinks           links per file node (174 Kubo, 1024 IPIP-499)
 * @param inlineLimit        with {@code inline}, blocks of at most this many bytes get identity CIDs
 * @param hidden             include names starting with '.' when walking the file system
 * @param hamtThreshold      shard a directory whose estimate exceeds this many bytes; 0 = never
 * @param hamtFanout         HAMT width (power of two, 8..1024)
 */
public record ImportOptions(int cidVersion, boolean rawLeaves, int chunkSize, boolean trickle, int maxLinks,
                            boolean inline, int inlineLimit, boolean wrapWithDirectory, boolean hidden,
                            int hamtThreshold, HamtSizeEstimation hamtSizeEstimation, int hamtFanout) {
    /** boxo {@code ChunkSizeLimit}: 2 MiB minus room for the protobuf envelope. */
    public static final int MAX_CHUNK_SIZE = 2 * 1024 * 1024 - 256;
    /** Kubo's {@code --inline-limit} ceiling (boxo verifcid max identity digest). */
    public static final int MAX_INLINE_LIMIT = 128;
    /** Kubo's default {@code --inline-limit}. */
    public static final int DEFAULT_INLINE_LIMIT = 32;
    /** boxo {@code HAMTShardingSize}: 256 KiB. */
    public static final int DEFAULT_HAMT_THRESHOLD = 256 * 1024;

    public ImportOptions {
        if (cidVersion != 0 && cidVersion != 1) {
            throw new IllegalArgumentException("cid-version must be 0 or 1, got " + cidVersion);
        }
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunker size must be between 1 and " + MAX_CHUNK_SIZE
                    + " bytes, got " + chunkSize);
        }
        if (maxLinks < 2) {
            throw new IllegalArgumentException("max-file-links must be at least 2, got " + maxLinks);
        }
        if (inlineLimit < 0 || inlineLimit > MAX_INLINE_LIMIT) {
            throw new IllegalArgumentException("inline-limit " + inlineLimit + " must be between 0 and "
                    + MAX_INLINE_LIMIT + " bytes");
        }
        if (hamtThreshold < 0) {
            throw new IllegalArgumentException("hamt-threshold must be >= 0, got " + hamtThreshold);
        }
        Objects.requireNonNull(hamtSizeEstimation, "hamtSizeEstimation");
        try {
            HamtBuckets.of(hamtFanout);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("max-hamt-fanout: " + e.getMessage(), e);
        }
    }

    /** What {@code ipfs add} does by default (= IPIP-499 {@code unixfs-v0-2015}). */
    public static ImportOptions kubo() {
        return new ImportOptions(0, false, 256 * 1024, false, 174, false, DEFAULT_INLINE_LIMIT, false, false,
                DEFAULT_HAMT_THRESHOLD, HamtSizeEstimation.LINKS, HamtBuckets.DEFAULT_FANOUT);
    }

    /** IPIP-499 {@code unixfs-v1-2025}: CIDv1, raw leaves, 1 MiB chunks, 1024 links, block-size estimate. */
    public static ImportOptions unixfsV1_2025() {
        return new ImportOptions(1, true, 1024 * 1024, false, 1024, false, DEFAULT_INLINE_LIMIT, false, false,
                DEFAULT_HAMT_THRESHOLD, HamtSizeEstimation.BLOCK, HamtBuckets.DEFAULT_FANOUT);
    }

    /** A profile by name: {@code kubo}, {@code unixfs-v0-2015} (alias {@code legacy-cid-v0}), {@code unixfs-v1-2025}. */
    public static ImportOptions profile(String name) {
        return switch (name == null ? "" : name) {
            case "kubo", "unixfs-v0-2015", "legacy-cid-v0" -> kubo();
            case "unixfs-v1-2025" -> unixfsV1_2025();
            default -> throw new IllegalArgumentException("unknown import profile '" + name
                    + "'; valid profiles: kubo, unixfs-v0-2015, legacy-cid-v0, unixfs-v1-2025");
        };
    }

    /** The chunker in Kubo's syntax, e.g. {@code size-262144}. */
    public String chunker() {
        return "size-" + chunkSize;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Parses Kubo's {@code --chunker} value. Only fixed-size chunking is supported: {@code size-N}
     * with 1 &lt;= N &lt;= {@value #MAX_CHUNK_SIZE}.
     */
    public static int parseChunker(String spec) {
        Objects.requireNonNull(spec, "chunker");
        if (spec.startsWith("rabin") || spec.startsWith("buzhash")) {
            throw new IllegalArgumentException("chunker '" + spec
                    + "' is not supported; only fixed-size chunking (size-N) is");
        }
        if (!spec.startsWith("size-")) {
            throw new IllegalArgumentException("unrecognized chunker option '" + spec + "'; expected size-N");
        }
        long n;
        try {
            n = Long.parseLong(spec.substring(5));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("chunker '" + spec + "': size is not a number", e);
        }
        if (n < 1) {
            throw new IllegalArgumentException("chunker '" + spec + "': size must be greater than 0");
        }
        if (n > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunker '" + spec
                    + "': size may not exceed the maximum chunk size of " + MAX_CHUNK_SIZE);
        }
        return (int) n;
    }

    /** Mutable copy of some options; {@link #build()} validates. */
    public static final class Builder {
        private int cidVersion;
        private boolean rawLeaves;
        private boolean rawLeavesSet;
        private boolean cidVersionSet;
        private int chunkSize;
        private boolean trickle;
        private int maxLinks;
        private boolean inline;
        private int inlineLimit;
        private boolean wrapWithDirectory;
        private boolean hidden;
        private int hamtThreshold;
        private HamtSizeEstimation hamtSizeEstimation;
        private int hamtFanout;

        private Builder(ImportOptions o) {
            cidVersion = o.cidVersion;
            rawLeaves = o.rawLeaves;
            chunkSize = o.chunkSize;
            trickle = o.trickle;
            maxLinks = o.maxLinks;
            inline = o.inline;
            inlineLimit = o.inlineLimit;
            wrapWithDirectory = o.wrapWithDirectory;
            hidden = o.hidden;
            hamtThreshold = o.hamtThreshold;
            hamtSizeEstimation = o.hamtSizeEstimation;
            hamtFanout = o.hamtFanout;
        }

        public Builder cidVersion(int v) {
            cidVersion = v;
            cidVersionSet = true;
            return this;
        }

        public Builder rawLeaves(boolean v) {
            rawLeaves = v;
            rawLeavesSet = true;
            return this;
        }

        /** Kubo syntax, {@code size-N}; see {@link ImportOptions#parseChunker}. */
        public Builder chunker(String spec) {
            chunkSize = parseChunker(spec);
            return this;
        }

        public Builder trickle(boolean v) {
            trickle = v;
            return this;
        }

        public Builder maxLinks(int v) {
            maxLinks = v;
            return this;
        }

        public Builder inline(boolean v) {
            inline = v;
            return this;
        }

        public Builder inlineLimit(int v) {
            inlineLimit = v;
            return this;
        }

        public Builder wrapWithDirectory(boolean v) {
            wrapWithDirectory = v;
            return this;
        }

        public Builder hidden(boolean v) {
            hidden = v;
            return this;
        }

        public Builder hamtThreshold(int v) {
            hamtThreshold = v;
            return this;
        }

        public Builder hamtSizeEstimation(HamtSizeEstimation v) {
            hamtSizeEstimation = v;
            return this;
        }

        public Builder hamtFanout(int v) {
            hamtFanout = v;
            return this;
        }

        public ImportOptions build() {
            boolean raw = rawLeaves;
            if (cidVersionSet && !rawLeavesSet) {
                // Kubo: "CIDv1 automatically enables raw-leaves" unless --raw-leaves is given.
                raw = cidVersion >= 1;
            }
            return new ImportOptions(cidVersion, raw, chunkSize, trickle, maxLinks, inline, inlineLimit,
                    wrapWithDirectory, hidden, hamtThreshold, hamtSizeEstimation, hamtFanout);
        }
    }
}
