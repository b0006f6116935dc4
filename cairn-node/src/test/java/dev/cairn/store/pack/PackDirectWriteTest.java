package dev.cairn.store.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.nio.file.ExtendedOpenOption;
import dev.cairn.block.Block;
import dev.cairn.db.Database;
import dev.cairn.interop.CarInspect;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.StoreStats;
import dev.cairn.store.TestBlocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packs bigger than the writer's two 4 MiB buffers: written with O_DIRECT in whole blocks from a
 * background thread while the producer fills the other buffer, the unaligned tail carried over and
 * the padding of the last write truncated away.
 */
class PackDirectWriteTest {
    private static final long SEED = 0xD1EC7L;
    private static final int MIB = 1024 * 1024;

    @TempDir
    Path home;

    final Random random = new Random(SEED);
    Database db;
    PackBlockStore store;

    private PackBlockStore open(PackOptions options) {
        db = Database.openSqlite(home.resolve("cairn.db"));
        store = PackBlockStore.open(home, db, options);
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aPackOfManyWriteBuffersIsACarThatIpldCarReadsBlockForBlock() throws IOException {
        open(PackOptions.defaults());
        List<Block> blocks = oddSizedBlocks(22 * MIB); // five buffers and a bit: background writes and a tail
        commit(blocks);
        List<Path> packs = packFiles();
        assertThat(packs).hasSize(1);
        CarInspect.Report car = CarInspect.inspect(packs.get(0)); // fails on trailing padding or a torn section
        assertThat(car.blocks()).extracting(CarInspect.BlockEntry::size)
                .containsExactlyElementsOf(blocks.stream().map(b -> (long) b.size()).toList());
        assertThat(car.cids()).containsExactlyElementsOf(blocks.stream().map(b -> b.cid().toString()).toList());
        for (Block b : blocks) {
            assertThat(store.get(b.cid()).orElseThrow()).isEqualTo(b.data());
        }
    }

    @Test
    void theDiskFillingUpDuringABackgroundWriteFailsTheIngestAndLeavesNothing() throws IOException {
        FaultyPackFiles files = new FaultyPackFiles();
        open(PackOptions.defaults().withFiles(files));
        List<Block> blocks = oddSizedBlocks(20 * MIB);
        files.diskFullAfter(9 * MIB + 12_345); // inside the third buffer's write
        BlockWriter w = store.writer();
        assertThatThrownBy(() -> {
            blocks.forEach(w::put);
            w.commit();
        }).isInstanceOf(UncheckedIOException.class).hasMessageContaining(FaultyPackFiles.DISK_FULL);
        w.close();
        assertThat(blocks).noneMatch(b -> store.has(b.cid()));
        assertThat(store.stats()).isEqualTo(StoreStats.EMPTY);
        assertThat(packFiles()).isEmpty();
        files.heal();
        commit(blocks);
        assertThat(store.get(blocks.get(blocks.size() - 1).cid()).orElseThrow())
                .isEqualTo(blocks.get(blocks.size() - 1).data());
    }

    @Test
    void aFileSystemThatRefusesODirectIsWrittenBufferedAndAskedOncePerWriter() throws IOException {
        AtomicInteger refusals = new AtomicInteger();
        PackFiles noDirectIo = (path, options) -> {
            if (Arrays.asList(options).contains(ExtendedOpenOption.DIRECT)) {
                refusals.incrementAndGet();
                Files.createFile(path); // as Linux does: the file exists by the time open(2) says EINVAL
                throw new IOException("Invalid argument");
            }
            return FileChannel.open(path, options);
        };
        open(PackOptions.defaults().withPackSize(2 * MIB).withFiles(noDirectIo));
        List<Block> first = oddSizedBlocks(9 * MIB);
        List<Block> second = oddSizedBlocks(3 * MIB);
        commit(first);
        commit(second);
        assertThat(refusals).hasValue(2);
        assertThat(packFiles()).hasSizeGreaterThanOrEqualTo(5);
        for (Block b : first) {
            assertThat(store.get(b.cid()).orElseThrow()).isEqualTo(b.data());
        }
        for (Block b : second) {
            assertThat(store.get(b.cid()).orElseThrow()).isEqualTo(b.data());
        }
    }

    /** Raw blocks of odd sizes up to 1 MiB, about {@code total} bytes in all. */
    private List<Block> oddSizedBlocks(int total) {
        List<Block> blocks = new ArrayList<>();
        for (int n = 0; n < total; ) {
            Block b = TestBlocks.raw(random, 1 + random.nextInt(MIB) | 1);
            blocks.add(b);
            n += b.size();
        }
        return blocks;
    }

    private void commit(List<Block> blocks) {
        try (BlockWriter w = store.writer()) {
            blocks.forEach(w::put);
            w.commit();
        }
    }

    private List<Path> packFiles() throws IOException {
        try (Stream<Path> s = Files.walk(home.resolve("packs"))) {
            return s.filter(p -> p.toString().endsWith(".car")).sorted().toList();
        }
    }
}
