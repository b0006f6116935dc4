package dev.cairn.unixfs.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.cid.Cid;
import dev.cairn.dagpb.PbLink;
import dev.cairn.unixfs.DataType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryImportTest {
    private final MapSink sink = new MapSink();

    private static ByteArrayInputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String name(int i, int length) {
        String n = "n" + i;
        return n + "_".repeat(length - n.length());
    }

    /** A wrapped directory of {@code count} one-byte files with names of {@code length} bytes. */
    private ImportedEntry wide(ImportOptions o, int count, int length, boolean oneLonger) throws IOException {
        ImportSession s = new Importer(sink, o.toBuilder().wrapWithDirectory(true).build()).session();
        for (int i = 0; i < count; i++) {
            s.addFile(name(i, oneLonger && i == 0 ? length + 1 : length), text("x"));
        }
        List<ImportedEntry> out = s.finish();
        return out.get(out.size() - 1);
    }

    @Test
    void kuboLinksEstimateExactlyAtTheThresholdStaysBasicAndOneByteMoreShards() throws IOException {
        // CIDv0 is 34 bytes: 1024 * (222 + 34) = 262144 = the threshold, not above it
        ImportedEntry at = wide(ImportOptions.kubo(), 1024, 222, false);
        assertThat(sink.data(at.cid()).type()).isEqualTo(DataType.DIRECTORY);
        ImportedEntry over = wide(ImportOptions.kubo(), 1024, 222, true);
        assertThat(sink.data(over.cid()).type()).isEqualTo(DataType.HAMT_SHARD);
        assertThat(sink.listing(over.cid())).hasSize(1024);
        assertThat(sink.cumulativeSize(over.cid())).isEqualTo(over.size());
    }

    @Test
    void blockEstimateExactlyAtTheThresholdStaysBasicAndOneByteMoreShards() throws IOException {
        // link to a 1-byte raw file (36-byte CID, Tsize 1) named with 211 bytes:
        // PBLink = (1+1+36) + (1+2+211) + (1+1) = 254 bytes, framed 1+2+254 = 257; 4 + 1020 * 257 = 262144
        ImportedEntry at = wide(ImportOptions.unixfsV1_2025(), 1020, 211, false);
        assertThat(sink.data(at.cid()).type()).isEqualTo(DataType.DIRECTORY);
        assertThat(sink.get(at.cid())).hasSize(262144);
        ImportedEntry over = wide(ImportOptions.unixfsV1_2025(), 1020, 211, true);
        assertThat(sink.data(over.cid()).type()).isEqualTo(DataType.HAMT_SHARD);
    }

    @Test
    void thresholdZeroNeverShards() throws IOException {
        ImportedEntry e = wide(ImportOptions.kubo().toBuilder().hamtThreshold(0).build(), 1024, 222, true);
        assertThat(sink.data(e.cid()).type()).isEqualTo(DataType.DIRECTORY);
    }

    @Test
    void basicDirectoryLinksAreSortedByNameBytesWithCumulativeTsize() throws IOException {
        ImportSession s = new Importer(sink, ImportOptions.kubo().toBuilder().wrapWithDirectory(true).build()).session();
        for (String n : List.of("b", "\uD83D\uDE00", "\uFF5E", "a", "B")) {
            s.addFile(n, text(n));
        }
        Cid root = s.finish().get(5).cid();
        assertThat(sink.node(root).links()).extracting(PbLink::name)
                .containsExactly("B", "a", "b", "\uFF5E", "\uD83D\uDE00"); // UTF-8 order, not UTF-16
        sink.cumulativeSize(root);
    }

    @Test
    void wrappedSessionPrintsFilesAsAddedThenDirectoriesChildrenFirstAndTheRootLast() throws IOException {
        ImportSession s = new Importer(sink, ImportOptions.kubo().toBuilder().wrapWithDirectory(true).build()).session();
        s.addFile("b/x", text("1"));
        s.addFile("a", text("2"));
        s.addFile("b/c/y", text("3"));
        s.addDirectory("d");
        s.addSymlink("b/link", "../a");
        assertThat(s.finish()).extracting(ImportedEntry::path)
                .containsExactly("b/x", "a", "b/c/y", "b/link", "b/c", "b", "d", "");
    }

    @Test
    void unwrappedSessionGivesEachTopLevelEntryItsOwnGroupWithItsRootLast() throws IOException {
        ImportSession s = new Importer(sink, ImportOptions.kubo()).session();
        s.addFile("x", text("1"));
        s.addFile("d/y", text("2"));
        assertThat(s.finish()).extracting(ImportedEntry::path).containsExactly("x", "d/y", "d");
    }

    @Test
    void sessionRefusesBadAndRepeatedPaths() throws IOException {
        ImportSession s = new Importer(sink, ImportOptions.kubo()).session();
        s.addFile("a/b", text("1"));
        assertThatThrownBy(() -> s.addFile("a/b", text("2"))).hasMessageContaining("already added");
        assertThatThrownBy(() -> s.addFile("a/b/c", text("2"))).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> s.addDirectory("a/../x")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> s.addDirectory("a//x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.addDirectory("")).isInstanceOf(IllegalArgumentException.class);
        s.finish();
        assertThatThrownBy(s::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void symlinksAreStoredAsSymlinkNodesWithTheirTarget() {
        ImportSession s = new Importer(sink, ImportOptions.kubo()).session();
        s.addSymlink("l", "foo");
        ImportedEntry e = s.finish().get(0);
        assertThat(sink.data(e.cid()).type()).isEqualTo(DataType.SYMLINK);
        assertThat(sink.data(e.cid()).data()).isEqualTo("foo".getBytes(StandardCharsets.UTF_8));
        assertThat(sink.data(e.cid()).filesize()).isNull();
    }

    @Test
    void addFileWithWrapReturnsTheWrapperHoldingTheNamedFile() throws IOException {
        ImportedEntry e = new Importer(sink, ImportOptions.kubo().toBuilder().wrapWithDirectory(true).build())
                .addFile("hello.txt", text("hello world\n"));
        assertThat(e.path()).isEmpty();
        assertThat(sink.node(e.cid()).links()).singleElement().satisfies(l -> {
            assertThat(l.name()).isEqualTo("hello.txt");
            assertThat(l.hash().toString()).isEqualTo("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
        });
    }

    @Test
    void anUnnamedStreamIsPrintedUnderItsCid() throws IOException {
        ImportedEntry e = new Importer(sink, ImportOptions.kubo()).addFile(null, text("hello world\n"));
        assertThat(e.path()).isEqualTo("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
    }

    @Test
    void anUnnamedWrappedStreamIsLinkedUnderItsCid() throws IOException {
        ImportedEntry e = new Importer(sink, ImportOptions.kubo().toBuilder().wrapWithDirectory(true).build())
                .addFile("", text("hello world\n"));
        assertThat(sink.node(e.cid()).links()).singleElement().extracting(PbLink::name)
                .isEqualTo("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
    }

    @Test
    void walkingADirectorySkipsHiddenNamesKeepsEmptyDirectoriesAndStoresSymlinks(@TempDir Path tmp)
            throws IOException {
        Path d = tmp.resolve("site");
        Files.createDirectories(d.resolve("empty"));
        Files.createDirectories(d.resolve(".git"));
        Files.writeString(d.resolve(".hidden"), "h");
        Files.writeString(d.resolve("index.html"), "<p>hi</p>");
        Files.createSymbolicLink(d.resolve("link"), Path.of("index.html"));

        List<ImportedEntry> out = new Importer(sink, ImportOptions.kubo()).addPaths(List.of(d), true);
        assertThat(out).extracting(ImportedEntry::path)
                .containsExactly("site/index.html", "site/link", "site/empty", "site");
        assertThat(sink.data(out.get(1).cid()).type()).isEqualTo(DataType.SYMLINK);
        assertThat(sink.data(out.get(1).cid()).data()).isEqualTo("index.html".getBytes(StandardCharsets.UTF_8));
        assertThat(out.get(2).cid().toString()).isEqualTo("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");

        List<ImportedEntry> withHidden = new Importer(new MapSink(), ImportOptions.kubo().toBuilder().hidden(true).build())
                .addPaths(List.of(d), true);
        assertThat(withHidden).extracting(ImportedEntry::path)
                .containsExactly("site/.hidden", "site/index.html", "site/link", "site/.git", "site/empty", "site");
    }

    @Test
    void severalPathsAreSeparateRootsUnlessWrapped(@TempDir Path tmp) throws IOException {
        Path a = Files.writeString(tmp.resolve("a.txt"), "a");
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(b.resolve("c.txt"), "c");
        List<ImportedEntry> separate = new Importer(sink, ImportOptions.kubo()).addPaths(List.of(a, b), true);
        assertThat(separate).extracting(ImportedEntry::path).containsExactly("a.txt", "b/c.txt", "b");

        List<ImportedEntry> wrapped = new Importer(sink, ImportOptions.kubo().toBuilder().wrapWithDirectory(true).build())
                .addPaths(List.of(a, b), true);
        assertThat(wrapped).extracting(ImportedEntry::path).containsExactly("a.txt", "b/c.txt", "b", "");
        assertThat(wrapped.get(3).cid().toString()).isEqualTo("QmZu3TJpKxTgBUNLZgFC5GuoBxGXHoNXKzxMCf92zZVWF7");
    }

    @Test
    void progressCountsFileBytesAcrossAllFilesOfAnImport(@TempDir Path tmp) throws IOException {
        Path d = Files.createDirectories(tmp.resolve("d"));
        Files.write(d.resolve("a"), new byte[300_000]);
        Files.write(d.resolve("b"), new byte[5]);
        List<Long> seen = new java.util.ArrayList<>();
        new Importer(sink, ImportOptions.kubo()).progress(seen::add).addPaths(List.of(d), true);
        assertThat(seen).isSorted().containsExactly(262_144L, 300_000L, 300_005L);
    }

    @Test
    void aDirectoryWithoutRecursiveIsRefused(@TempDir Path tmp) {
        assertThatThrownBy(() -> new Importer(sink, ImportOptions.kubo()).addPaths(List.of(tmp), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-r");
    }
}
