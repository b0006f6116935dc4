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
 * The oracle's option mapping reproduces what Kubo itself prints for {@code ipfs add} with various
 * flags. Expected CIDs are Kubo's, as asserted by Kubo's own test suite (ipfs/kubo,
 * {@code test/sharness/t0040-add-and-cat.sh}); the inputs are the small files that suite creates.
 */
class KuboSharnessVectorsTest {
    @TempDir
    static Path dir;

    private static Map<String, Result> results;

    @BeforeAll
    static void importTheSharnessInputs() throws IOException {
        Files.writeString(dir.resolve("hello.txt"), "Hello Worlds!\n");
        Files.writeString(dir.resolve("hello2.txt"), "Helloo Worlds!\n");
        Files.writeString(dir.resolve("stdin"), "Hello Neptune!\nHello Pluton!");

        Path planets = Files.createDirectories(dir.resolve("planets"));
        Files.writeString(planets.resolve("mars.txt"), "Hello Mars!\n");
        Files.writeString(planets.resolve("venus.txt"), "Hello Venus!\n");

        Path moons = dir.resolve("moons");
        Files.createDirectories(moons.resolve("jupiter"));
        Files.createDirectories(moons.resolve("saturn"));
        Files.writeString(moons.resolve("jupiter/europa.txt"), "Hello Europa!\n");
        Files.writeString(moons.resolve("saturn/titan.txt"), "Hello Titan!\n");
        Files.writeString(moons.resolve("mercury.txt"), "hey youre no moon!\n");

        results = UnixfsReference.compute(List.of(
                Case.kubo("hello", dir.resolve("hello.txt")),
                new Case("hello -t", dir.resolve("hello.txt"), Map.of("layout", "trickle")),
                Case.kubo("hello2", dir.resolve("hello2.txt")),
                Case.kubo("stdin", dir.resolve("stdin")),
                Case.kubo("planets", planets),
                new Case("planets --raw-leaves", planets, Map.of("rawLeaves", true)),
                new Case("planets --cid-version=1", planets, Map.of("cidVersion", 1)),
                new Case("planets --cid-version=1 --raw-leaves=false", planets,
                        Map.of("cidVersion", 1, "rawLeaves", false)),
                Case.kubo("moons", moons)));
    }

    @Test
    void singleChunkFilesMatchKubo() {
        assertThat(root("hello")).isEqualTo("QmVr26fY1tKyspEJBniVhqxQeEjhF78XerGiqWAwraVLQH");
        assertThat(root("hello2")).isEqualTo("Qmf35k66MZNW2GijohUmXQEWKZU4cCGTCwK6idfnt152wJ");
        assertThat(root("stdin")).isEqualTo("QmZDhWpi8NvKrekaYYhxKCdNVGWsFFe1CREnAjP1QbPaB3");
    }

    @Test
    void trickleLayoutMatchesKubosAddDashT() {
        // Kubo's trickle wraps even a single chunk in a root node, with a UnixFS Raw leaf.
        assertThat(root("hello -t")).isEqualTo("QmUkUQgxXeggyaD5Ckv8ZqfW8wHBX6cYyeiyqvVZYzq5Bi");
    }

    @Test
    void directoryMatchesKuboWithDefaultFlags() {
        assertThat(cids("planets")).containsExactly(
                "planets/mars.txt=QmPrrHqJzto9m7SyiRzarwkqPcCSsKR2EB1AyqJfe8L8tN",
                "planets/venus.txt=QmU5kp3BH3B8tnWUU2Pikdb2maksBNkb92FHRr56hyghh4",
                "planets=QmWSgS32xQEcXMeqd3YPJLrNBLSdsfYCep2U7CFkyrjXwY");
    }

    @Test
    void rawLeavesWithCidV0KeepTheDirectoryV0AndTheLeavesV1Raw() {
        assertThat(cids("planets --raw-leaves")).containsExactly(
                "planets/mars.txt=bafkreibmlvvgdyihetgocpof6xk64kjjzdeq2e4c7hqs3krdheosk4tgj4",
                "planets/venus.txt=bafkreihfsphazrk2ilejpekyltjeh5k4yvwgjuwg26ueafohqioeo3sdca",
                "planets=QmfWfQfKCY5Ukv9peBbxM5vqWM9BzmqUSXvdCgjT2wsiBT");
    }

    @Test
    void cidVersionOneImpliesRawLeavesAsInKubo() {
        assertThat(cids("planets --cid-version=1")).containsExactly(
                "planets/mars.txt=bafkreibmlvvgdyihetgocpof6xk64kjjzdeq2e4c7hqs3krdheosk4tgj4",
                "planets/venus.txt=bafkreihfsphazrk2ilejpekyltjeh5k4yvwgjuwg26ueafohqioeo3sdca",
                "planets=bafybeih7e5dmkyk25up5vxug4q3hrg2fxbzf23dfrac2fns5h7z4aa7ioi");
    }

    @Test
    void cidVersionOneWithoutRawLeavesMatchesKubo() {
        assertThat(cids("planets --cid-version=1 --raw-leaves=false")).containsExactly(
                "planets/mars.txt=bafybeiawta2ntdmsy24aro35w3homzl4ak7svr3si7l7gesvq4erglyye4",
                "planets/venus.txt=bafybeicvkvhs2fr75ynebtdjqpgm4g2fc63abqbmysupwpmcjl4gx7mzrm",
                "planets=bafybeif5tuep5ap2d7zyhbktucey75aoacxufgt6i3v4gebmixyipnyp7y");
    }

    @Test
    void nestedDirectoriesMatchKuboInKubosOutputOrder() {
        assertThat(cids("moons")).containsExactly(
                "moons/jupiter/europa.txt=Qmbjg7zWdqdMaK2BucPncJQDxiALExph5k3NkQv5RHpccu",
                "moons/mercury.txt=QmUJjVtnN8YEeYcS8VmUeWffTWhnMQAkk5DzZdKnPhqUdK",
                "moons/saturn/titan.txt=QmZzppb9WHn552rmRqpPfgU5FEiHH6gDwi3MrB9cTdPwdb",
                "moons/jupiter=QmS5mZddhFPLWFX3w6FzAy9QxyYkaxvUpsWCtZ3r7jub9J",
                "moons/saturn=QmaMagZT4rTE7Nonw8KGSK4oe1bh533yhZrCo1HihSG8FK",
                "moons=QmVKvomp91nMih5j6hYBA8KjbiaYvEetU2Q7KvtZkLe9nQ");
    }

    private static String root(String id) {
        return results.get(id).root();
    }

    private static List<String> cids(String id) {
        return results.get(id).entries().stream().map(e -> e.path() + "=" + e.cid()).toList();
    }
}
