package dev.cairn.unixfs.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.cid.Cid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference CIDs of {@code shared/vectors/cids.md} (ipfs-unixfs-importer, matching Kubo) and
 * the byte examples of spec section 5, in both profiles.
 */
class ReferenceCidTest {
    private static final ImportOptions KUBO = ImportOptions.kubo();
    private static final ImportOptions V1 = ImportOptions.unixfsV1_2025();

    private static ImportedEntry add(ImportOptions o, byte[] bytes) throws IOException {
        return new Importer(new MapSink(), o).addFile("f", new ByteArrayInputStream(bytes));
    }

    private static String cid(ImportOptions o, byte[] bytes) throws IOException {
        return add(o, bytes).cid().toString();
    }

    @Test
    void emptyFile() throws IOException {
        assertThat(cid(KUBO, new byte[0])).isEqualTo("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
        assertThat(cid(V1, new byte[0])).isEqualTo("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    }

    @Test
    void helloWorldWithNewline() throws IOException {
        byte[] b = "hello world\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(cid(KUBO, b)).isEqualTo("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
        assertThat(cid(V1, b)).isEqualTo("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    }

    @Test
    void oneMebibyteOfZeros() throws IOException {
        byte[] b = new byte[1024 * 1024];
        assertThat(cid(KUBO, b)).isEqualTo("QmVkbauSDEaMP4Tkq6Epm9uW75mWm136n81YH8fGtfwdHU");
        assertThat(cid(V1, b)).isEqualTo("bafkreibq4fevl27rgurgnxbp7adh42aqiyd6ouflxhj3gzmcxcxzbh6lla");
    }

    @Test
    void directoryOfAFileAndASubdirectoryThroughASession() throws IOException {
        assertThat(smallTree(KUBO)).isEqualTo("QmZu3TJpKxTgBUNLZgFC5GuoBxGXHoNXKzxMCf92zZVWF7");
        assertThat(smallTree(V1)).isEqualTo("bafybeif7waqirotxrdk3xf4lei2qzlsynejz6ruawii3ffv63vnkct75t4");
    }

    private static String smallTree(ImportOptions o) throws IOException {
        ImportSession s = new Importer(new MapSink(), o.toBuilder().wrapWithDirectory(true).build()).session();
        s.addFile("a.txt", new ByteArrayInputStream("a".getBytes(StandardCharsets.US_ASCII)));
        s.addFile("b/c.txt", new ByteArrayInputStream("c".getBytes(StandardCharsets.US_ASCII)));
        List<ImportedEntry> out = s.finish();
        return out.get(out.size() - 1).cid().toString();
    }

    @Test
    void directoryOfAFileAndASubdirectoryFromDisk(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("tree");
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("b/c.txt"), "c");
        for (ImportOptions o : List.of(KUBO, V1)) {
            List<ImportedEntry> out = new Importer(new MapSink(), o).addPaths(List.of(dir), true);
            assertThat(out.get(out.size() - 1).path()).isEqualTo("tree");
            assertThat(out.get(out.size() - 1).cid().toString())
                    .isEqualTo(o == KUBO ? "QmZu3TJpKxTgBUNLZgFC5GuoBxGXHoNXKzxMCf92zZVWF7"
                            : "bafybeif7waqirotxrdk3xf4lei2qzlsynejz6ruawii3ffv63vnkct75t4");
        }
    }

    @Test
    void emptyDirectory() {
        assertThat(emptyDir(KUBO)).isEqualTo("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");
        assertThat(emptyDir(V1)).isEqualTo("bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354");
    }

    private static String emptyDir(ImportOptions o) {
        List<ImportedEntry> out = new Importer(new MapSink(), o.toBuilder().wrapWithDirectory(true).build())
                .session().finish();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).path()).isEmpty();
        return out.get(0).cid().toString();
    }

    @Test
    void inlinedEmptyDirectoryIsAnIdentityCid() {
        ImportOptions o = KUBO.toBuilder().inline(true).wrapWithDirectory(true).build();
        assertThat(new Importer(new MapSink(), o).session().finish().get(0).cid().toString())
                .isEqualTo("bafyaabakaieac");
    }

    @Test
    void helloWorldDagPbLeafHasTheSpecBytes() throws IOException {
        MapSink sink = new MapSink();
        ImportedEntry e = new Importer(sink, KUBO).addFile("h", new ByteArrayInputStream(
                "hello world".getBytes(StandardCharsets.US_ASCII)));
        assertThat(e.cid().toString()).isEqualTo("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD");
        assertThat(HexFormat.of().formatHex(sink.get(e.cid())))
                .isEqualTo("0a110802120b68656c6c6f20776f726c64180b");
        assertThat(e.size()).isEqualTo(19);
    }

    @Test
    void rawHelloWorld() throws IOException {
        assertThat(cid(V1, "hello world".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    }

    @Test
    void emptyFileBlocksMatchTheSpecInBothCidVersions() throws IOException {
        MapSink sink = new MapSink();
        ImportOptions v1DagPb = KUBO.toBuilder().cidVersion(1).rawLeaves(false).build();
        ImportedEntry e = new Importer(sink, v1DagPb).addFile("e", new ByteArrayInputStream(new byte[0]));
        assertThat(e.cid().toString()).isEqualTo("bafybeif7ztnhq65lumvvtr4ekcwd2ifwgm3awq4zfr3srh462rwyinlb4y");
        assertThat(HexFormat.of().formatHex(sink.get(e.cid()))).isEqualTo("0a0408021800");
    }

    @Test
    void emptyDirectoryBlockIsFourBytes() {
        MapSink sink = new MapSink();
        Cid c = new Importer(sink, KUBO.toBuilder().wrapWithDirectory(true).build()).session().finish().get(0).cid();
        assertThat(HexFormat.of().formatHex(sink.get(c))).isEqualTo("0a020801");
    }
}
