package dev.cairn.unixfs.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Kubo itself prints for {@code ipfs add} of small inputs, as asserted by Kubo's own test suite
 * (ipfs/kubo {@code test/sharness/t0040-add-and-cat.sh}; the same vectors check the JS oracle in
 * {@code dev.cairn.interop.KuboSharnessVectorsTest}). Here they check our importer, print order included.
 */
class KuboSharnessVectorsImportTest {
    @TempDir
    static Path dir;

    private static Path planets;
    private static Path moons;

    @BeforeAll
    static void writeTheSharnessInputs() throws IOException {
        Files.writeString(dir.resolve("hello.txt"), "Hello Worlds!\n");
        Files.writeString(dir.resolve("hello2.txt"), "Helloo Worlds!\n");
        Files.writeString(dir.resolve("stdin"), "Hello Neptune!\nHello Pluton!");
        planets = Files.createDirectories(dir.resolve("planets"));
        Files.writeString(planets.resolve("mars.txt"), "Hello Mars!\n");
        Files.writeString(planets.resolve("venus.txt"), "Hello Venus!\n");
        moons = dir.resolve("moons");
        Files.createDirectories(moons.resolve("jupiter"));
        Files.createDirectories(moons.resolve("saturn"));
        Files.writeString(moons.resolve("jupiter/europa.txt"), "Hello Europa!\n");
        Files.writeString(moons.resolve("saturn/titan.txt"), "Hello Titan!\n");
        Files.writeString(moons.resolve("mercury.txt"), "hey youre no moon!\n");
    }

    private static List<String> add(ImportOptions o, Path p) throws IOException {
        return new Importer(new MapSink(), o).addPaths(List.of(p), true).stream()
                .map(e -> e.path() + "=" + e.cid()).toList();
    }

    private static ImportOptions.Builder kubo() {
        return ImportOptions.kubo().toBuilder();
    }

    @Test
    void singleChunkFilesMatchKubo() throws IOException {
        assertThat(add(kubo().build(), dir.resolve("hello.txt")))
                .containsExactly("hello.txt=QmVr26fY1tKyspEJBniVhqxQeEjhF78XerGiqWAwraVLQH");
        assertThat(add(kubo().build(), dir.resolve("hello2.txt")))
                .containsExactly("hello2.txt=Qmf35k66MZNW2GijohUmXQEWKZU4cCGTCwK6idfnt152wJ");
        assertThat(add(kubo().build(), dir.resolve("stdin")))
                .containsExactly("stdin=QmZDhWpi8NvKrekaYYhxKCdNVGWsFFe1CREnAjP1QbPaB3");
    }

    @Test
    void trickleMatchesKubosAddDashT() throws IOException {
        assertThat(add(kubo().trickle(true).build(), dir.resolve("hello.txt")))
                .containsExactly("hello.txt=QmUkUQgxXeggyaD5Ckv8ZqfW8wHBX6cYyeiyqvVZYzq5Bi");
    }

    @Test
    void directoryWithDefaultFlags() throws IOException {
        assertThat(add(kubo().build(), planets)).containsExactly(
                "planets/mars.txt=QmPrrHqJzto9m7SyiRzarwkqPcCSsKR2EB1AyqJfe8L8tN",
                "planets/venus.txt=QmU5kp3BH3B8tnWUU2Pikdb2maksBNkb92FHRr56hyghh4",
                "planets=QmWSgS32xQEcXMeqd3YPJLrNBLSdsfYCep2U7CFkyrjXwY");
    }

    @Test
    void rawLeavesWithCidV0() throws IOException {
        assertThat(add(kubo().rawLeaves(true).build(), planets)).containsExactly(
                "planets/mars.txt=bafkreibmlvvgdyihetgocpof6xk64kjjzdeq2e4c7hqs3krdheosk4tgj4",
                "planets/venus.txt=bafkreihfsphazrk2ilejpekyltjeh5k4yvwgjuwg26ueafohqioeo3sdca",
                "planets=QmfWfQfKCY5Ukv9peBbxM5vqWM9BzmqUSXvdCgjT2wsiBT");
    }

    @Test
    void cidVersionOneImpliesRawLeaves() throws IOException {
        assertThat(add(kubo().cidVersion(1).build(), planets)).containsExactly(
                "planets/mars.txt=bafkreibmlvvgdyihetgocpof6xk64kjjzdeq2e4c7hqs3krdheosk4tgj4",
                "planets/venus.txt=bafkreihfsphazrk2ilejpekyltjeh5k4yvwgjuwg26ueafohqioeo3sdca",
                "planets=bafybeih7e5dmkyk25up5vxug4q3hrg2fxbzf23dfrac2fns5h7z4aa7ioi");
    }

    @Test
    void cidVersionOneWithoutRawLeaves() throws IOException {
        assertThat(add(kubo().cidVersion(1).rawLeaves(false).build(), planets)).containsExactly(
                "planets/mars.txt=bafybeiawta2ntdmsy24aro35w3homzl4ak7svr3si7l7gesvq4erglyye4",
                "planets/venus.txt=bafybeicvkvhs2fr75ynebtdjqpgm4g2fc63abqbmysupwpmcjl4gx7mzrm",
                "planets=bafybeif5tuep5ap2d7zyhbktucey75aoacxufgt6i3v4gebmixyipnyp7y");
    }

    @Test
    void nestedDirectoriesInKubosOutputOrder() throws IOException {
        assertThat(add(kubo().build(), moons)).containsExactly(
                "moons/jupiter/europa.txt=Qmbjg7zWdqdMaK2BucPncJQDxiALExph5k3NkQv5RHpccu",
                "moons/mercury.txt=QmUJjVtnN8YEeYcS8VmUeWffTWhnMQAkk5DzZdKnPhqUdK",
                "moons/saturn/titan.txt=QmZzppb9WHn552rmRqpPfgU5FEiHH6gDwi3MrB9cTdPwdb",
                "moons/jupiter=QmS5mZddhFPLWFX3w6FzAy9QxyYkaxvUpsWCtZ3r7jub9J",
                "moons/saturn=QmaMagZT4rTE7Nonw8KGSK4oe1bh533yhZrCo1HihSG8FK",
                "moons=QmVKvomp91nMih5j6hYBA8KjbiaYvEetU2Q7KvtZkLe9nQ");
    }
}
