package dev.cairn.unixfs.reader;

import static dev.cairn.unixfs.reader.CountingBlockSource.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import dev.cairn.dagpb.PbLink;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.multiformats.Multihash;
import dev.cairn.unixfs.DataType;
import dev.cairn.unixfs.UnixfsData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random file DAGs built by hand (balanced and ragged, random blocksizes, data in inner nodes,
 * raw / dag-pb File / dag-pb Raw / identity leaves, zero-size children): every random range read
 * must equal the slice of the content, and must fetch exactly the blocks whose span meets the
 * range, in depth-first order; {@code transferTo} after a partial read gives the rest of it, and
 * {@code write} to a channel (the gateway's zero-copy path) the whole range. Every other DAG is
 * read from a source lending its blocks off the heap, as the pack store does.
 */
class RandomFileDagTest {
    private static final long SEED = 0xCA1A_2026L;

    /** A node of the test's own model of the DAG: where its bytes sit in the file. */
    private record Node(Cid cid, long start, long size, List<Node> children) {}

    private static final class Builder {
        final Random rnd;
        final CountingBlockSource blocks = new CountingBlockSource();
        final boolean balanced;

        Builder(Random rnd) {
            this.rnd = rnd;
            this.balanced = rnd.nextBoolean();
        }

        Node build(byte[] content, int from, int to, int depth) {
            int len = to - from;
            boolean leaf = depth == 0 || (!balanced && rnd.nextInt(3) == 0) || (balanced && len == 0 && rnd.nextBoolean());
            if (leaf) {
                return leaf(Arrays.copyOfRange(content, from, to), from);
            }
            int inline = balanced || len == 0 ? 0 : rnd.nextInt(Math.min(len, 40) + 1);
            if (rnd.nextInt(4) > 0) {
                inline = 0;
            }
            int n = 1 + rnd.nextInt(5);
            int[] cuts = new int[n + 1];
            cuts[0] = from + inline;
            cuts[n] = to;
            for (int i = 1; i < n; i++) {
                cuts[i] = cuts[0] + rnd.nextInt(to - cuts[0] + 1);
            }
            Arrays.sort(cuts, 1, n);
            List<Node> children = new ArrayList<>();
            List<PbLink> links = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Node c = build(content, cuts[i], cuts[i + 1], depth - 1);
                children.add(c);
                links.add(new PbLink(c.cid, "", c.size));
                sizes.add(c.size);
            }
            byte[] data = inline == 0 ? null : Arrays.copyOfRange(content, from, from + inline);
            DataType type = rnd.nextInt(4) == 0 ? DataType.RAW : DataType.FILE;
            Long filesize = rnd.nextInt(5) == 0 ? null : (long) len;
            UnixfsData u = new UnixfsData(type, data, filesize, sizes, null, null, null, null);
            Cid cid = blocks.put(new PbNode(links, u.encode()));
            return new Node(cid, from, len, children);
        }

        Node leaf(byte[] bytes, long start) {
            Cid cid = switch (rnd.nextInt(bytes.length <= 32 ? 4 : 3)) {
                case 0 -> blocks.put(Multicodec.RAW, bytes);
                case 1 -> blocks.put(new PbNode(List.of(), new UnixfsData(DataType.FILE, bytes, (long) bytes.length,
                        List.of(), null, null, null, null).encode()));
                case 2 -> blocks.put(new PbNode(List.of(), new UnixfsData(DataType.RAW, bytes, null,
                        List.of(), null, null, null, null).encode()));
                default -> Cid.v1(Multicodec.RAW, Multihash.of(Multicodec.IDENTITY.code(), bytes));
            };
            return new Node(cid, start, bytes.length, List.of());
        }
    }

    @Test
    void everyRandomRangeReadsItsSliceAndFetchesOnlyTheBlocksThatCoverIt() throws IOException {
        Random seeds = new Random(SEED);
        for (int dag = 0; dag < 300; dag++) {
            long seed = seeds.nextLong();
            Random rnd = new Random(seed);
            byte[] content = new byte[rnd.nextInt(5) == 0 ? rnd.nextInt(4) : rnd.nextInt(20_000)];
            rnd.nextBytes(content);
            Builder b = new Builder(rnd);
            Node root = b.build(content, 0, content.length, 1 + rnd.nextInt(4));
            if (root.cid.isIdentity()) {
                continue; // a one-leaf identity file: covered by the fixture test
            }
            b.blocks.lendDirect = dag % 2 == 1;
            UnixfsReader reader = UnixfsReader.over(b.blocks);
            assertThat(reader.node(root.cid).size()).as("seed %d", seed).hasValue(content.length);
            for (int q = 0; q < 25; q++) {
                long off = rnd.nextInt(content.length + 10);
                long len = rnd.nextInt(8) == 0 ? Long.MAX_VALUE : rnd.nextInt(content.length + 10);
                int end = (int) Math.min(content.length, off + Math.min(len, Integer.MAX_VALUE));
                byte[] expected = off >= content.length ? new byte[0] : Arrays.copyOfRange(content, (int) off, end);
                long to = off + Math.min(len, Integer.MAX_VALUE);

                b.blocks.gets.clear();
                byte[] got = readAll(reader.open(root.cid, off, len));
                assertThat(got).as("seed %d range %d+%d", seed, off, len).isEqualTo(expected);
                assertThat(b.blocks.gets).as("fetched, seed %d range %d+%d", seed, off, len)
                        .isEqualTo(expectedVisits(root, off, to, true));

                // transferTo (how the gateway streams a file) after reading a random prefix byte-wise
                int prefix = rnd.nextInt(expected.length + 1);
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                try (InputStream in = reader.open(root.cid, off, len)) {
                    sink.write(in.readNBytes(prefix));
                    assertThat(in.transferTo(sink)).as("transferred, seed %d", seed).isEqualTo(expected.length - prefix);
                    assertThat(in.read()).isEqualTo(-1);
                }
                assertThat(sink.toByteArray()).as("transferTo, seed %d range %d+%d", seed, off, len).isEqualTo(expected);

                ByteArrayOutputStream written = new ByteArrayOutputStream();
                long n = reader.write(reader.node(root.cid), off, len, new WritableByteChannel() {
                    @Override
                    public int write(ByteBuffer src) {
                        int k = src.remaining();
                        byte[] chunk = new byte[k];
                        src.get(chunk);
                        written.write(chunk, 0, k);
                        return k;
                    }

                    @Override
                    public boolean isOpen() {
                        return true;
                    }

                    @Override
                    public void close() {
                    }
                });
                assertThat(n).as("written, seed %d", seed).isEqualTo(expected.length);
                assertThat(written.toByteArray()).as("write, seed %d range %d+%d", seed, off, len).isEqualTo(expected);

                b.blocks.gets.clear();
                List<Cid> cover = reader.blocksCovering(root.cid, off, len);
                assertThat(cover).as("cover, seed %d range %d+%d", seed, off, len)
                        .isEqualTo(expectedVisits(root, off, to, false));
                assertThat(b.blocks.gets).as("cover fetches no raw leaf, seed %d", seed)
                        .noneMatch(c -> c.codec() == Multicodec.RAW.code() && !c.equals(root.cid));
            }
        }
    }

    /** Pre-order walk of the nodes whose bytes meet [from, to); the root is always visited. */
    private static List<Cid> expectedVisits(Node root, long from, long to, boolean fetches) {
        List<Cid> out = new ArrayList<>();
        out.add(root.cid);
        if (from < to) {
            visit(root, from, to, fetches, out);
        }
        return out;
    }

    private static void visit(Node n, long from, long to, boolean fetches, List<Cid> out) {
        for (Node c : n.children) {
            if (c.size > 0 && c.start < to && c.start + c.size > from) {
                if (!fetches || !c.cid.isIdentity()) {
                    out.add(c.cid);
                }
                visit(c, from, to, fetches, out);
            }
        }
    }
}
