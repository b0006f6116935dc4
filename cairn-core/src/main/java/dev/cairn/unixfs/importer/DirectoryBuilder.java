package dev.cairn.unixfs.importer;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.unixfs.UnixfsData;
import dev.cairn.unixfs.hamt.HamtBuckets;
import dev.cairn.unixfs.hamt.HamtBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a finished list of directory entries into a basic directory or, when the estimated size
 * is strictly greater than the threshold (boxo#1088, Kubo 0.40+), a HAMT. Since an import only
 * adds entries, boxo's incremental switch ends in the same place as this one decision on the
 * final entries.
 */
final class DirectoryBuilder {
    /** Go's string order: bytes of the UTF-8 form (Java's UTF-16 order differs above U+FFFF). */
    static final Comparator<String> NAME_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final byte[] DIRECTORY_DATA = UnixfsData.directory().encode();

    private final ImportOptions options;
    private final BlockMaker maker;
    private final BlockSink sink;

    DirectoryBuilder(ImportOptions options, BlockMaker maker, BlockSink sink) {
        this.options = options;
        this.maker = maker;
        this.sink = sink;
    }

    /** A stored directory; {@code sharded} tells how it was laid out. */
    record Built(PbLink link, boolean sharded) {}

    /** Builds and stores the directory; entries carry their names, which must be unique. */
    Built build(List<PbLink> entries) {
        List<PbLink> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(PbLink::nameOrEmpty, NAME_ORDER));
        if (shouldShard(sorted)) {
            HamtBuilder hamt = new HamtBuilder(HamtBuckets.of(options.hamtFanout()), bytes -> store(bytes).cid());
            return new Built(hamt.build(sorted), true);
        }
        Block b = store(DagPb.encode(new PbNode(sorted, DIRECTORY_DATA)));
        long tsize = b.size();
        for (PbLink l : sorted) {
            tsize += l.tsize() == null ? 0 : l.tsize();
        }
        return new Built(new PbLink(b.cid(), null, tsize), false);
    }

    boolean shouldShard(List<PbLink> entries) {
        if (options.hamtThreshold() == 0) {
            return false;
        }
        return estimate(entries) > options.hamtThreshold();
    }

    /** boxo {@code estimatedSize} in the configured mode. */
    long estimate(List<PbLink> entries) {
        return switch (options.hamtSizeEstimation()) {
            case LINKS -> {
                long n = 0;
                for (PbLink l : entries) {
                    n += l.nameOrEmpty().getBytes(StandardCharsets.UTF_8).length + l.hash().size();
                }
                yield n;
            }
            case BLOCK -> DagPb.encodedSize(new PbNode(entries, DIRECTORY_DATA));
        };
    }

    private Block store(byte[] bytes) {
        Block b = maker.dagPb(bytes);
        sink.put(b);
        return b;
    }
}
