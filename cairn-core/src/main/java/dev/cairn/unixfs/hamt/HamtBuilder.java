package dev.cairn.unixfs.hamt;

import dev.cairn.cid.Cid;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.Murmur3;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the canonical HAMT for a set of directory entries, the shape boxo's {@code hamt.Shard}
 * reaches after inserting them in any order (Kubo never deletes during an import): at each level a
 * bucket holding one entry links it directly as {@code <HEX><name>}, a bucket holding several
 * becomes a sub-shard linked as the bare {@code <HEX>}.
 *
 * <p>Shard nodes carry {@code Type=HAMTShard, Data=bitfield, hashType=0x22, fanout} and nothing
 * else (no filesize, no mode), like boxo {@code HAMTShardData}; the bitfield has its leading zero
 * bytes removed, as go-bitfield writes it. Link Tsize is cumulative: an
 * entry keeps the Tsize it was given, a sub-shard's is its block size plus its links' Tsizes.
 */
public final class HamtBuilder {
    private final HamtBuckets buckets;
    private final Function<byte[], Cid> store;

    /**
     * @param store writes one serialized dag-pb shard block and returns its CID (the caller decides
     *              the CID version and whether small blocks are inlined)
     */
    public HamtBuilder(HamtBuckets buckets, Function<byte[], Cid> store) {
        this.buckets = buckets;
        this.store = store;
    }

    /**
     * Builds and stores every shard; returns a link (no name) to the root shard with its
     * cumulative size as Tsize.
     *
     * @param entries directory entries; names must be present and unique
     */
    public PbLink build(Collection<PbLink> entries) {
        List<Entry> hashed = new ArrayList<>(entries.size());
        Set<String> seen = new HashSet<>();
        for (PbLink l : entries) {
            if (l.name() == null || !seen.add(l.name())) {
                throw new IllegalArgumentException("HAMT entries need unique names, got '" + l.name() + "'");
            }
            hashed.add(new Entry(l, Murmur3.hamtHash(l.name().getBytes(StandardCharsets.UTF_8))));
        }
        return shard(hashed, 0);
    }

    private PbLink shard(List<Entry> entries, int depth) {
        int fanout = buckets.fanout();
        @SuppressWarnings("unchecked")
        List<Entry>[] byBucket = new List[fanout];
        for (Entry e : entries) {
            int b = buckets.bucket(e.hash, depth);
            if (byBucket[b] == null) {
                byBucket[b] = new ArrayList<>(1);
            }
            byBucket[b].add(e);
        }
        boolean[] occupied = new boolean[fanout];
        List<PbLink> links = new ArrayList<>();
        long childSizes = 0;
        for (int b = 0; b < fanout; b++) {
            List<Entry> inBucket = byBucket[b];
            if (inBucket == null) {
                continue;
            }
            occupied[b] = true;
            PbLink link;
            if (inBucket.size() == 1) {
                PbLink entry = inBucket.get(0).link;
                link = new PbLink(entry.hash(), buckets.prefix(b) + entry.name(), entry.tsize());
            } else {
                PbLink sub = shard(inBucket, depth + 1);
                link = new PbLink(sub.hash(), buckets.prefix(b), sub.tsize());
            }
            childSizes += link.tsize() == null ? 0 : link.tsize();
            links.add(link);
        }
        byte[] data = new UnixfsData(DataType.HAMT_SHARD, minimal(buckets.bitfield(occupied)), null, List.of(),
                HamtBuckets.MURMUR3_X64_64, (long) fanout, null, null).encode();
        byte[] block = DagPb.encode(new PbNode(links, data));
        return new PbLink(store.apply(block), null, block.length + childSizes);
    }

    /**
     * boxo writes the bitfield with go-bitfield's {@code Bytes()}, which drops leading zero bytes
     * (the big.Int heritage): a sub-shard using only low buckets has a short bitfield. The fixture's
     * sub-shards are encoded this way and their CIDs depend on it.
     */
    static byte[] minimal(byte[] bitfield) {
        int i = 0;
        while (i < bitfield.length && bitfield[i] == 0) {
            i++;
        }
        return i == bitfield.length ? null : java.util.Arrays.copyOfRange(bitfield, i, bitfield.length);
    }

    private record Entry(PbLink link, byte[] hash) {}
}
