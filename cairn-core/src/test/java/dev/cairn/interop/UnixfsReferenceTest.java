package dev.cairn.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.interop.UnixfsReference.Case;
import dev.cairn.interop.UnixfsReference.Entry;
import dev.cairn.interop.UnixfsReference.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the oracle is set up right: it reproduces every reference CID of
 * {@code shared/vectors/cids.md} (Kubo-confirmed where the table says so) in both profiles.
 */
class UnixfsReferenceTest {
    @TempDir
    static Path dir;

    private static Map<String, Result> results;

    @BeforeAll
    static void importTheVectorInputsInBothProfiles() throws IOException {
        Files.write(dir.resolve("empty"), new byte[0]);
        Files.writeString(dir.resolve("hello"), "hello world\n", StandardCharsets.UTF_8);
        Files.write(dir.resolve("zeros"), new byte[1 << 20]);
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "a");
        Files.createDirectories(tree.resolve("b"));
        Files.writeString(tree.resolve("b/c.txt"), "c");
        Files.createDirectories(dir.resolve("emptydir"));

        List<String> inputs = List.of("empty", "hello", "zeros", "tree", "emptydir");
        List<Case> cases = new java.util.ArrayList<>();
        for (String input : inputs) {
            cases.add(Case.kubo("kubo/" + input, dir.resolve(input)));
            cases.add(Case.unixfsV1("v1/" + input, dir.resolve(input)));
        }
        cases.add(new Case("kubo/hello-wrapped", dir.resolve("hello"), Map.of("wrapWithDirectory", true)));
        results = UnixfsReference.compute(cases);
    }

    @Test
    void emptyFileMatchesTheVectors() {
        assertThat(root("kubo/empty")).isEqualTo("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
        assertThat(root("v1/empty")).isEqualTo("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    }

    @Test
    void helloWorldMatchesTheVectors() {
        assertThat(root("kubo/hello")).isEqualTo("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
        assertThat(root("v1/hello")).isEqualTo("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    }

    @Test
    void oneMebibyteOfZerosMatchesTheVectors() {
        assertThat(root("kubo/zeros")).isEqualTo("QmVkbauSDEaMP4Tkq6Epm9uW75mWm136n81YH8fGtfwdHU");
        assertThat(root("v1/zeros")).isEqualTo("bafkreibq4fevl27rgurgnxbp7adh42aqiyd6ouflxhj3gzmcxcxzbh6lla");
    }

    @Test
    void smallDirectoryTreeMatchesTheVectors() {
        assertThat(root("kubo/tree")).isEqualTo("QmZu3TJpKxTgBUNLZgFC5GuoBxGXHoNXKzxMCf92zZVWF7");
        assertThat(root("v1/tree")).isEqualTo("bafybeif7waqirotxrdk3xf4lei2qzlsynejz6ruawii3ffv63vnkct75t4");
    }

    @Test
    void emptyDirectoryMatchesTheVectors() {
        assertThat(root("kubo/emptydir")).isEqualTo("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn");
        assertThat(root("v1/emptydir")).isEqualTo("bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354");
    }

    @Test
    void directoryEntriesAreNamedAsIpfsAddPrintsThemWithTheRootLast() {
        Result tree = results.get("kubo/tree");
        assertThat(tree.entries()).extracting(Entry::path)
                .containsExactly("tree/a.txt", "tree/b/c.txt", "tree/b", "tree");
        assertThat(tree.entries().getLast().cid()).isEqualTo(tree.root());
        // A one-byte file as a dag-pb leaf: 2 bytes of PBNode framing around 7 bytes of UnixFS Data.
        assertThat(tree.entries().getFirst().size()).isEqualTo(9);
    }

    @Test
    void wrappingAFileGivesADirectoryWhoseOnlyLinkIsTheFile() {
        Result wrapped = results.get("kubo/hello-wrapped");
        assertThat(wrapped.cidOf("hello")).isEqualTo("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o");
        assertThat(wrapped.entries().getLast().path()).isEmpty();
        assertThat(wrapped.root()).isNotEqualTo(wrapped.cidOf("hello")).startsWith("Qm");
    }

    @Test
    void optionsTheReferenceCannotReproduceAreRefusedNotIgnored() {
        Case inline = new Case("inline", dir.resolve("hello"), Map.of("inline", true));
        assertThatThrownBy(() -> UnixfsReference.compute(inline))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inline");
        Case typo = new Case("typo", dir.resolve("hello"), Map.of("chunksize", 1024));
        assertThatThrownBy(() -> UnixfsReference.compute(typo)).hasMessageContaining("unknown option \"chunksize\"");
    }

    @Test
    void directoryShardedByKuboOnlyBecauseOfItsSubdirectoriesIsRefusedNotAnsweredWrongly() throws IOException {
        // 20 links of 30 + 34 bytes = 1280 > 1000: Kubo shards. The JS importer counts unflushed
        // subdirectories as 0 bytes and would leave the directory flat, so the script must refuse.
        Path top = Files.createDirectories(dir.resolve("subdirs"));
        for (int i = 10; i < 30; i++) {
            Files.writeString(Files.createDirectories(top.resolve("sub-directory-name-padding-x" + i)).resolve("f"), "f");
        }
        Case subdirs = new Case("subdirs", top, Map.of("shardSplitThresholdBytes", 1000));

        assertThatThrownBy(() -> UnixfsReference.compute(subdirs))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kubo would shard it (links-bytes estimate 1280)");
    }

    private static String root(String id) {
        return results.get(id).root();
    }
}
