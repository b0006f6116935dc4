package dev.cairn.unixfs.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImportOptionsTest {
    @Test
    void kuboProfileIsWhatIpfsAddDoesByDefault() {
        ImportOptions k = ImportOptions.kubo();
        assertThat(k.cidVersion()).isZero();
        assertThat(k.rawLeaves()).isFalse();
        assertThat(k.chunker()).isEqualTo("size-262144");
        assertThat(k.maxLinks()).isEqualTo(174);
        assertThat(k.trickle()).isFalse();
        assertThat(k.inline()).isFalse();
        assertThat(k.inlineLimit()).isEqualTo(32);
        assertThat(k.hamtThreshold()).isEqualTo(256 * 1024);
        assertThat(k.hamtSizeEstimation()).isEqualTo(HamtSizeEstimation.LINKS);
        assertThat(k.hamtFanout()).isEqualTo(256);
    }

    @Test
    void unixfsV1ProfileFollowsIpip499() {
        ImportOptions v = ImportOptions.unixfsV1_2025();
        assertThat(v.cidVersion()).isEqualTo(1);
        assertThat(v.rawLeaves()).isTrue();
        assertThat(v.chunkSize()).isEqualTo(1024 * 1024);
        assertThat(v.maxLinks()).isEqualTo(1024);
        assertThat(v.hamtSizeEstimation()).isEqualTo(HamtSizeEstimation.BLOCK);
        assertThat(v.hamtThreshold()).isEqualTo(256 * 1024);
    }

    @Test
    void profilesAreFoundByNameAndUnknownNamesListTheValidOnes() {
        assertThat(ImportOptions.profile("kubo")).isEqualTo(ImportOptions.kubo());
        assertThat(ImportOptions.profile("unixfs-v0-2015")).isEqualTo(ImportOptions.kubo());
        assertThat(ImportOptions.profile("unixfs-v1-2025")).isEqualTo(ImportOptions.unixfsV1_2025());
        assertThatThrownBy(() -> ImportOptions.profile("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kubo").hasMessageContaining("unixfs-v1-2025");
    }

    @Test
    void cidVersionOneImpliesRawLeavesUnlessRawLeavesIsGiven() {
        assertThat(ImportOptions.kubo().toBuilder().cidVersion(1).build().rawLeaves()).isTrue();
        assertThat(ImportOptions.kubo().toBuilder().cidVersion(1).rawLeaves(false).build().rawLeaves()).isFalse();
        assertThat(ImportOptions.kubo().toBuilder().rawLeaves(false).cidVersion(1).build().rawLeaves()).isFalse();
        assertThat(ImportOptions.kubo().toBuilder().trickle(true).build().rawLeaves()).isFalse();
        assertThat(ImportOptions.unixfsV1_2025().toBuilder().maxLinks(10).build().rawLeaves()).isTrue();
    }

    @Test
    void chunkerParsesKubosSizeSyntax() {
        assertThat(ImportOptions.parseChunker("size-1")).isEqualTo(1);
        assertThat(ImportOptions.parseChunker("size-2096896")).isEqualTo(2096896);
        assertThat(ImportOptions.kubo().toBuilder().chunker("size-1024").build().chunkSize()).isEqualTo(1024);
    }

    @Test
    void chunkerOutsideOneTo2096896IsRefusedWithTheLimitInTheMessage() {
        assertThatThrownBy(() -> ImportOptions.parseChunker("size-0")).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> ImportOptions.parseChunker("size--5")).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> ImportOptions.parseChunker("size-2096897")).hasMessageContaining("2096896");
        assertThatThrownBy(() -> ImportOptions.parseChunker("size-99999999999999")).hasMessageContaining("2096896");
        assertThatThrownBy(() -> ImportOptions.parseChunker("size-abc")).hasMessageContaining("not a number");
    }

    @Test
    void rabinAndBuzhashAreUnsupportedAndOtherNamesUnrecognized() {
        assertThatThrownBy(() -> ImportOptions.parseChunker("rabin-262144-524288-1048576"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> ImportOptions.parseChunker("buzhash"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not supported");
        assertThatThrownBy(() -> ImportOptions.parseChunker("fixed-10"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unrecognized");
    }

    @Test
    void inlineLimitAbove128AndOtherNonsenseAreRefused() {
        ImportOptions.Builder b = ImportOptions.kubo().toBuilder();
        assertThatThrownBy(() -> b.inlineLimit(129).build()).hasMessageContaining("128");
        assertThatThrownBy(() -> ImportOptions.kubo().toBuilder().cidVersion(2).build())
                .hasMessageContaining("cid-version");
        assertThatThrownBy(() -> ImportOptions.kubo().toBuilder().maxLinks(1).build())
                .hasMessageContaining("max-file-links");
        assertThatThrownBy(() -> ImportOptions.kubo().toBuilder().hamtFanout(100).build())
                .hasMessageContaining("fanout");
        assertThatThrownBy(() -> ImportOptions.kubo().toBuilder().hamtThreshold(-1).build())
                .hasMessageContaining("hamt-threshold");
    }
}
