package dev.cairn.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.block.BlockNotFoundException;
import dev.cairn.block.BlockSource;
import dev.cairn.car.CarReader;
import dev.cairn.car.CarSection;
import dev.cairn.cid.Cid;
import dev.cairn.dagcbor.DagCbor;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.multiformats.UnsupportedCodecException;
import dev.cairn.testing.FixtureCars;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DagExportTest {
    /** A BlockSource over a map, counting reads. */
    static final class MapSource implements BlockSource {
        final Map<Cid, byte[]> blocks = new HashMap<>();
        int reads;

        MapSource(List<Block> list) {
            list.forEach(b -> blocks.put(b.cid(), b.data()));
        }

        @Override
        public Optional<byte[]> get(Cid cid) {
            reads++;
            return Optional.ofNullable(blocks.get(cid));
        }
    }

    /** The expected order, computed recursively and separately from the walker. */
    static void expectedDfs(Map<Cid, byte[]> blocks, Cid cid, Set<Cid> seen, List<Cid> out) {
        if (!seen.add(cid)) {
            return;
        }
        byte[] data = blocks.get(cid);
        if (data == null) {
            throw new BlockNotFoundException(cid);
        }
        out.add(cid);
        List<Cid> children = new ArrayList<>();
        if (cid.codec() == Multicodec.DAG_PB.code()) {
            DagPb.decode(data).links().forEach(l -> children.add(l.hash()));
        } else if (cid.codec() == Multicodec.DAG_CBOR.code()) {
            children.addAll(DagCbor.links(data));
        } else if (cid.codec() == Multicodec.DAG_JSON.code()) {
            // Good enough for Kubo's compact fixtures, and independent of the parser under test.
            var m = java.util.regex.Pattern.compile("\\{\"/\":\"([a-z0-9]+)\"\\}")
                    .matcher(new String(data, java.nio.charset.StandardCharsets.UTF_8));
            while (m.find()) {
                children.add(Cid.parse(m.group(1)));
            }
        }
        for (Cid c : children) {
            expectedDfs(blocks, c, seen, out);
        }
    }

    static List<Cid> readCids(byte[] car, List<Cid> roots) throws IOException {
        try (CarReader r = CarReader.open(new ByteArrayInputStream(car))) {
            roots.addAll(r.header().roots());
            List<Cid> out = new ArrayList<>();
            for (Optional<CarSection> s = r.next(); s.isPresent(); s = r.next()) {
                out.add(s.get().cid());
            }
            return out;
        }
    }

    @Test
    void everyFixtureRootExportsInDepthFirstOrderByteForByteLikeKubo() throws IOException {
        int exported = 0;
        List<String> failed = new ArrayList<>();
        for (Path file : FixtureCars.allCars()) {
            List<Block> blocks = FixtureCars.blocks(file);
            List<Cid> roots = new ArrayList<>();
            List<Cid> fileOrder = readCids(Files.readAllBytes(file), roots);
            MapSource source = new MapSource(blocks);
            for (Cid root : roots) {
                List<Cid> expected = new ArrayList<>();
                RuntimeException expectedFailure = null;
                try {
                    expectedDfs(source.blocks, root, new HashSet<>(), expected);
                } catch (BlockNotFoundException | UnsupportedCodecException e) {
                    expectedFailure = e;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                if (expectedFailure != null) {
                    assertThatThrownBy(() -> DagExport.writeCar(source, root, out)).as(file.toString())
                            .isInstanceOf(expectedFailure.getClass());
                    failed.add(file.getFileName().toString());
                    continue;
                }
                long n = DagExport.writeCar(source, root, out);
                List<Cid> exportedRoots = new ArrayList<>();
                List<Cid> order = readCids(out.toByteArray(), exportedRoots);
                assertThat(exportedRoots).containsExactly(root);
                assertThat(order).as(file.toString()).containsExactlyElementsOf(expected);
                assertThat(n).isEqualTo(order.size());
                exported++;
                // Kubo exported every fixture in DFS order too, so the whole CAR must be identical.
                assertThat(order).as(file.toString()).containsExactlyElementsOf(fileOrder);
                assertThat(out.toByteArray()).as(file.toString()).isEqualTo(Files.readAllBytes(file));
            }
        }
        assertThat(failed).containsExactly("file-3k-and-3-blocks-missing-block.car");
        assertThat(exported).isEqualTo(FixtureCars.allCars().size() - 1);
    }

    @Test
    void theMissingBlockFixtureFailsNamingTheMissingBlock() throws IOException {
        Path file = FixtureCars.fixture("trustless_gateway_car/file-3k-and-3-blocks-missing-block.car");
        List<Cid> roots = new ArrayList<>();
        readCids(Files.readAllBytes(file), roots);
        MapSource source = new MapSource(FixtureCars.blocks(file));
        assertThatThrownBy(() -> DagExport.writeCar(source, roots.get(0), new ByteArrayOutputStream()))
                .isInstanceOfSatisfying(BlockNotFoundException.class,
                        e -> assertThat(source.blocks).doesNotContainKey(e.cid()));
    }

    @Test
    void duplicateFilesAreWrittenOnce() throws IOException {
        Path file = FixtureCars.fixture("trustless_gateway_car/dir-with-duplicate-files.car");
        List<Cid> roots = new ArrayList<>();
        readCids(Files.readAllBytes(file), roots);
        MapSource source = new MapSource(FixtureCars.blocks(file));
        PbNode dir = DagPb.decode(source.blocks.get(roots.get(0)));
        Set<Cid> distinct = new HashSet<>();
        dir.links().forEach(l -> distinct.add(l.hash()));
        assertThat(distinct).as("the fixture repeats a CID").hasSizeLessThan(dir.links().size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DagExport.writeCar(source, roots.get(0), out);
        List<Cid> order = readCids(out.toByteArray(), new ArrayList<>());
        assertThat(order).doesNotHaveDuplicates();
    }

    /** Conformance: {@code /ipfs/{root}/subdir/ascii.txt?format=car} is [root, subdir, ascii.txt]. */
    @Test
    void pathBlocksComeFirstThenTheTerminalDag() throws IOException {
        Path file = FixtureCars.fixture("trustless_gateway_car/subdir-with-mixed-block-files.car");
        List<Cid> roots = new ArrayList<>();
        readCids(Files.readAllBytes(file), roots);
        MapSource source = new MapSource(FixtureCars.blocks(file));
        Cid root = roots.get(0);
        Cid subdir = child(source, root, "subdir");
        Cid ascii = child(source, subdir, "ascii.txt");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DagExport.writeCar(source, List.of(root, subdir), ascii, List.of(root), out);
        List<Cid> expected = new ArrayList<>(List.of(root, subdir));
        expectedDfs(source.blocks, ascii, new HashSet<>(expected), expected);
        assertThat(readCids(out.toByteArray(), new ArrayList<>())).containsExactlyElementsOf(expected);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
    }

    private static Cid child(MapSource source, Cid dir, String name) {
        return DagPb.decode(source.blocks.get(dir)).links().stream().filter(l -> name.equals(l.name()))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in fixture")).hash();
    }

    @Test
    void identityBlocksAreNeverEmittedButTheirLinksAreFollowed() throws IOException {
        Block leaf = Block.of(Multicodec.RAW, new byte[] {7});
        Cid inlineRaw = Cid.v1(Multicodec.RAW, Multihash.of(Multicodec.IDENTITY.code(), new byte[] {1, 2}));
        byte[] inlineDir = DagPb.encode(new PbNode(List.of(new PbLink(leaf.cid(), "leaf", 1L)), new byte[] {8, 1}));
        Cid inlineDirCid = Cid.v1(Multicodec.DAG_PB, Multihash.of(Multicodec.IDENTITY.code(), inlineDir));
        Block root = Block.of(Multicodec.DAG_PB, DagPb.encode(new PbNode(List.of(
                new PbLink(inlineRaw, "a", 2L), new PbLink(inlineDirCid, "b", 1L)), new byte[] {8, 1})));
        MapSource source = new MapSource(List.of(root, leaf));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(DagExport.writeCar(source, root.cid(), out)).isEqualTo(2);
        assertThat(readCids(out.toByteArray(), new ArrayList<>())).containsExactly(root.cid(), leaf.cid());
    }

    /** Trustless gateway: an identity root gives a CAR naming it as root, with zero blocks. */
    @Test
    void anIdentityRootExportsAnEmptyCar() throws IOException {
        Cid root = Cid.parse("bafkqaf3imvwgy3zaneqgc3janfxgy2lomvscay3jmqfa");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(DagExport.writeCar(new MapSource(List.of()), root, out)).isZero();
        List<Cid> roots = new ArrayList<>();
        assertThat(readCids(out.toByteArray(), roots)).isEmpty();
        assertThat(roots).containsExactly(root);
    }

    @Test
    void aVisitorCanStopTheWalkFromDescending() throws IOException {
        Block leaf = Block.of(Multicodec.RAW, new byte[] {7});
        Block root = Block.of(Multicodec.DAG_PB, DagPb.encode(new PbNode(List.of(new PbLink(leaf.cid(), "x", 1L)), null)));
        List<Cid> seen = new ArrayList<>();
        DagWalker.walk(new MapSource(List.of(root)), root.cid(), (cid, data) -> {
            seen.add(cid);
            return false;
        });
        assertThat(seen).containsExactly(root.cid());
    }

    @Test
    void aVeryDeepDagDoesNotOverflowTheStack() throws IOException {
        List<Block> chain = new ArrayList<>();
        Block next = Block.of(Multicodec.RAW, new byte[] {0});
        chain.add(next);
        for (int i = 0; i < 20000; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("next", next.cid());
            next = Block.of(Multicodec.DAG_CBOR, DagCbor.encode(m));
            chain.add(next);
        }
        List<Cid> seen = new ArrayList<>();
        DagWalker.walk(new MapSource(chain), next.cid(), (cid, data) -> seen.add(cid));
        assertThat(seen).hasSize(chain.size());
        assertThat(seen.getFirst()).isEqualTo(next.cid());
        assertThat(seen.getLast()).isEqualTo(chain.getFirst().cid());
    }

    @Test
    void eachBlockIsFetchedOnceEvenWhenLinkedManyTimes() throws IOException {
        Block leaf = Block.of(Multicodec.RAW, new byte[] {7});
        List<PbLink> links = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            links.add(new PbLink(leaf.cid(), "f" + i, 1L));
        }
        Block root = Block.of(Multicodec.DAG_PB, DagPb.encode(new PbNode(links, new byte[] {8, 1})));
        MapSource source = new MapSource(List.of(root, leaf));
        assertThat(DagExport.writeCar(source, root.cid(), new ByteArrayOutputStream())).isEqualTo(2);
        assertThat(source.reads).isEqualTo(2);
    }

    /** Seeded random DAGs with shared sub-DAGs: the iterative walker agrees with a recursive DFS. */
    @Test
    void randomDagsWalkInTheSameOrderAsARecursiveDfs() throws IOException {
        long seed = System.nanoTime();
        java.util.Random rnd = new java.util.Random(seed);
        for (int round = 0; round < 300; round++) {
            List<Block> blocks = new ArrayList<>();
            int size = 1 + rnd.nextInt(40);
            for (int i = 0; i < size; i++) {
                List<Cid> links = new ArrayList<>();
                for (int k = blocks.isEmpty() ? 0 : rnd.nextInt(5); k > 0; k--) {
                    links.add(blocks.get(rnd.nextInt(blocks.size())).cid());
                }
                blocks.add(switch (links.isEmpty() ? 0 : 1 + rnd.nextInt(2)) {
                    case 0 -> Block.of(Multicodec.RAW, new byte[] {(byte) round, (byte) i});
                    case 1 -> Block.of(Multicodec.DAG_PB, DagPb.encode(new PbNode(
                            links.stream().map(c -> new PbLink(c, null, null)).toList(), new byte[] {(byte) i})));
                    default -> Block.of(Multicodec.DAG_CBOR, DagCbor.encode(Map.of("i", (long) i, "l", List.copyOf(links))));
                });
            }
            Cid root = blocks.getLast().cid();
            MapSource source = new MapSource(blocks);
            List<Cid> expected = new ArrayList<>();
            expectedDfs(source.blocks, root, new HashSet<>(), expected);
            List<Cid> walked = new ArrayList<>();
            DagWalker.walk(source, root, (cid, data) -> walked.add(cid));
            assertThat(walked).as("seed %d round %d", seed, round).containsExactlyElementsOf(expected);
        }
    }
}
