package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./cairn} launcher and {@code scripts/find-jdk.sh} as processes. The launcher
 * is pointed at the test classpath (CAIRN_CLASSPATH) so that it does not start a nested Maven build
 * inside this one; the JDK search runs over fake JDK directories.
 */
class LauncherTest {
    private static final Path ROOT = repositoryRoot();

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    private Run run(Path cwd, Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove("CAIRN_HOME");
        pb.environment().putAll(env);
        Path out = tmp.resolve("stdout");
        Path err = tmp.resolve("stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void cairnVersionRunsThroughTheLauncherFromAnyDirectory() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("somewhere/else"));

        Run r = run(elsewhere,
                Map.of("CAIRN_CLASSPATH", System.getProperty("java.class.path"), "CAIRN_HOME", tmp.resolve("h").toString()),
                List.of(ROOT.resolve("cairn").toString(), "version"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("cairn " + CairnVersion.version() + "\n").contains("Java version: ");
        assertThat(r.err()).isEmpty();
        assertThat(tmp.resolve("h")).doesNotExist();
    }

    @Test
    void aFailingCommandKeepsItsExitCodeThroughTheLauncher() throws Exception {
        Run r = run(tmp, Map.of("CAIRN_CLASSPATH", System.getProperty("java.class.path")),
                List.of(ROOT.resolve("cairn").toString(), "no-such-command"));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("Error: unknown command 'no-such-command' (see 'cairn --help')\n");
    }

    @Test
    void theLauncherExplainsWhatToInstallWhenNoJdk21IsFound() throws Exception {
        Run r = run(tmp, Map.of("CAIRN_JDK_SEARCH", tmp.resolve("none/*").toString(), "JAVA_HOME", ""),
                List.of(ROOT.resolve("cairn").toString(), "version"));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: Cairn needs a JDK 21 or newer").contains("apt-get install openjdk-21-jdk");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theFinderPicksTheNewestJdkOfAtLeast21() throws Exception {
        fakeJdk("jdk-17", "17.0.9", true);
        fakeJdk("jdk-21", "21.0.2", true);
        Path newest = fakeJdk("jdk-22", "22", true);
        fakeJdk("jre-24", "24.0.1", false); // no javac: cannot build Cairn

        Run r = find(Map.of("JAVA_HOME", ""));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(newest + "\n");
    }

    @Test
    void javaHomeWinsWhenItIsAtLeast21AndIsIgnoredWhenOlder() throws Exception {
        Path old = fakeJdk("jdk-11", "11.0.2", true);
        Path chosen = fakeJdk("jdk-21", "21.0.2", true);
        Path newest = fakeJdk("jdk-25", "25.0.1", true);

        assertThat(find(Map.of("JAVA_HOME", chosen.toString())).out()).isEqualTo(chosen + "\n");
        assertThat(find(Map.of("JAVA_HOME", old.toString())).out()).isEqualTo(newest + "\n");
    }

    @Test
    void withoutAReleaseFileTheVersionComesFromJavaVersion() throws Exception {
        Path jdk = fakeJdk("legacy", null, true);
        Files.writeString(jdk.resolve("bin/java"),
                "#!/bin/sh\necho 'openjdk version \"21.0.5\" 2024-10-15' >&2\n");

        assertThat(find(Map.of("JAVA_HOME", "")).out()).isEqualTo(jdk + "\n");
    }

    @Test
    void theFinderFailsWithAnInstallHintWhenOnlyOldJdksExist() throws Exception {
        fakeJdk("jdk-8", "1.8.0_392", true);
        fakeJdk("jdk-17", "17.0.9", true);

        Run r = find(Map.of("JAVA_HOME", ""));

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("JDK 21 or newer").contains("openjdk-21-jdk").contains("Temurin");
    }

    private Run find(Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("CAIRN_JDK_SEARCH", tmp.resolve("jdks").toString() + "/*");
        return run(tmp, all, List.of("bash", ROOT.resolve("scripts/find-jdk.sh").toString()));
    }

    /** A directory that looks like a JDK: bin/java (and bin/javac), and a release file if a version is given. */
    private Path fakeJdk(String name, String releaseVersion, boolean withJavac) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("jdks").resolve(name));
        Path bin = Files.createDirectories(home.resolve("bin"));
        executable(bin.resolve("java"), "#!/bin/sh\necho 'fake java should not run' >&2\nexit 3\n");
        if (withJavac) {
            executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        }
        if (releaseVersion != null) {
            Files.writeString(home.resolve("release"),
                    "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + releaseVersion + "\"\nOS_NAME=\"Linux\"\n");
        }
        return home;
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("cairn")) && Files.isRegularFile(p.resolve("scripts/find-jdk.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (with ./cairn) above " + Path.of("").toAbsolutePath());
    }
}
