package dev.cairn.dagpb;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import dev.cairn.protobuf.ProtoReader;
import dev.cairn.protobuf.ProtoWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encoder and strict decoder for dag-pb blocks. */
public final class DagPb {
    private DagPb() {}

    /** Canonical bytes of {@code node}: links in the order given, then data. */
    public static byte[] encode(PbNode node) {
        return encode(node, FieldOrder.LINKS_FIRST);
    }

    /** Bytes of {@code node} with its fields in {@code order}; links keep the order given. */
    public static byte[] encode(PbNode node, FieldOrder order) {
        ProtoWriter w = new ProtoWriter(encodedSize(node));
        if (order == FieldOrder.DATA_FIRST && node.data() != null) {
            w.bytes(1, node.data());
        }
        for (PbLink link : node.links()) {
            w.bytes(2, encodeLink(link));
        }
        if (order == FieldOrder.LINKS_FIRST && node.data() != null) {
            w.bytes(1, node.data());
        }
        return w.toByteArray();
    }

    private static byte[] encodeLink(PbLink link) {
        ProtoWriter w = new ProtoWriter(linkSize(link));
        w.bytes(1, link.hash().bytes());
        if (link.name() != null) {
            w.string(2, link.name());
        }
        if (link.tsize() != null) {
            w.uint64(3, link.tsize());
        }
        return w.toByteArray();
    }

    /** Serialized size of a link's body (without its field tag and length). */
    public static int linkSize(PbLink link) {
        int n = ProtoWriter.lengthDelimitedSize(1, link.hash().size());
        if (link.name() != null) {
            n += ProtoWriter.lengthDelimitedSize(2, link.name().getBytes(StandardCharsets.UTF_8).length);
        }
        if (link.tsize() != null) {
            n += ProtoWriter.uint64Size(3, link.tsize());
        }
        return n;
    }

    /** Exact serialized size of {@code node}, without encoding it. */
    public static int encodedSize(PbNode node) {
        int n = 0;
        for (PbLink l : node.links()) {
            n += ProtoWriter.lengthDelimitedSize(2, linkSize(l));
        }
        if (node.data() != null) {
            n += ProtoWriter.lengthDelimitedSize(1, node.data().length);
        }
        return n;
    }

    /**
     * Strictly decodes a dag-pb block, following the spec's "Protobuf Strictness" rules: only
     * fields 1 (Data) and 2 (Links), both length-delimited; at most one Data; the Links one
     * contiguous run, before or after Data (either order exists in the wild, IPIP-550), never
     * split by it; every link with a Hash that is a CID and its fields in order 1-2-3, once each.
     */
    public static PbNode decode(byte[] bytes) {
        View v = decodeView(ByteBuffer.wrap(bytes));
        return new PbNode(v.links(), v.hasData()
                ? java.util.Arrays.copyOfRange(bytes, v.dataOffset(), v.dataOffset() + v.dataLength()) : null);
    }

    /**
     * A node decoded as strictly as by {@link #decode}, its Data left where it is in {@code block}
     * (a file leaf's Data is most of the block: streaming readers need not copy it).
     *
     * @param block the block decoded, by absolute index (its position and limit are not changed)
     * @param dataOffset where the Data bytes start in {@code block}; -1 when there is no Data field
     */
    public record View(List<PbLink> links, ByteBuffer block, int dataOffset, int dataLength) {
        public boolean hasData() {
            return dataOffset >= 0;
        }
    }

    /**
     * The links of a dag-pb node, checked exactly as {@link #decode} checks them, without copying
     * the Data field: what walkers need (a file leaf's Data is most of the block).
     *
     * @throws CodecException when {@code bytes} is not a valid dag-pb node
     */
    public static List<PbLink> links(byte[] bytes) {
        return decodeView(bytes).links();
    }

    /** {@link #decode} without copying the Data bytes out of {@code bytes}. */
    public static View decodeView(byte[] bytes) {
        return decodeView(ByteBuffer.wrap(bytes));
    }

    /**
     * {@link #decode} of {@code block[0, limit)} without copying the Data bytes: the block may be a
     * read-only view of stored bytes (a mapped pack file), its Data then sent from where it lies.
     */
    public static View decodeView(ByteBuffer bytes) {
        ProtoReader r = new ProtoReader(bytes, 0, bytes.limit());
        List<PbLink> links = new ArrayList<>();
        int dataOffset = -1;
        int dataLength = 0;
        boolean linksBeforeData = false;
        while (r.next()) {
            int field = r.field();
            if (field != 1 && field != 2) {
                throw new CodecException("dag-pb: unknown PBNode field " + field
                        + " (only 1 = Data and 2 = Links exist)");
            }
            if (r.wireType() != ProtoReader.LEN) {
                throw new CodecException("dag-pb: PBNode " + (field == 1 ? "Data" : "Links")
                        + " has wire type " + r.wireType() + ", expected 2 (length-delimited)");
            }
            if (field == 1) {
                if (dataOffset >= 0) {
                    throw new CodecException("dag-pb: duplicate Data field");
                }
                dataLength = r.lengthPrefix();
                dataOffset = r.lastStart();
                linksBeforeData = !links.isEmpty();
            } else {
                if (linksBeforeData) {
                    throw new CodecException("dag-pb: Links split by Data (Links, Data, Links)");
                }
                int len = r.lengthPrefix();
                try {
                    links.add(decodeLink(bytes, r.lastStart(), len));
                } catch (CodecException e) {
                    throw new CodecException("dag-pb: link " + links.size() + ": " + e.getMessage(), e);
                }
            }
        }
        return new View(List.copyOf(links), bytes, dataOffset, dataLength);
    }

    private static final String[] LINK_FIELDS = {null, "Hash", "Name", "Tsize"};

    private static PbLink decodeLink(ByteBuffer buf, int off, int len) {
        ProtoReader r = new ProtoReader(buf, off, len);
        Cid hash = null;
        String name = null;
        Long tsize = null;
        int last = 0;
        while (r.next()) {
            int f = r.field();
            if (f < 1 || f > 3) {
                throw new CodecException("unknown PBLink field " + f + " (only 1 = Hash, 2 = Name, 3 = Tsize exist)");
            }
            if (f == last) {
                throw new CodecException("duplicate PBLink " + LINK_FIELDS[f]);
            }
            if (f < last) {
                throw new CodecException("PBLink " + LINK_FIELDS[f] + " after " + LINK_FIELDS[last]
                        + " (fields must be in order Hash, Name, Tsize)");
            }
            last = f;
            int expected = f == 3 ? ProtoReader.VARINT : ProtoReader.LEN;
            if (r.wireType() != expected) {
                throw new CodecException("PBLink " + LINK_FIELDS[f] + " has wire type " + r.wireType()
                        + ", expected " + expected);
            }
            switch (f) {
                case 1 -> {
                    try {
                        hash = Cid.fromBytes(r.bytes());
                    } catch (CodecException e) {
                        throw new CodecException("Hash is not a CID: " + e.getMessage(), e);
                    }
                }
                case 2 -> name = r.string();
                default -> {
                    tsize = r.uint64();
                    if (tsize < 0) {
                        throw new CodecException("Tsize " + Long.toUnsignedString(tsize) + " exceeds 2^63-1");
                    }
                }
            }
        }
        if (hash == null) {
            throw new CodecException("link without Hash");
        }
        return new PbLink(hash, name, tsize);
    }
}
