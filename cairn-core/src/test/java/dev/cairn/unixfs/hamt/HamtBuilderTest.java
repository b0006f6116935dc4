package dev.cairn.unixfs.hamt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.testing.FixtureCars;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HamtBuilderTest {
    private static final Cid FIXTURE_ROOT = Cid.parse("bafybeidbclfqleg2uojchspzd4bob56dqetqjsj27gy2cq3klkkgxtpn4i");

    private final Map<Cid, byte[]> fixture = new HashMap<>();
    private final Map<Cid, byte[]> built = new HashMap<>();

    HamtBuilderTest() {
        for (Block b : FixtureCars.blocks(FixtureCars.fixture(
                "trustless_gateway_car/single-layer-hamt-with-multi-block-files.car"))) {
            fixture.put(b.cid(), b.data());
        }
    }

    private Cid store(byte[] block) {
        Cid cid = Cid.v1(Multicodec.DAG_PB, Multihash.sha256(block));
        built.put(cid, block);
        return cid;
    }

    /** Entry links of the fixture HAMT, found by walking its shards (names without prefixes). */
    private List<PbLink> fixtureEntries(Cid shard) {
        List<PbLink> out = new ArrayList<>();
        for (PbLink l : DagPb.decode(fixture.get(shard)).links()) {
            if (l.name().length() == 2) {
                out.addAll(fixtureEntries(l.hash()));
            } else {
                out.add(new PbLink(l.hash(), l.name().substring(2), l.tsize()));
            }
        }
        return out;
    }

    @Test
    void rebuildingTheKuboFixtureFromItsEntriesGivesItsRootCidAndEveryShardBlock() {
        List<PbLink> entries = fixtureEntries(FIXTURE_ROOT);
        assertThat(entries).hasSizeGreaterThan(252);

        PbLink root = new HamtBuilder(HamtBuckets.of(256), this::store).build(entries);

        assertThat(root.hash()).isEqualTo(FIXTURE_ROOT);
        assertThat(built).hasSizeGreaterThan(1);
        built.forEach((cid, bytes) -> assertThat(fixture.get(cid)).as("shard %s", cid).isEqualTo(bytes));
    }

    @Test
    void entryOrderDoesNotChangeTheHamt() {
        List<PbLink> entries = fixtureEntries(FIXTURE_ROOT);
        long seed = new Random().nextLong();
        Collections.shuffle(entries, new Random(seed));
        PbLink root = new HamtBuilder(HamtBuckets.of(256), this::store).build(entries);
        assertThat(root.hash()).as("seed %d", seed).isEqualTo(FIXTURE_ROOT);
    }

    @Test
    void rootTsizeIsTheCumulativeSizeOfAllShardsAndEntries() {
        List<PbLink> entries = fixtureEntries(FIXTURE_ROOT);
        PbLink root = new HamtBuilder(HamtBuckets.of(256), this::store).build(entries);
        long shardBytes = built.values().stream().mapToLong(b -> b.length).sum();
        long entryTsizes = entries.stream().mapToLong(PbLink::tsize).sum();
        assertThat(root.tsize()).isEqualTo(shardBytes + entryTsizes);
    }

    @Test
    void shardNodesCarryTypeBitfieldHashTypeAndFanoutOnly() {
        PbLink root = new HamtBuilder(HamtBuckets.of(256), this::store)
                .build(List.of(new PbLink(FIXTURE_ROOT, "a", 1L), new PbLink(FIXTURE_ROOT, "b", 1L)));
        UnixfsData d = UnixfsData.decode(DagPb.decode(built.get(root.hash())).data());
        assertThat(d.type()).isEqualTo(DataType.HAMT_SHARD);
        assertThat(d.hashType()).isEqualTo(0x22L);
        assertThat(d.fanout()).isEqualTo(256L);
        assertThat(d.filesize()).isNull();
        assertThat(d.mode()).isNull();
        assertThat(d.data()).isNotEmpty();
        PbNode n = DagPb.decode(built.get(root.hash()));
        assertThat(n.links()).extracting(PbLink::name).allMatch(name -> name.length() >= 2);
    }

    @Test
    void bitfieldLosesItsLeadingZeroBytesAsGoBitfieldWritesIt() {
        assertThat(HamtBuilder.minimal(new byte[] {0, 0, 4, 0})).containsExactly(4, 0);
        assertThat(HamtBuilder.minimal(new byte[] {1, 0})).containsExactly(1, 0);
    }

    @Test
    void duplicateOrMissingNamesAreRefused() {
        HamtBuilder b = new HamtBuilder(HamtBuckets.of(256), this::store);
        assertThatThrownBy(() -> b.build(List.of(new PbLink(FIXTURE_ROOT, "a", 1L), new PbLink(FIXTURE_ROOT, "a", 2L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> b.build(List.of(new PbLink(FIXTURE_ROOT, null, 1L))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
