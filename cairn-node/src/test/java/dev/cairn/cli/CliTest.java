package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.identity.PeerId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs the real command tree in-process with captured output. */
class CliTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();

    record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    private StringWriter out;
    private StringWriter errBuf;

    private Result run(CommandLine cli, String... args) {
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        return new Result(code, out.toString(), errBuf.toString());
    }

    private CommandLine cli() {
        out = new StringWriter();
        errBuf = new StringWriter();
        return Cli.commandLine(env, tmp.resolve("user"), new PrintWriter(out), new PrintWriter(errBuf));
    }

    private Result cairnIn(String... args) {
        return run(cli(), args);
    }

    @Test
    void versionPrintsCairnThenJavaAndSystemLikeIpfsVersionAll() {
        Result r = cairnIn("version");

        assertThat(r.code()).isZero();
        assertThat(r.out().split("\n")).hasSize(3);
        assertThat(r.out()).startsWith("cairn " + CairnVersion.version() + "\n");
        assertThat(r.out()).contains("Java version: " + System.getProperty("java.version"));
        assertThat(r.out()).containsPattern("System version: \\w+/\\w+");
        assertThat(CairnVersion.version()).doesNotContain("${").isNotEqualTo("unknown");
    }

    @Test
    void versionNumberPrintsOnlyTheNumberAndCreatesNoHome() {
        env.put("CAIRN_HOME", tmp.resolve("home").toString());

        Result r = cairnIn("version", "--number");

        assertThat(r.out()).isEqualTo(CairnVersion.version() + "\n");
        assertThat(tmp.resolve("home")).doesNotExist();
    }

    @Test
    void idPrintsKuboShapedJsonForANewlyInitialisedHome() throws Exception {
        Path home = tmp.resolve("node");

        Result r = cairnIn("--home", home.toString(), "id");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("ID", "PublicKey", "Addresses", "AgentVersion", "Protocols");
        assertThat(json.get("ID").asText()).startsWith("12D3KooW");
        byte[] publicKey = Base64.getDecoder().decode(json.get("PublicKey").asText());
        assertThat(PeerId.fromPublicKey(publicKey).toString()).isEqualTo(json.get("ID").asText());
        assertThat(json.get("AgentVersion").asText()).isEqualTo("cairn/" + CairnVersion.version());
        assertThat(json.get("Addresses").isArray()).isTrue();
        assertThat(json.get("Protocols").isArray()).isTrue();
        assertThat(r.out()).contains("\t\"ID\": ");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(home.resolve("config.toml")).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("identity.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void theIdentityIsStableAndTheHomeCanComeFromTheOptionAfterTheCommandOrTheEnvironment() throws Exception {
        Path home = tmp.resolve("node");
        String first = idOf(cairnIn("--home", home.toString(), "id"));
        String optionAfter = idOf(cairnIn("id", "--home", home.toString()));
        env.put("CAIRN_HOME", home.toString());
        String fromEnv = idOf(cairnIn("id"));

        assertThat(optionAfter).isEqualTo(first);
        assertThat(fromEnv).isEqualTo(first);
        assertThat(idOf(cairnIn("--home", tmp.resolve("other").toString(), "id"))).isNotEqualTo(first);
    }

    @Test
    void withoutHomeOrEnvironmentTheHomeIsDotCairnInTheUserHome() throws Exception {
        Result r = cairnIn("id");

        assertThat(r.code()).isZero();
        assertThat(tmp.resolve("user/.cairn/identity.key")).isRegularFile();
    }

    @Test
    void peerIdBaseBase36PrintsTheLibp2pKeyCid() throws Exception {
        Path home = tmp.resolve("node");
        String b58 = idOf(cairnIn("--home", home.toString(), "id"));
        String b36 = idOf(cairnIn("--home", home.toString(), "id", "--peerid-base", "base36"));

        assertThat(b36).startsWith("k51qzi5uqu5d");
        assertThat(PeerId.parse(b36)).isEqualTo(PeerId.parse(b58));
    }

    @Test
    void configShowsEffectiveValuesWithTheirOrigins() {
        env.put("CAIRN_GATEWAY_MODE", "private");

        Result r = cairnIn("--home", tmp.resolve("node").toString(), "config", "--set", "store.fsync=false");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("mode = \"private\"  # CAIRN_GATEWAY_MODE");
        assertThat(r.out()).contains("fsync = false  # --set");
        assertThat(r.out()).contains("pack-size-bytes = 268435456  # " + tmp.resolve("node/config.toml"));
    }

    @Test
    void everyCommandAnswersHelpWithUsageAndExitZero() {
        CommandLine root = cli();
        List<String> names = new ArrayList<>(root.getSubcommands().keySet());
        assertThat(names).contains("version", "id", "config");
        for (String name : names) {
            Result r = cairnIn(name, "--help");
            assertThat(r.code()).as(name).isZero();
            assertThat(r.out()).as(name).startsWith("Usage: cairn " + name);
            assertThat(r.err()).as(name).isEmpty();
        }
        assertThat(cairnIn("--help").out()).startsWith("Usage: cairn");
    }

    @Test
    void anUnknownCommandIsOneErrorLineAndExitTwo() {
        Result r = cairnIn("pin-everything");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("Error: unknown command 'pin-everything' (see 'cairn --help')");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownOptionIsOneErrorLineAndExitTwo() {
        Result r = cairnIn("id", "--bogus");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("Error: Unknown option: '--bogus' (see 'cairn id --help')");
    }

    @Test
    void aConfigurationErrorIsOneLineNamingTheKeyAndExitOne() throws Exception {
        Path home = tmp.resolve("node");
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.toml"), "[store]\npack-size-bytes = -1\n");

        Result r = cairnIn("--home", home.toString(), "id");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("Error: store.pack-size-bytes must be > 0, got -1");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownSettingOnTheCommandLineIsAnError() {
        Result r = cairnIn("--home", tmp.resolve("node").toString(), "--set", "gateway.mood=x", "id");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("Error: unknown setting 'gateway.mood' (from --set)");
    }

    @Test
    void cairnDebugAddsTheStackTrace() {
        env.put("CAIRN_DEBUG", "1");

        Result r = cairnIn("--home", tmp.resolve("node").toString(), "--set", "gateway.mode=open", "id");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines().get(0)).startsWith("Error: gateway.mode must be one of");
        assertThat(r.err()).contains("dev.cairn.config.ConfigException").contains("\tat ");
    }

    @Test
    void anUnexpectedExceptionIsReportedAsAnInternalErrorWithoutAStackTrace() {
        CommandLine cli = cli();
        cli.addSubcommand("boom", new Boom());
        cli.setOut(cli.getOut()).setErr(cli.getErr()); // streams reach subcommands added so far

        Result r = run(cli, "boom");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                "Error: internal error: IllegalStateException: wires crossed (run with CAIRN_DEBUG=1 for a stack trace)");
    }

    @Test
    void multiLineMessagesAreFoldedOntoOneLine() {
        CommandLine cli = cli();
        cli.addSubcommand("boom", new Boom(new CliException("first\n  second")));
        cli.setOut(cli.getOut()).setErr(cli.getErr());

        assertThat(run(cli, "boom").errLines()).containsExactly("Error: first second");
    }

    @Test
    void noCommandPrintsUsage() {
        Result r = cairnIn();

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: cairn").contains("Commands:");
    }

    private static String idOf(Result r) throws Exception {
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out()).get("ID").asText();
    }

    @Command(name = "boom")
    static final class Boom implements Runnable {
        private final RuntimeException failure;

        Boom() {
            this(new IllegalStateException("wires crossed"));
        }

        Boom(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public void run() {
            throw failure;
        }
    }
}
