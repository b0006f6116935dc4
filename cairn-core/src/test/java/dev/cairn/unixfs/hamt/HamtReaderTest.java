package dev.cairn.unixfs.hamt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * HAMT lookup and listing over shards built by hand with {@link HamtBuckets} (the layout itself is
 * checked against Kubo's fixture in the reader's tests), plus malformed shards.
 */
class HamtReaderTest {
    private static final long SEED = 0x4A37L;

    private final Map<Cid, byte[]> store = new HashMap<>();
    private final List<Cid> gets = new ArrayList<>();
    private final BlockSource source = cid -> {
        gets.add(cid);
        return Optional.ofNullable(store.get(cid));
    };
    private final HamtReader reader = new HamtReader(source);

    private Cid put(PbNode node) {
        Block b = Block.of(Multicodec.DAG_PB, DagPb.encode(node));
        store.put(b.cid(), b.data());
        return b.cid();
    }

    private static UnixfsData shardData(byte[] bitfield, long fanout) {
        return new UnixfsData(DataType.HAMT_SHARD, bitfield, null, List.of(), HamtBuckets.MURMUR3_X64_64, fanout, null, null);
    }

    /** A minimal HAMT writer: one entry per bucket, a sub-shard where names collide. Returns shard CIDs by depth. */
    private Cid shard(Map<String, Cid> entries, HamtBuckets b, int depth, Map<String, Integer> depthOf) {
        TreeMap<Integer, Map<String, Cid>> byBucket = new TreeMap<>();
        entries.forEach((name, cid) -> byBucket.computeIfAbsent(b.bucket(name, depth), k -> new TreeMap<>()).put(name, cid));
        boolean[] occupied = new boolean[b.fanout()];
        List<PbLink> links = new ArrayList<>();
        byBucket.forEach((bucket, names) -> {
            occupied[bucket] = true;
            if (names.size() == 1) {
                var e = names.entrySet().iterator().next();
                links.add(new PbLink(e.getValue(), b.prefix(bucket) + e.getKey(), 1L));
                depthOf.put(e.getKey(), depth);
            } else {
                links.add(new PbLink(shard(names, b, depth + 1, depthOf), b.prefix(bucket), 1L));
            }
        });
        return put(new PbNode(links, shardData(b.bitfield(occupied), b.fanout()).encode()));
    }

    @Test
    void randomHamtsFindEveryNameReadingOneShardPerLevelAndListEveryName() {
        Random seeds = new Random(SEED);
        for (int round = 0; round < 60; round++) {
            long seed = seeds.nextLong();
            Random rnd = new Random(seed);
            HamtBuckets b = HamtBuckets.of(new int[] {8, 16, 64, 256}[rnd.nextInt(4)]);
            Map<String, Cid> entries = new LinkedHashMap<>();
            int n = 1 + rnd.nextInt(400);
            for (int i = 0; i < n; i++) {
                String name = "f" + rnd.nextInt(100_000) + (rnd.nextBoolean() ? ".txt" : "é");
                entries.put(name, Block.of(Multicodec.RAW, name.getBytes(StandardCharsets.UTF_8)).cid());
            }
            Map<String, Integer> depthOf = new HashMap<>();
            Cid root = shard(entries, b, 0, depthOf);
            for (var e : entries.entrySet()) {
                gets.clear();
                HamtReader.Lookup found = reader.find(root, e.getKey());
                assertThat(found.entry()).as("seed %d name %s", seed, e.getKey())
                        .contains(new PbLink(e.getValue(), e.getKey(), 1L));
                assertThat(found.shards()).as("seed %d", seed).hasSize(depthOf.get(e.getKey()) + 1).isEqualTo(gets);
            }
            for (int i = 0; i < 20; i++) {
                String absent = "absent" + rnd.nextInt();
                assertThat(reader.find(root, absent).entry()).as("seed %d", seed).isEmpty();
            }
            PbNode rootNode = DagPb.decode(store.get(root));
            Set<String> listed = new HashSet<>();
            Iterator<PbLink> it = reader.entries(root, rootNode, UnixfsData.decode(rootNode.data()));
            it.forEachRemaining(l -> listed.add(l.name()));
            assertThat(listed).as("seed %d", seed).isEqualTo(entries.keySet());
        }
    }

    @Test
    void fanoutAboveTheCapIsRefused() {
        Cid root = put(new PbNode(List.of(), shardData(new byte[256], 2048).encode()));
        assertThatThrownBy(() -> reader.find(root, "a")).isInstanceOf(CodecException.class).hasMessageContaining("fanout");
    }

    @Test
    void hashOtherThanMurmur3IsRefused() {
        UnixfsData d = new UnixfsData(DataType.HAMT_SHARD, new byte[32], null, List.of(), 0x12L, 256L, null, null);
        Cid root = put(new PbNode(List.of(), d.encode()));
        assertThatThrownBy(() -> reader.find(root, "a")).isInstanceOf(CodecException.class).hasMessageContaining("murmur3");
    }

    @Test
    void linkInABucketTheBitfieldDoesNotSetIsRefused() {
        HamtBuckets b = HamtBuckets.of(256);
        Cid file = Block.of(Multicodec.RAW, new byte[] {1}).cid();
        int bucket = b.bucket("a", 0);
        Cid root = put(new PbNode(List.of(new PbLink(file, b.prefix(bucket) + "a", 1L)),
                shardData(b.bitfield(new boolean[256]), 256).encode()));
        assertThatThrownBy(() -> reader.find(root, "a")).isInstanceOf(CodecException.class).hasMessageContaining("bitfield");
    }

    @Test
    void entryFiledUnderTheWrongBucketIsRefusedWhenListed() {
        HamtBuckets b = HamtBuckets.of(256);
        Cid file = Block.of(Multicodec.RAW, new byte[] {1}).cid();
        int wrong = (b.bucket("a", 0) + 1) % 256;
        boolean[] occupied = new boolean[256];
        occupied[wrong] = true;
        Cid root = put(new PbNode(List.of(new PbLink(file, b.prefix(wrong) + "a", 1L)), shardData(b.bitfield(occupied), 256).encode()));
        PbNode node = DagPb.decode(store.get(root));
        Iterator<PbLink> it = reader.entries(root, node, UnixfsData.decode(node.data()));
        assertThatThrownBy(it::hasNext).isInstanceOf(CodecException.class).hasMessageContaining("does not hash there");
        assertThat(reader.find(root, "a").entry()).isEmpty();
    }

    @Test
    void subShardWithAnotherFanoutIsRefused() {
        HamtBuckets b = HamtBuckets.of(256);
        Cid sub = put(new PbNode(List.of(), shardData(new byte[2], 16).encode()));
        int bucket = b.bucket("a", 0);
        boolean[] occupied = new boolean[256];
        occupied[bucket] = true;
        Cid root = put(new PbNode(List.of(new PbLink(sub, b.prefix(bucket), 1L)), shardData(b.bitfield(occupied), 256).encode()));
        assertThatThrownBy(() -> reader.find(root, "a")).isInstanceOf(CodecException.class).hasMessageContaining("fanout");
    }

    @Test
    void shortBitfieldFromOldWritersIsAccepted() {
        HamtBuckets b = HamtBuckets.of(256);
        Cid file = Block.of(Multicodec.RAW, new byte[] {1}).cid();
        String name = findNameInLowBuckets(b);
        int bucket = b.bucket(name, 0);
        byte[] bitfield = {(byte) (1 << bucket)}; // big.Int.Bytes() style: leading zero bytes dropped
        Cid root = put(new PbNode(List.of(new PbLink(file, b.prefix(bucket) + name, 1L)), shardData(bitfield, 256).encode()));
        assertThat(reader.find(root, name).entry()).isPresent();
    }

    private static String findNameInLowBuckets(HamtBuckets b) {
        for (int i = 0; ; i++) {
            if (b.bucket("n" + i, 0) < 8) {
                return "n" + i;
            }
        }
    }
}
