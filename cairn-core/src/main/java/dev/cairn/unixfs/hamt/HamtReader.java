package dev.cairn.unixfs.hamt;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Murmur3;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Lookup and listing in a UnixFS HAMT sharded directory, fetching shard blocks from a
 * {@link BlockSource} only as they are needed.
 *
 * <p>Every shard is checked before use (Type=HAMTShard, murmur3 hash, a fanout {@link HamtBuckets}
 * accepts, the same fanout throughout, each link's prefix set in the bitfield) and listed entries
 * must hash to the bucket they sit in, so listing and lookup can never disagree about a name.
 * Entries are returned as {@link PbLink}s whose name is the entry name, prefix stripped.
 */
public final class HamtReader {
    private final BlockSource source;

    public HamtReader(BlockSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * What a lookup found, and every shard block it read to get there (root first, in order): a
     * CAR export of the path must carry these.
     */
    public record Lookup(Optional<PbLink> entry, List<Cid> shards) {
        public Lookup {
            shards = List.copyOf(shards);
        }
    }

    /** A shard node, validated. */
    private record Shard(Cid cid, List<PbLink> links, byte[] bitfield, HamtBuckets buckets) {}

    /**
     * Looks {@code name} up under the root shard {@code root} (its block already decoded by the
     * caller). Only the shards on the name's hash path are fetched.
     *
     * @throws CodecException when a shard on the path is malformed
     * @throws dev.cairn.block.BlockNotFoundException when a shard on the path is missing
     */
    public Lookup find(Cid root, PbNode rootNode, UnixfsData rootData, String name) {
        Shard shard = shard(root, rootNode, rootData, null);
        byte[] hash = Murmur3.hamtHash(name.getBytes(StandardCharsets.UTF_8));
        List<Cid> shards = new ArrayList<>();
        shards.add(root);
        for (int depth = 0; ; depth++) {
            int bucket = shard.buckets.bucket(hash, depth);
            if (!HamtBuckets.isSet(shard.bitfield, bucket)) {
                return new Lookup(Optional.empty(), shards);
            }
            Shard next = null;
            for (PbLink link : shard.links) {
                String linkName = link.nameOrEmpty();
                if (shard.buckets.bucketOfLinkName(linkName) != bucket) {
                    continue;
                }
                if (linkName.length() == shard.buckets.prefixLength()) {
                    next = fetch(link.hash(), shard.buckets);
                    break;
                }
                if (linkName.substring(shard.buckets.prefixLength()).equals(name)) {
                    return new Lookup(Optional.of(entry(link, shard.buckets)), shards);
                }
            }
            if (next == null) {
                return new Lookup(Optional.empty(), shards);
            }
            shards.add(next.cid);
            shard = next;
        }
    }

    /** Same as {@link #find(Cid, PbNode, UnixfsData, String)}, fetching the root too. */
    public Lookup find(Cid root, String name) {
        PbNode node = decode(root);
        return find(root, node, UnixfsData.decode(node.data()), name);
    }

    /**
     * Every entry under the root shard, in link order (depth-first through sub-shards), fetching
     * sub-shards lazily as the iteration reaches them. An entry name repeated within one shard is
     * returned once (first wins).
     */
    public Iterator<PbLink> entries(Cid root, PbNode rootNode, UnixfsData rootData) {
        return new Entries(shard(root, rootNode, rootData, null));
    }

    /** Every shard block of the directory (root first, depth-first), without the entries' blocks. */
    public List<Cid> shardCids(Cid root, PbNode rootNode, UnixfsData rootData) {
        record Pending(Shard shard, int depth) {}
        List<Cid> out = new ArrayList<>();
        ArrayDeque<Pending> todo = new ArrayDeque<>();
        todo.push(new Pending(shard(root, rootNode, rootData, null), 0));
        while (!todo.isEmpty()) {
            Pending p = todo.pop();
            out.add(p.shard.cid);
            List<PbLink> subShards = p.shard.links.stream()
                    .filter(l -> l.nameOrEmpty().length() == p.shard.buckets.prefixLength()).toList();
            for (int i = subShards.size() - 1; i >= 0; i--) {
                checkDepth(p.shard.buckets, p.depth + 1, subShards.get(i).hash());
                todo.push(new Pending(fetch(subShards.get(i).hash(), p.shard.buckets), p.depth + 1));
            }
        }
        return out;
    }

    /** A shard at {@code depth} needs hash bits the 64-bit murmur3 hash does not have. */
    private static void checkDepth(HamtBuckets buckets, int depth, Cid cid) {
        if ((long) depth * Integer.numberOfTrailingZeros(buckets.fanout()) >= 64) {
            throw new CodecException("unixfs: HAMT deeper than its 64-bit hash allows at " + cid);
        }
    }

    private final class Entries implements Iterator<PbLink> {
        private final ArrayDeque<Frame> stack = new ArrayDeque<>();
        private PbLink next;

        private record Frame(Shard shard, int depth, int[] index, Set<String> seen) {}

        Entries(Shard root) {
            stack.push(new Frame(root, 0, new int[1], new HashSet<>()));
        }

        @Override
        public boolean hasNext() {
            while (next == null && !stack.isEmpty()) {
                Frame f = stack.peek();
                if (f.index[0] >= f.shard.links.size()) {
                    stack.pop();
                    continue;
                }
                PbLink link = f.shard.links.get(f.index[0]++);
                HamtBuckets b = f.shard.buckets;
                String linkName = link.nameOrEmpty();
                int bucket = b.bucketOfLinkName(linkName);
                if (linkName.length() == b.prefixLength()) {
                    checkDepth(b, f.depth + 1, link.hash());
                    stack.push(new Frame(fetch(link.hash(), b), f.depth + 1, new int[1], new HashSet<>()));
                    continue;
                }
                PbLink e = entry(link, b);
                if (b.bucket(e.name(), f.depth) != bucket) {
                    throw new CodecException("unixfs: HAMT entry '" + e.name() + "' in " + f.shard.cid
                            + " sits in bucket " + b.prefix(bucket) + " but does not hash there");
                }
                if (f.seen.add(e.name())) {
                    next = e;
                }
            }
            return next != null;
        }

        @Override
        public PbLink next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            PbLink e = next;
            next = null;
            return e;
        }
    }

    private static PbLink entry(PbLink link, HamtBuckets buckets) {
        return new PbLink(link.hash(), link.nameOrEmpty().substring(buckets.prefixLength()), link.tsize());
    }

    private PbNode decode(Cid cid) {
        if (cid.codec() != Multicodec.DAG_PB.code()) {
            throw new CodecException("unixfs: HAMT shard " + cid + " is not dag-pb");
        }
        return DagPb.decode(source.require(cid));
    }

    private Shard fetch(Cid cid, HamtBuckets parent) {
        PbNode node = decode(cid);
        UnixfsData data;
        try {
            data = UnixfsData.decode(node.data());
        } catch (CodecException e) {
            throw new CodecException("unixfs: HAMT sub-shard " + cid + " is not UnixFS: " + e.getMessage(), e);
        }
        return shard(cid, node, data, parent);
    }

    private static Shard shard(Cid cid, PbNode node, UnixfsData data, HamtBuckets parent) {
        if (data.type() != DataType.HAMT_SHARD) {
            throw new CodecException("unixfs: " + cid + " is a " + data.type() + ", not a HAMT shard");
        }
        if (data.hashType() == null || data.hashType() != HamtBuckets.MURMUR3_X64_64) {
            throw new CodecException("unixfs: HAMT " + cid + " uses hash " + data.hashType() + ", only murmur3-x64-64 (0x22) is supported");
        }
        if (data.fanout() == null) {
            throw new CodecException("unixfs: HAMT " + cid + " has no fanout");
        }
        HamtBuckets buckets = HamtBuckets.of(data.fanout());
        if (parent != null && parent.fanout() != buckets.fanout()) {
            throw new CodecException("unixfs: HAMT sub-shard " + cid + " has fanout " + buckets.fanout()
                    + " under a shard with fanout " + parent.fanout());
        }
        byte[] bitfield = data.data() == null ? new byte[0] : data.data();
        if (bitfield.length > buckets.fanout() / 8) {
            // shorter is fine: old go-unixfs wrote the bitfield as a big.Int without leading zeros
            throw new CodecException("unixfs: HAMT " + cid + " bitfield is " + bitfield.length + " bytes, more than fanout/8");
        }
        for (PbLink link : node.links()) {
            int bucket = buckets.bucketOfLinkName(link.nameOrEmpty());
            if (!HamtBuckets.isSet(bitfield, bucket)) {
                throw new CodecException("unixfs: HAMT " + cid + " links bucket " + buckets.prefix(bucket)
                        + " which its bitfield does not set");
            }
        }
        return new Shard(cid, node.links(), bitfield, buckets);
    }
}
