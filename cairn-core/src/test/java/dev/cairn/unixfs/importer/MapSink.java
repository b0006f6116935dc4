package dev.cairn.unixfs.importer;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.cid.Cid;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test sink keeping every block, plus a tiny independent DAG reader that checks the UnixFS file
 * invariants while it reassembles the bytes (it does not use the importer's code).
 */
final class MapSink implements BlockSink {
    final Map<Cid, byte[]> blocks = new LinkedHashMap<>();
    final List<Cid> order = new ArrayList<>();

    @Override
    public void put(Block block) {
        if (!block.cid().multihash().matches(block.data())) {
            throw new AssertionError("block does not match its CID: " + block.cid());
        }
        if (block.size() > Block.MAX_SIZE) {
            throw new AssertionError("block over 2 MiB: " + block.cid());
        }
        blocks.put(block.cid(), block.data());
        order.add(block.cid());
    }

    byte[] get(Cid cid) {
        byte[] b = blocks.get(cid);
        if (b == null) {
            throw new AssertionError("missing block " + cid);
        }
        return b;
    }

    PbNode node(Cid cid) {
        return DagPb.decode(get(cid));
    }

    UnixfsData data(Cid cid) {
        return UnixfsData.decode(node(cid).data());
    }

    /** Block length plus the Tsize of every link, checking each link's Tsize on the way. */
    long cumulativeSize(Cid cid) {
        byte[] b = get(cid);
        if (cid.codec() == Multicodec.RAW.code()) {
            return b.length;
        }
        long n = b.length;
        for (PbLink l : DagPb.decode(b).links()) {
            long child = cumulativeSize(l.hash());
            if (l.tsize() == null || l.tsize() != child) {
                throw new AssertionError("Tsize " + l.tsize() + " of link to " + l.hash() + " != " + child);
            }
            n += child;
        }
        return n;
    }

    /** The file bytes under {@code cid}, checking filesize/blocksizes and empty link names. */
    byte[] readFile(Cid cid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        readInto(cid, out);
        return out.toByteArray();
    }

    private void readInto(Cid cid, ByteArrayOutputStream out) {
        if (cid.codec() == Multicodec.RAW.code()) {
            out.writeBytes(get(cid));
            return;
        }
        PbNode n = node(cid);
        UnixfsData d = UnixfsData.decode(n.data());
        if (d.type() != DataType.FILE && d.type() != DataType.RAW) {
            throw new AssertionError("not a file node: " + d.type());
        }
        if (d.blocksizes().size() != n.links().size()) {
            throw new AssertionError("blocksizes " + d.blocksizes().size() + " != links " + n.links().size());
        }
        if (d.filesize() == null || d.filesize() != d.contentSize()) {
            throw new AssertionError("filesize " + d.filesize() + " != " + d.contentSize());
        }
        int before = out.size();
        if (d.data() != null) {
            out.writeBytes(d.data());
        }
        for (int i = 0; i < n.links().size(); i++) {
            PbLink l = n.links().get(i);
            if (!"".equals(l.name())) {
                throw new AssertionError("file link without Kubo's empty name: " + l.name());
            }
            int start = out.size();
            readInto(l.hash(), out);
            if (out.size() - start != d.blocksizes().get(i)) {
                throw new AssertionError("blocksizes[" + i + "] = " + d.blocksizes().get(i) + " but child has "
                        + (out.size() - start));
            }
        }
        if (out.size() - before != d.filesize()) {
            throw new AssertionError("filesize mismatch");
        }
    }

    /** Links of a directory, following HAMT shards (entry names without prefixes). */
    List<PbLink> listing(Cid dir) {
        List<PbLink> out = new ArrayList<>();
        PbNode n = node(dir);
        UnixfsData d = UnixfsData.decode(n.data());
        if (d.type() == DataType.DIRECTORY) {
            return n.links();
        }
        collectShard(n, out);
        return out;
    }

    private void collectShard(PbNode shard, List<PbLink> out) {
        for (PbLink l : shard.links()) {
            if (l.name().length() == 2) {
                collectShard(node(l.hash()), out);
            } else {
                out.add(new PbLink(l.hash(), l.name().substring(2), l.tsize()));
            }
        }
    }
}
