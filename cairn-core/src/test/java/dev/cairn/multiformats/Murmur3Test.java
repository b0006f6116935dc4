package dev.cairn.multiformats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Murmur3Test {
    @Test
    void hamtBucketsMatchTheConformanceFixture() {
        // single-layer-hamt-with-multi-block-files.car: 470.txt sits in shard 00, then bucket 6E.
        byte[] h = Murmur3.hamtHash("470.txt".getBytes(StandardCharsets.UTF_8));
        assertThat(h[0] & 0xFF).isEqualTo(0x00);
        assertThat(h[1] & 0xFF).isEqualTo(0x6E);
        assertThat(Murmur3.hamtHash("685.txt".getBytes(StandardCharsets.UTF_8))[0] & 0xFF).isEqualTo(0xFD);
    }
}
