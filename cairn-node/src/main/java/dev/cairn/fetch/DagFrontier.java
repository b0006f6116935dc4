package dev.cairn.fetch;

import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.cid.CidPolicy;
import dev.cairn.dag.Links;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.UnsupportedCodecException;
import dev.cairn.multiformats.UnsupportedHashException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The edge of what is known of a DAG during a fetch: blocks seen (present locally or received)
 * and the missing blocks whose parents are known. Only CIDs are held, never block bytes, so a
 * large DAG costs memory per block, not per byte.
 *
 * <p>Missing blocks are matched by multihash, as stores key them: a source may name the bytes we
 * want as CIDv1 where the DAG links them as CIDv0. Every CID is checked against
 * {@link CidPolicy#standard()} when discovered, so a DAG that links to a hash or codec Cairn
 * cannot verify or walk fails at once, before anything is asked for it.
 */
final class DagFrontier {
    /** Told about each block found already stored. */
    interface PresentListener {
        void present(Cid cid, byte[] data);
    }

    private final BlockSource local;
    private final PresentListener onPresent;
    private final Set<Cid> known = new HashSet<>();
    private final Map<Multihash, Cid> missing = new LinkedHashMap<>();
    private Cid root;
    private long dagSize = -1;

    DagFrontier(BlockSource local, PresentListener onPresent) {
        this.local = local;
        this.onPresent = onPresent;
    }

    /** Starts from {@code root}: walks what is local under it and records what is missing. */
    void start(Cid root) throws FetchException {
        check(root);
        this.root = root;
        known.add(root);
        Optional<byte[]> data = root.isIdentity() ? Optional.of(root.multihash().digest()) : local.get(root);
        if (data.isEmpty()) {
            missing.put(root.multihash(), root);
            return;
        }
        dagSize = cumulativeSize(root, data.get());
        if (!root.isIdentity()) {
            onPresent.present(root, data.get());
        }
        walk(root, data.get());
    }

    /** The missing CID whose bytes are named by {@code multihash}, if one is wanted. */
    Optional<Cid> wanted(Multihash multihash) {
        return Optional.ofNullable(missing.get(multihash));
    }

    /** A verified block of a wanted CID arrived: it is no longer missing, its links are explored. */
    void arrived(Cid cid, byte[] data) throws FetchException {
        missing.remove(cid.multihash());
        if (cid.equals(root)) {
            dagSize = cumulativeSize(cid, data);
        }
        walk(cid, data);
    }

    boolean complete() {
        return missing.isEmpty();
    }

    /** Up to {@code n} missing blocks, oldest (closest to the root) first. */
    List<Cid> missingInOrder(int n) {
        return missing.values().stream().limit(n).toList();
    }

    int missingCount() {
        return missing.size();
    }

    /** The root's cumulative size when it is dag-pb and known, else -1. */
    long dagSize() {
        return dagSize;
    }

    private void walk(Cid from, byte[] fromData) throws FetchException {
        Deque<Cid> work = new ArrayDeque<>(links(from, fromData));
        while (!work.isEmpty()) {
            Cid cid = work.pop();
            check(cid);
            if (!known.add(cid)) {
                continue;
            }
            if (cid.isIdentity()) {
                work.addAll(links(cid, cid.multihash().digest()));
                continue;
            }
            if (missing.containsKey(cid.multihash())) {
                // Same bytes under another CID (v0/v1); its links are explored when they arrive.
                continue;
            }
            Optional<byte[]> data = local.get(cid);
            if (data.isPresent()) {
                onPresent.present(cid, data.get());
                work.addAll(links(cid, data.get()));
            } else {
                missing.put(cid.multihash(), cid);
            }
        }
    }

    private static List<Cid> links(Cid cid, byte[] data) throws FetchException {
        try {
            return Links.of(cid, data);
        } catch (UnsupportedCodecException e) {
            throw new FetchException("the DAG contains a block Cairn cannot walk: " + e.getMessage(), false, e);
        } catch (CodecException e) {
            throw new FetchException("block " + cid + " is verified but does not decode as "
                    + Multicodec.nameOf(cid.codec()) + ": " + e.getMessage(), false, e);
        }
    }

    private static void check(Cid cid) throws FetchException {
        try {
            CidPolicy.standard().check(cid);
        } catch (UnsupportedHashException | UnsupportedCodecException e) {
            throw new FetchException(e.getMessage(), false, e);
        }
    }

    /** Sum of the link Tsizes plus the block's own size, for a dag-pb block; else -1. */
    static long cumulativeSize(Cid cid, byte[] data) {
        if (cid.codec() != Multicodec.DAG_PB.code()) {
            return cid.codec() == Multicodec.RAW.code() ? data.length : -1;
        }
        try {
            long total = data.length;
            for (PbLink link : DagPb.decode(data).links()) {
                if (link.tsize() == null) {
                    return -1;
                }
                total += link.tsize();
            }
            return total;
        } catch (CodecException e) {
            return -1;
        }
    }
}
