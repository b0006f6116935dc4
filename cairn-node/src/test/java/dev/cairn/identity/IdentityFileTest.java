package dev.cairn.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFileTest {
    @TempDir
    Path dir;

    @Test
    void firstUseCreatesAnOwnerOnlyKeyThatLaterLoadsReturn() throws Exception {
        IdentityFile file = new IdentityFile(dir.resolve("identity.key"));

        Identity created = file.loadOrCreate(new SecureRandom());
        Identity again = file.loadOrCreate(new SecureRandom());

        assertThat(again.peerId()).isEqualTo(created.peerId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        assertThat(Files.readAllBytes(file.path())).isEqualTo(created.privateKeyProtobuf());
        try (var stray = Files.list(dir)) {
            assertThat(stray).containsExactly(file.path());
        }
    }

    @Test
    void anExistingIdentityIsNeverReplaced() {
        IdentityFile file = new IdentityFile(dir.resolve("identity.key"));
        Identity first = Identity.generate(new SecureRandom());
        Identity second = Identity.generate(new SecureRandom());

        assertThat(file.create(first)).isTrue();
        assertThat(file.create(second)).isFalse();
        assertThat(file.load().peerId()).isEqualTo(first.peerId());
    }

    @Test
    void processesInitialisingTheSameHomeAtOnceAgreeOnOneIdentity() throws Exception {
        IdentityFile file = new IdentityFile(dir.resolve("identity.key"));
        int n = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.List<java.util.concurrent.Future<PeerId>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(pool.submit(() -> {
                    start.await();
                    return new IdentityFile(file.path()).loadOrCreate(new SecureRandom()).peerId();
                }));
            }
            PeerId first = ids.get(0).get();
            for (var id : ids) {
                assertThat(id.get()).isEqualTo(first);
            }
            assertThat(file.load().peerId()).isEqualTo(first);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCorruptFileIsReportedWithItsPath() throws Exception {
        Path path = dir.resolve("identity.key");
        Files.write(path, new byte[] {8, 1, 18, 3, 1, 2, 3});

        assertThatThrownBy(() -> new IdentityFile(path).load())
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining(path.toString())
                .hasMessageContaining("64");
    }
}
