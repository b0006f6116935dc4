package dev.cairn.unixfs.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shapes of the balanced and trickle DAGs, as boxo builds them. */
class FileLayoutTest {
    private final MapSink sink = new MapSink();

    private Cid add(ImportOptions o, int bytes) throws IOException {
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        ImportedEntry e = new Importer(sink, o).addFile("f", new ByteArrayInputStream(data));
        assertThat(sink.readFile(e.cid())).isEqualTo(data);
        assertThat(sink.cumulativeSize(e.cid())).isEqualTo(e.size());
        return e.cid();
    }

    private static ImportOptions tiny(int maxLinks) {
        return ImportOptions.kubo().toBuilder().chunker("size-1").maxLinks(maxLinks).build();
    }

    private List<PbLink> links(Cid c) {
        return sink.node(c).links();
    }

    @Test
    void aSingleChunkFileIsJustItsLeaf() throws IOException {
        Cid root = add(tiny(174), 1);
        UnixfsData d = sink.data(root);
        assertThat(links(root)).isEmpty();
        assertThat(d.type()).isEqualTo(DataType.FILE);
        assertThat(d.filesize()).isEqualTo(1L);
    }

    @Test
    void exactlyMaxLinksChunksMakeOneLevel() throws IOException {
        Cid root = add(tiny(174), 174);
        assertThat(links(root)).hasSize(174);
        assertThat(links(root)).allMatch(l -> links(l.hash()).isEmpty());
        assertThat(sink.data(root).blocksizes()).hasSize(174).containsOnly(1L);
    }

    @Test
    void oneChunkMoreThanMaxLinksAddsADepthWithAOneLeafNode() throws IOException {
        Cid root = add(tiny(174), 175);
        List<PbLink> top = links(root);
        assertThat(top).hasSize(2);
        assertThat(links(top.get(0).hash())).hasSize(174);
        assertThat(links(top.get(1).hash())).hasSize(1);
        assertThat(sink.data(root).blocksizes()).containsExactly(174L, 1L);
    }

    @Test
    void pastTheSecondDepthBoundaryTheLastSubtreeIsAChainOfPartlyFilledNodes() throws IOException {
        Cid root = add(tiny(3), 3 * 3 + 1);
        List<PbLink> top = links(root);
        assertThat(top).hasSize(2);
        assertThat(links(top.get(0).hash())).hasSize(3).allMatch(l -> links(l.hash()).size() == 3);
        List<PbLink> chain = links(top.get(1).hash());
        assertThat(chain).hasSize(1);
        assertThat(links(chain.get(0).hash())).hasSize(1);
        assertThat(links(links(chain.get(0).hash()).get(0).hash())).isEmpty();
    }

    @Test
    void everyFileChunkLinkHasKubosEmptyName() throws IOException {
        Cid root = add(tiny(4), 10);
        assertThat(links(root)).extracting(PbLink::name).containsOnly("");
    }

    @Test
    void rawLeavesAreCidV1RawEvenUnderACidV0Root() throws IOException {
        Cid root = add(tiny(174).toBuilder().rawLeaves(true).build(), 3);
        assertThat(root.version()).isZero();
        assertThat(links(root)).allMatch(l -> l.hash().codec() == Multicodec.RAW.code() && l.hash().version() == 1);
    }

    @Test
    void trickleRootIsAFileNodeEvenForOneChunkAndItsLeavesAreTypeRaw() throws IOException {
        Cid root = add(tiny(174).toBuilder().trickle(true).build(), 1);
        assertThat(links(root)).hasSize(1);
        assertThat(sink.data(links(root).get(0).hash()).type()).isEqualTo(DataType.RAW);
        assertThat(sink.data(root).type()).isEqualTo(DataType.FILE);
    }

    @Test
    void trickleFillsLeavesThenFourSubtreesPerDepth() throws IOException {
        ImportOptions o = tiny(3).toBuilder().trickle(true).build();
        Cid full = add(o, 3 + 4 * 3);
        List<PbLink> top = links(full);
        assertThat(top).hasSize(7);
        assertThat(top.subList(0, 3)).allMatch(l -> links(l.hash()).isEmpty());
        assertThat(top.subList(3, 7)).allMatch(l -> links(l.hash()).size() == 3);

        Cid next = add(o, 3 + 4 * 3 + 1);
        List<PbLink> top2 = links(next);
        assertThat(top2).hasSize(8);
        assertThat(links(top2.get(7).hash())).hasSize(1);
    }

    @Test
    void trickleOfAnEmptyFileIsTheEmptyFileNode() throws IOException {
        Cid root = add(ImportOptions.kubo().toBuilder().trickle(true).build(), 0);
        assertThat(root.toString()).isEqualTo("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
    }

    @Test
    void childrenReachTheSinkBeforeTheirParents() throws IOException {
        add(tiny(3), 40);
        Set<Cid> seen = new HashSet<>();
        for (Cid c : sink.order) {
            if (c.codec() == Multicodec.DAG_PB.code()) {
                PbNode n = sink.node(c);
                assertThat(n.links()).allMatch(l -> seen.contains(l.hash()));
            }
            seen.add(c);
        }
    }

    @Test
    void inliningGivesIdentityCidsToSmallBlocksOnly() throws IOException {
        ImportOptions o = ImportOptions.kubo().toBuilder().chunker("size-10").maxLinks(174)
                .inline(true).inlineLimit(20).build();
        Cid root = add(o, 25);
        assertThat(links(root)).allMatch(l -> l.hash().isIdentity());
        assertThat(root.isIdentity()).isFalse();
        assertThat(root.version()).isZero();
    }
}
