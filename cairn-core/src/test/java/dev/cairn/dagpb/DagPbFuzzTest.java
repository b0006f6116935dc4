package dev.cairn.dagpb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.testing.FixtureCars;
import dev.cairn.testing.Fuzz;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixTime;
import dev.cairn.unixfs.UnixfsData;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of dag-pb and UnixFS Data decoding, seeded with mutations of every fixture block
 * (small ones whole, large ones too: mutations near the start are what matter).
 */
class DagPbFuzzTest {
    private static List<byte[]> corpus;

    @BeforeAll
    static void loadCorpus() {
        corpus = new ArrayList<>();
        for (Path car : FixtureCars.allCars()) {
            for (Block b : FixtureCars.blocks(car)) {
                if (b.cid().codec() == Multicodec.DAG_PB.code() && b.data().length <= 4096) {
                    corpus.add(b.data());
                }
            }
        }
        assertThat(corpus).isNotEmpty();
    }

    @Test
    void mutatedBlocksOnlyEverFailWithCodecExceptionAndDecodingIsStable() {
        long seed = Fuzz.seed(0x5eed_0501L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = i % 5 == 0 ? Fuzz.randomBytes(rnd, 64) : Fuzz.mutate(rnd, Fuzz.pick(rnd, corpus));
            Fuzz.expectOnlyCodecException(seed, i, input, b -> {
                PbNode node = DagPb.decode(b);
                byte[] canonical = DagPb.encode(node);
                assertThat(DagPb.decode(canonical)).isEqualTo(node);
                assertThat(DagPb.encodedSize(node)).isEqualTo(canonical.length);
                assertThat(DagPb.decode(DagPb.encode(node, FieldOrder.DATA_FIRST))).isEqualTo(node);
            });
        }
    }

    @Test
    void mutatedUnixfsDataOnlyEverFailsWithCodecExceptionAndDecodingIsStable() {
        long seed = Fuzz.seed(0x5eed_0502L);
        Random rnd = new Random(seed);
        List<byte[]> datas = corpus.stream().map(b -> DagPb.decode(b).data()).filter(d -> d != null).toList();
        for (int i = 0; i < 20_000; i++) {
            byte[] input = i % 5 == 0 ? Fuzz.randomBytes(rnd, 32) : Fuzz.mutate(rnd, Fuzz.pick(rnd, datas));
            Fuzz.expectOnlyCodecException(seed, i, input, b -> {
                UnixfsData u = UnixfsData.decode(b);
                assertThat(UnixfsData.decode(u.encode())).isEqualTo(u);
            });
        }
    }

    @Test
    void viewsAcceptAndRejectExactlyWhatTheCopyingDecodersDoAndPointAtTheSameBytes() {
        long seed = Fuzz.seed(0x5eed_0503L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = i % 5 == 0 ? Fuzz.randomBytes(rnd, 64) : Fuzz.mutate(rnd, Fuzz.pick(rnd, corpus));
            String copying = outcome(() -> DagPb.decode(input));
            String viewing = outcome(() -> node(DagPb.decodeView(input)));
            assertThat(viewing).as(Fuzz.replay(seed, i, HexFormat.of().formatHex(input))).isEqualTo(copying);
            // The same block as a read-only direct buffer, the way a mapped pack file hands it out.
            ByteBuffer direct = ByteBuffer.allocateDirect(input.length).put(input).flip().asReadOnlyBuffer();
            String mapped = outcome(() -> node(DagPb.decodeView(direct)));
            assertThat(mapped).as(Fuzz.replay(seed, i, HexFormat.of().formatHex(input))).isEqualTo(copying);

            // UnixFS Data read in place, between unrelated bytes, as a file reader finds it in its block.
            byte[] data = i % 5 == 0 ? Fuzz.randomBytes(rnd, 32) : Fuzz.mutate(rnd, Fuzz.pick(rnd, datas()));
            byte[] padded = new byte[data.length + 16];
            rnd.nextBytes(padded);
            int off = rnd.nextInt(17);
            System.arraycopy(data, 0, padded, off, data.length);
            String copied = outcome(() -> UnixfsData.decode(data));
            String inPlace = outcome(() -> {
                UnixfsData.View v = UnixfsData.decodeView(padded, off, data.length);
                UnixfsData m = v.meta();
                assertThat(m.data()).isNull();
                return new UnixfsData(m.type(), v.dataOffset() < 0 ? null
                        : Arrays.copyOfRange(padded, v.dataOffset(), v.dataOffset() + v.dataLength()),
                        m.filesize(), m.blocksizes(), m.hashType(), m.fanout(), m.mode(), m.mtime());
            });
            assertThat(inPlace).as(Fuzz.replay(seed, i, HexFormat.of().formatHex(data))).isEqualTo(copied);
        }
    }

    private static List<byte[]> datas;

    private static List<byte[]> datas() {
        if (datas == null) {
            datas = corpus.stream().map(b -> DagPb.decode(b).data()).filter(d -> d != null).toList();
        }
        return datas;
    }

    /** The node a view describes, its Data copied out of the viewed buffer. */
    private static PbNode node(DagPb.View v) {
        byte[] data = null;
        if (v.hasData()) {
            data = new byte[v.dataLength()];
            v.block().get(v.dataOffset(), data);
        }
        return new PbNode(v.links(), data);
    }

    /** The decoded value's text, or the exception's message: what the two decoders must agree on. */
    private static String outcome(java.util.function.Supplier<Object> decoder) {
        try {
            Object o = decoder.get();
            return o instanceof UnixfsData u ? List.of(u.type(), String.valueOf(u.filesize()), u.blocksizes(),
                    String.valueOf(u.hashType()), String.valueOf(u.fanout()), String.valueOf(u.mode()),
                    String.valueOf(u.mtime())) + " data=" + (u.data() == null ? "null" : HexFormat.of().formatHex(u.data()))
                    : o instanceof PbNode n ? n.links() + " data=" + (n.data() == null ? "null" : HexFormat.of().formatHex(n.data()))
                    : String.valueOf(o);
        } catch (dev.cairn.multiformats.CodecException e) {
            return "CodecException: " + e.getMessage();
        }
    }

    @Test
    void randomValidNodesRoundTripInBothFieldOrders() {
        long seed = Fuzz.seed(0x5eed_0503L);
        Random rnd = new Random(seed);
        for (int i = 0; i < 3_000; i++) {
            List<PbLink> links = new ArrayList<>();
            int n = rnd.nextInt(5);
            for (int j = 0; j < n; j++) {
                byte[] content = Fuzz.randomBytes(rnd, 16);
                Cid cid = switch (rnd.nextInt(3)) {
                    case 0 -> Cid.v0(Multihash.sha256(content));
                    case 1 -> Cid.v1(Multicodec.RAW, Multihash.sha256(content));
                    default -> Cid.v1(Multicodec.DAG_PB, Multihash.digest(Multicodec.IDENTITY.code(), content));
                };
                String name = rnd.nextBoolean() ? null : randomName(rnd);
                Long tsize = rnd.nextBoolean() ? null : rnd.nextLong() >>> (1 + rnd.nextInt(63));
                links.add(new PbLink(cid, name, tsize));
            }
            byte[] data = rnd.nextInt(4) == 0 ? null : randomUnixfs(rnd).encode();
            PbNode node = new PbNode(links, data);
            for (FieldOrder order : FieldOrder.values()) {
                byte[] bytes = DagPb.encode(node, order);
                assertThat(DagPb.decode(bytes)).as("seed %d iteration %d %s", seed, i, order).isEqualTo(node);
                assertThat(bytes).hasSize(DagPb.encodedSize(node));
            }
            if (data != null) {
                assertThat(UnixfsData.decode(data).encode()).as("seed %d iteration %d", seed, i).isEqualTo(data);
            }
        }
    }

    private static String randomName(Random rnd) {
        StringBuilder sb = new StringBuilder();
        int len = rnd.nextInt(8);
        for (int k = 0; k < len; k++) {
            sb.appendCodePoint(rnd.nextInt(10) == 0 ? 0x1F600 + rnd.nextInt(50) : 0x20 + rnd.nextInt(0x250));
        }
        return sb.toString();
    }

    private static UnixfsData randomUnixfs(Random rnd) {
        DataType type = DataType.values()[rnd.nextInt(DataType.values().length)];
        List<Long> sizes = new ArrayList<>();
        for (int k = rnd.nextInt(4); k > 0; k--) {
            sizes.add(rnd.nextLong() >>> (1 + rnd.nextInt(63)));
        }
        UnixTime mtime = rnd.nextBoolean() ? null
                : new UnixTime(rnd.nextLong() >> rnd.nextInt(64), rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(999_999_999));
        return new UnixfsData(type,
                rnd.nextBoolean() ? null : Fuzz.randomBytes(rnd, 10),
                rnd.nextBoolean() ? null : rnd.nextLong() >>> (1 + rnd.nextInt(63)),
                sizes,
                rnd.nextBoolean() ? null : rnd.nextLong(),
                rnd.nextBoolean() ? null : rnd.nextLong(),
                rnd.nextBoolean() ? null : rnd.nextInt(),
                mtime);
    }
}
