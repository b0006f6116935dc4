package dev.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.interop.UnixfsReference.Case;
import dev.cairn.interop.UnixfsReference.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle's profiles reproduce the CIDs Kubo publishes for IPIP-499's boundary cases
 * (ipfs/kubo {@code test/cli/cid_profiles_test.go}): a file of exactly 174 chunks and one chunk more
 * (the balanced tree gains a level), and directories exactly at and one byte over the HAMT threshold
 * under both size estimations. Inputs are regenerated with {@link KuboDeterministic}.
 * Not covered: the unixfs-v1-2025 max-links files (1 GiB each).
 */
class KuboCidProfilesTest {
    private static final int KIB_256 = 262_144;

    @TempDir
    static Path dir;

    private static Map<String, Result> results;

    @BeforeAll
    static void regenerateKubosInputsAndImportThem() throws IOException {
        Files.writeString(dir.resolve("hello"), "hello world");
        KuboDeterministic.writeFile(dir.resolve("v0-at-max-links"), 174L * KIB_256, "v0-seed");
        KuboDeterministic.writeFile(dir.resolve("v0-over-max-links"), 175L * KIB_256, "v0-seed");
        // links estimate: 4096 * (30 + 34) = 262144, exactly the threshold; 4033 * (31 + 34) = 262145.
        KuboDeterministic.writeDirectory(dir.resolve("v0-dir-basic"), 4096, 30, 30, "hamt-unixfs-v0-2015");
        KuboDeterministic.writeDirectory(dir.resolve("v0-dir-hamt"), 4033, 31, 31, "hamt-unixfs-v0-2015");
        // block size: 4765 * 55 + 65 + 4 = 262144; with a 22-character last name, 262145.
        KuboDeterministic.writeDirectory(dir.resolve("v1-dir-basic"), 4766, 11, 21, "hamt-unixfs-v1-2025");
        KuboDeterministic.writeDirectory(dir.resolve("v1-dir-hamt"), 4766, 11, 22, "hamt-unixfs-v1-2025");

        results = UnixfsReference.compute(List.of(
                Case.kubo("v0 hello", dir.resolve("hello")),
                Case.unixfsV1("v1 hello", dir.resolve("hello")),
                Case.kubo("v0 at max links", dir.resolve("v0-at-max-links")),
                Case.kubo("v0 over max links", dir.resolve("v0-over-max-links")),
                Case.kubo("v0 dir basic", dir.resolve("v0-dir-basic")),
                Case.kubo("v0 dir hamt", dir.resolve("v0-dir-hamt")),
                Case.unixfsV1("v1 dir basic", dir.resolve("v1-dir-basic")),
                Case.unixfsV1("v1 dir hamt", dir.resolve("v1-dir-hamt"))));
    }

    @Test
    void smallFileMatchesKuboInBothProfiles() {
        assertThat(root("v0 hello")).isEqualTo("Qmf412jQZiuVUtdgnB36FXFX7xg5V6KEbSJ4dpQuhkLyfD");
        assertThat(root("v1 hello")).isEqualTo("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    }

    @Test
    void fileOfExactly174ChunksMatchesKubo() {
        assertThat(root("v0 at max links")).isEqualTo("QmUbBALi174SnogsUzLpYbD4xPiBSFANF4iztWCsHbMKh2");
    }

    @Test
    void oneChunkMoreAddsATreeLevelAsInKubo() {
        assertThat(root("v0 over max links")).isEqualTo("QmepeWtdmS1hHXx1oZXsPUv6bMrfRRKfZcoPPU4eEfjnbf");
    }

    @Test
    void directoryExactlyAtTheLinksThresholdStaysFlatAsInKubo() {
        assertThat(root("v0 dir basic")).isEqualTo("QmX5GtRk3TSSEHtdrykgqm4eqMEn3n2XhfkFAis5fjyZmN");
    }

    @Test
    void directoryOneByteOverTheLinksThresholdIsShardedAsInKubo() {
        assertThat(root("v0 dir hamt")).isEqualTo("QmeMiJzmhpJAUgynAcxTQYek5PPKgdv3qEvFsdV3XpVnvP");
    }

    @Test
    void directoryExactlyAtTheBlockThresholdStaysFlatAsInKubo() {
        assertThat(root("v1 dir basic")).isEqualTo("bafybeic3h7rwruealwxkacabdy45jivq2crwz6bufb5ljwupn36gicplx4");
    }

    @Test
    void directoryOneByteOverTheBlockThresholdIsShardedAsInKubo() {
        assertThat(root("v1 dir hamt")).isEqualTo("bafybeiegvuterwurhdtkikfhbxcldohmxp566vpjdofhzmnhv6o4freidu");
    }

    private static String root(String id) {
        return results.get(id).root();
    }
}
