package dev.cairn.unixfs.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Seeded random imports: whatever the options, reading the DAG back gives the bytes. */
class ImporterPropertyTest {
    private static ImportOptions randomOptions(Random r) {
        ImportOptions base = r.nextBoolean() ? ImportOptions.kubo() : ImportOptions.unixfsV1_2025();
        int chunk = r.nextInt(4) == 0 ? 1 + r.nextInt(4) : 1 + r.nextInt(r.nextBoolean() ? 64 : 3000);
        ImportOptions.Builder b = base.toBuilder()
                .chunker("size-" + chunk)
                .maxLinks(2 + r.nextInt(r.nextBoolean() ? 4 : 200))
                .trickle(r.nextInt(3) == 0);
        if (r.nextBoolean()) {
            b.cidVersion(r.nextInt(2));
        }
        if (r.nextBoolean()) {
            b.rawLeaves(r.nextBoolean());
        }
        if (r.nextInt(4) == 0) {
            b.inline(true).inlineLimit(r.nextInt(129));
        }
        return b.build();
    }

    private static int randomSize(Random r, int chunk) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(50);
            case 1 -> chunk * (1 + r.nextInt(40)) + (r.nextInt(3) - 1); // around chunk boundaries
            default -> r.nextInt(60_000);
        };
    }

    @Test
    void randomFilesReadBackWithConsistentFilesizeBlocksizesAndTsize() throws IOException {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        for (int i = 0; i < 400; i++) {
            ImportOptions o = randomOptions(r);
            int size = Math.min(Math.max(0, randomSize(r, o.chunkSize())), 600 * o.chunkSize()); // bounded test time
            byte[] data = new byte[size];
            r.nextBytes(data);
            MapSink sink = new MapSink();
            AtomicLong progress = new AtomicLong(-1);
            ImportedEntry e = new Importer(sink, o).progress(progress::set)
                    .addFile("f", new ByteArrayInputStream(data));
            String why = "seed " + seed + " iteration " + i + " size " + size + " " + o;
            assertThat(sink.readFile(e.cid())).as(why).isEqualTo(data);
            assertThat(sink.cumulativeSize(e.cid())).as(why).isEqualTo(e.size());
            assertThat(progress.get()).as(why).isEqualTo(size == 0 ? -1 : size);

            // the hashing pipeline must not make the result depend on thread timing
            ImportedEntry again = new Importer(new MapSink(), o).addFile("f", new SlowStream(data, r.nextLong()));
            assertThat(again.cid()).as(why).isEqualTo(e.cid());
        }
    }

    @Test
    void readAheadIsBoundedByThePipelineWindowWhateverTheFileSize() throws IOException {
        int chunk = 1024;
        AtomicLong read = new AtomicLong();
        AtomicLong handedOut = new AtomicLong();
        AtomicLong worstLead = new AtomicLong();
        InputStream endless = new InputStream() {
            long left = 64L * 1024 * 1024;

            @Override
            public int read() {
                return left-- > 0 ? (int) (left & 0xFF) : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                left -= n;
                read.addAndGet(n);
                return n;
            }
        };
        ImportOptions o = ImportOptions.unixfsV1_2025().toBuilder().chunker("size-" + chunk).maxLinks(8).build();
        Cid root = new Importer(block -> worstLead.accumulateAndGet(read.get() - handedOut.get(), Math::max), o)
                .progress(handedOut::set)
                .addFile("big", endless).cid();
        assertThat(root).isNotNull();
        assertThat(handedOut.get()).isEqualTo(64L * 1024 * 1024);
        assertThat(worstLead.get()).isLessThanOrEqualTo((long) (LeafStream.WINDOW + 1) * chunk);
    }

    /** Delivers the bytes in random small reads, to vary how the pipeline interleaves. */
    private static final class SlowStream extends FilterInputStream {
        private final Random r;

        SlowStream(byte[] data, long seed) {
            super(new ByteArrayInputStream(data));
            this.r = new Random(seed);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + r.nextInt(700)));
        }
    }
}
