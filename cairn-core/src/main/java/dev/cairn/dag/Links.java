package dev.cairn.dag;

import dev.cairn.cid.Cid;
import dev.cairn.dagcbor.DagCbor;
import dev.cairn.dagjson.DagJson;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.UnsupportedCodecException;
import java.util.List;

/** The CIDs a block links to, decided by its CID's codec. */
public final class Links {
    private Links() {}

    /**
     * Links of {@code data} (the bytes of {@code cid}) in block order, duplicates kept: dag-pb
     * {@code Links} in order; dag-cbor tag-42 CIDs and dag-json {@code {"/": "cid"}} objects in
     * encounter order; none for raw and for the link-free codecs cbor, json and libp2p-key.
     *
     * @throws dev.cairn.multiformats.CodecException when the block does not decode
     * @throws UnsupportedCodecException for a codec Cairn cannot read links from (e.g. git-raw)
     */
    public static List<Cid> of(Cid cid, byte[] data) {
        long codec = cid.codec();
        if (codec == Multicodec.DAG_PB.code()) {
            return DagPb.links(data).stream().map(PbLink::hash).toList();
        }
        if (codec == Multicodec.DAG_CBOR.code()) {
            return DagCbor.links(data);
        }
        if (codec == Multicodec.DAG_JSON.code()) {
            return DagJson.links(data);
        }
        if (codec == Multicodec.RAW.code() || codec == Multicodec.CBOR.code()
                || codec == Multicodec.JSON.code() || codec == Multicodec.LIBP2P_KEY.code()) {
            return List.of();
        }
        throw new UnsupportedCodecException(codec, "cannot read links of " + Multicodec.nameOf(codec) + " block " + cid);
    }
}
