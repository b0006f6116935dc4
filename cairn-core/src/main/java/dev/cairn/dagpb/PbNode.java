package dev.cairn.dagpb;

import java.util.List;

/** A dag-pb node: links and optional data (null when the Data field is absent). */
public record PbNode(List<PbLink> links, byte[] data) {
    public PbNode {
        links = List.copyOf(links);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PbNode n && links.equals(n.links) && java.util.Arrays.equals(data, n.data);
    }

    @Override
    public int hashCode() {
        return links.hashCode() * 31 + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "PbNode[" + links.size() + " links, " + (data == null ? "no data" : data.length + " data bytes") + "]";
    }
}
