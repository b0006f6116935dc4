package dev.cairn.dagpb;

import dev.cairn.cid.Cid;
import dev.cairn.multiformats.CodecException;
import dev.cairn.protobuf.ProtoReader;
import dev.cairn.protobuf.ProtoWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encoder and strict decoder for dag-pb blocks. */
public final class DagPb {
    private DagPb() {}

    /** Canonical bytes of {@code node}: links in the order given, then data. */
    public static byte[] encode(PbNode node) {
        ProtoWriter w = new ProtoWriter(encodedSize(node));
        for (PbLink link : node.links()) {
            w.bytes(2, encodeLink(link));
        }
        if (node.data() != null) {
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

    /** Strictly decodes a dag-pb block. */
    public static PbNode decode(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        List<PbLink> links = new ArrayList<>();
        byte[] data = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> {
                    if (data != null) {
                        throw new CodecException("dag-pb: duplicate Data field");
                    }
                    r.expect(ProtoReader.LEN);
                    data = r.bytes();
                }
                case 2 -> {
                    if (data != null) {
                        throw new CodecException("dag-pb: Links after Data");
                    }
                    r.expect(ProtoReader.LEN);
                    int len = r.lengthPrefix();
                    links.add(decodeLink(bytes, r.lastStart(), len));
                }
                default -> throw new CodecException("dag-pb: unknown PBNode field " + r.field());
            }
        }
        return new PbNode(links, data);
    }

    private static PbLink decodeLink(byte[] buf, int off, int len) {
        ProtoReader r = new ProtoReader(buf, off, len);
        Cid hash = null;
        String name = null;
        Long tsize = null;
        int last = 0;
        while (r.next()) {
            int f = r.field();
            if (f <= last) {
                throw new CodecException("dag-pb: PBLink fields out of order or duplicated (field " + f + ")");
            }
            last = f;
            switch (f) {
                case 1 -> {
                    r.expect(ProtoReader.LEN);
                    try {
                        hash = Cid.fromBytes(r.bytes());
                    } catch (CodecException e) {
                        throw new CodecException("dag-pb: link hash is not a CID: " + e.getMessage(), e);
                    }
                }
                case 2 -> {
                    r.expect(ProtoReader.LEN);
                    name = r.string();
                }
                case 3 -> {
                    tsize = r.uint64();
                    if (tsize < 0) {
                        throw new CodecException("dag-pb: Tsize exceeds 2^63");
                    }
                }
                default -> throw new CodecException("dag-pb: unknown PBLink field " + f);
            }
        }
        if (hash == null) {
            throw new CodecException("dag-pb: link without Hash");
        }
        return new PbLink(hash, name, tsize);
    }
}
