package dev.cairn.store.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.db.Database;
import dev.cairn.db.DatabaseException;
import dev.cairn.multiformats.Varint;
import dev.cairn.store.BlockStore;
import dev.cairn.store.BlockStoreContract;
import dev.cairn.store.BlockWriter;
import dev.cairn.store.CorruptStoreException;
import dev.cairn.store.StoreInUseException;
import dev.cairn.store.TestBlocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackBlockStoreTest extends BlockStoreContract {
    /** The CARv1 header {@code @ipld/car} 5.x writes for roots [bafkqaaa] (CarWriter.create, hex). */
    private static final String IPLD_CAR_HEADER = "19a265726f6f747381d82a4500015500006776657273696f6e01";
    private static final long SMALL_PACKS = 1024 * 1024;

    @TempDir
    Path home;

    Database db;

    @Override
    protected BlockStore open() {
        db = Database.openSqlite(home.resolve("cairn.db"));
        return PackBlockStore.open(home, db, PackOptions.defaults().withPackSize(SMALL_PACKS));
    }

    @Override
    protected BlockStore reopen(BlockStore current) {
        current.close();
        db.close();
        return open();
    }

    @AfterEach
    void closeDatabase() {
        if (store != null) {
            store.close();
            store = null;
        }
        db.close();
    }

    private List<Path> packFiles() throws IOException {
        try (Stream<Path> s = Files.walk(home.resolve("packs"))) {
            return s.filter(p -> p.toString().endsWith(".car")).sorted().toList();
        }
    }

    @Test
    void packIsACarV1StreamWithThePlaceholderRoot() throws IOException {
        List<Block> blocks = TestBlocks.raw(random, 20, 3000);
        blocks.add(TestBlocks.v0(new byte[] {0x0a, 0x02, 0x08, 0x01}));
        commit(blocks.toArray(Block[]::new));
        List<Path> packs = packFiles();
        assertThat(packs).hasSize(1);
        ByteBuffer car = ByteBuffer.wrap(Files.readAllBytes(packs.get(0)));
        byte[] header = new byte[IPLD_CAR_HEADER.length() / 2];
        car.get(header);
        assertThat(HexFormat.of().formatHex(header)).isEqualTo(IPLD_CAR_HEADER);
        List<Block> read = new ArrayList<>();
        while (car.hasRemaining()) {
            int length = (int) Varint.read(car);
            int start = car.position();
            Cid cid = Cid.read(car);
            byte[] data = new byte[length - (car.position() - start)];
            car.get(data);
            read.add(Block.verified(cid, data));
        }
        assertThat(read).containsExactlyElementsOf(blocks);
    }

    @Test
    void statPointsAtTheBlockBytesInsideThePack() throws IOException {
        Block b = TestBlocks.raw(random, 777);
        commit(b);
        var stat = store.stat(b.cid()).orElseThrow();
        byte[] file = Files.readAllBytes(PackFormat.path(home.resolve("packs"), stat.pack()));
        assertThat(java.util.Arrays.copyOfRange(file, (int) stat.offset(), (int) stat.offset() + stat.size()))
                .isEqualTo(b.data());
    }

    @Test
    void aWriterRollsToANewPackAtTheConfiguredSize() throws IOException {
        List<Block> blocks = TestBlocks.raw(random, 12, 200_000); // about 1.2 MB: more than one 1 MiB pack
        blocks.add(TestBlocks.raw(random, Block.MAX_SIZE)); // alone in a pack over the limit
        commit(blocks.toArray(Block[]::new));
        java.util.Map<Long, Long> blocksPerPack = blocks.stream().collect(java.util.stream.Collectors.groupingBy(
                b -> store.stat(b.cid()).orElseThrow().pack(), java.util.stream.Collectors.counting()));
        assertThat(blocksPerPack).hasSizeGreaterThanOrEqualTo(3);
        assertThat(packFiles()).hasSize(blocksPerPack.size());
        for (var e : blocksPerPack.entrySet()) {
            long size = Files.size(PackFormat.path(home.resolve("packs"), e.getKey()));
            assertThat(size <= SMALL_PACKS || e.getValue() == 1).as("pack %x: %d bytes", e.getKey(), size).isTrue();
        }
        for (Block b : blocks) {
            assertThat(store.get(b.cid()).orElseThrow()).isEqualTo(b.data());
        }
    }

    @Test
    void openDeletesPacksNoCommitLeftBehind() throws IOException {
        Block kept = TestBlocks.raw(random, 100);
        commit(kept);
        store.close();
        Path packs = home.resolve("packs");
        Path orphan = PackFormat.path(packs, 0x1234_5678_9abc_def0L);
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, HexFormat.of().parseHex(IPLD_CAR_HEADER));
        Path temp = packs.resolve("00").resolve("leftover.car.tmp");
        Files.createDirectories(temp.getParent());
        Files.write(temp, new byte[10]);
        Path foreign = packs.resolve("README");
        Files.writeString(foreign, "not ours");

        PackBlockStore reopened = PackBlockStore.open(home, db);
        store = reopened;
        assertThat(reopened.orphansDeletedAtOpen()).isEqualTo(2);
        assertThat(orphan).doesNotExist();
        assertThat(temp).doesNotExist();
        assertThat(foreign).exists();
        assertThat(store.get(kept.cid()).orElseThrow()).isEqualTo(kept.data());
    }

    @Test
    void missingPackIsReportedAsCorruptionAtOpen() throws IOException {
        Block b = TestBlocks.raw(random, 100);
        commit(b);
        long pack = store.stat(b.cid()).orElseThrow().pack();
        store.close();
        store = null;
        Files.delete(PackFormat.path(home.resolve("packs"), pack));
        assertThatThrownBy(() -> PackBlockStore.open(home, db))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("missing")
                .hasMessageContaining(String.format("%016x", pack));
    }

    @Test
    void truncatedPackIsReportedAsCorruptionAtOpen() throws IOException {
        Block b = TestBlocks.raw(random, 100);
        commit(b);
        Path file = PackFormat.path(home.resolve("packs"), store.stat(b.cid()).orElseThrow().pack());
        store.close();
        store = null;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 1);
        }
        assertThatThrownBy(() -> PackBlockStore.open(home, db))
                .isInstanceOf(CorruptStoreException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void packDeletedWhileServingGivesAnIoErrorNotAMiss() throws IOException {
        Block b = TestBlocks.raw(random, 100);
        commit(b);
        Files.delete(PackFormat.path(home.resolve("packs"), store.stat(b.cid()).orElseThrow().pack()));
        assertThatThrownBy(() -> store.get(b.cid())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void secondStoreOnTheSameDirectoryIsRefused() {
        assertThatThrownBy(() -> PackBlockStore.open(home, db)).isInstanceOf(StoreInUseException.class);
        assertThat(store.stats().blocks()).isZero();
    }

    @Test
    void commitWorkLandsInTheSameTransactionAsTheBlocks() {
        db.transaction(c -> c.createStatement().execute("CREATE TABLE test_pins (cid TEXT NOT NULL)"));
        Block b = TestBlocks.raw(random, 100);
        try (BlockWriter w = store.writer()) {
            w.put(b);
            w.commit(c -> c.createStatement().execute("INSERT INTO test_pins VALUES ('" + b.cid() + "')"));
        }
        assertThat(store.has(b.cid())).isTrue();
        assertThat(pinCount()).isEqualTo(1);
    }

    @Test
    void failingCommitWorkLeavesNeitherBlocksNorPackFiles() throws IOException {
        db.transaction(c -> c.createStatement().execute("CREATE TABLE test_pins (cid TEXT NOT NULL)"));
        Block b = TestBlocks.raw(random, 100);
        try (BlockWriter w = store.writer()) {
            w.put(b);
            assertThatThrownBy(() -> w.commit(c -> {
                c.createStatement().execute("INSERT INTO test_pins VALUES ('x')");
                throw new SQLException("pin quota exceeded");
            })).isInstanceOf(DatabaseException.class).hasMessageContaining("pin quota exceeded");
        }
        assertThat(store.has(b.cid())).isFalse();
        assertThat(pinCount()).isZero();
        assertThat(packFiles()).isEmpty();
        commit(b);
        assertThat(store.has(b.cid())).isTrue();
    }

    @Test
    void commitWithoutBlocksStillRunsTheCommitWork() throws IOException {
        db.transaction(c -> c.createStatement().execute("CREATE TABLE test_pins (cid TEXT NOT NULL)"));
        try (BlockWriter w = store.writer()) {
            w.commit(c -> c.createStatement().execute("INSERT INTO test_pins VALUES ('y')"));
        }
        assertThat(pinCount()).isEqualTo(1);
        assertThat(packFiles()).isEmpty();
    }

    @Test
    void closingTheStoreAbortsOpenWriters() throws IOException {
        BlockWriter w = store.writer();
        w.put(TestBlocks.raw(random, 100));
        store.close();
        assertThatThrownBy(w::commit).isInstanceOf(IllegalStateException.class);
        assertThat(packFiles()).isEmpty();
        store = null;
    }

    @Test
    void deletingBlocksLowersTheLiveShareCompactionWillReadButKeepsTheFile() throws IOException {
        Block a = TestBlocks.raw(random, 100);
        Block b = TestBlocks.raw(random, 300);
        commit(a, b);
        long pack = store.stat(a.cid()).orElseThrow().pack();
        assertThat(live(pack)).containsExactly(2, 400);
        store.delete(List.of(b.cid().multihash()));
        assertThat(live(pack)).containsExactly(1, 100);
        assertThat(packFiles()).hasSize(1);
        assertThat(store.get(a.cid()).orElseThrow()).isEqualTo(a.data());
    }

    @Test
    void aPackWithNoLiveBlockLeftIsDeletedWithItsRowAndOthersAreUntouched() throws Exception {
        Block a = TestBlocks.raw(random, 100);
        Block b = TestBlocks.raw(random, 300);
        commit(a, b);
        Block c = TestBlocks.raw(random, 50);
        commit(c);
        long emptied = store.stat(a.cid()).orElseThrow().pack();
        assertThat(packFiles()).hasSize(2);

        assertThat(store.delete(List.of(a.cid().multihash(), b.cid().multihash()))).isEqualTo(2);

        assertThat(packFiles()).hasSize(1);
        long rows = db.read(conn -> {
            try (ResultSet rs = conn.createStatement().executeQuery("SELECT COUNT(*) FROM packs WHERE id = " + emptied)) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(rows).isZero();
        assertThat(store.get(c.cid()).orElseThrow()).isEqualTo(c.data());
        assertThat(store.has(a.cid())).isFalse();
        store.close();
        store = PackBlockStore.open(home, db); // reopening finds nothing to recover or report
        assertThat(store.get(c.cid()).orElseThrow()).isEqualTo(c.data());
    }

    private long[] live(long pack) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT live_blocks, live_bytes FROM packs WHERE id = " + pack)) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        });
    }

    private long pinCount() {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM test_pins")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
