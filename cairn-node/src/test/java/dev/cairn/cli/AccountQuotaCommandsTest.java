package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.app.LocalNode;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.config.CairnHome;
import dev.cairn.interop.CarInspect;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import dev.cairn.db.Database;
import dev.cairn.quota.StorageQuotas;
import dev.cairn.quota.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn account create --quota}, {@code account set-quota} and the quota and usage columns of {@code account list}. */
class AccountQuotaCommandsTest {
    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    private CliRun cli() {
        return new CliRun(home());
    }

    private OptionalLong quotaOf(String account) {
        try (Database db = Database.openSqlite(home().resolve(LocalNode.DATABASE_FILE))) {
            List<Usage> all = StorageQuotas.over(db, null).all();
            return all.stream().filter(u -> u.account().equals(account)).findFirst().orElseThrow().quotaBytes();
        }
    }

    @Test
    void createTakesAQuotaInBinaryOrDecimalUnits() {
        CliRun.Result r = cli().run("account", "create", "alice", "--quota", "10GiB");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.out()).contains("Created account 'alice' (quota: 10.0 GiB)");
        assertThat(quotaOf("alice")).hasValue(10L * 1024 * 1024 * 1024);
        assertThat(cli().run("account", "create", "bob", "--quota", "500MB").exit()).isZero();
        assertThat(quotaOf("bob")).hasValue(500_000_000L);
        assertThat(cli().run("account", "create", "carol").exit()).isZero();
        assertThat(quotaOf("carol")).isEmpty();
    }

    @Test
    void withoutQuotaCreateAppliesTheConfiguredDefault() {
        CliRun.Result r = cli().run("--set", "api.default-quota-bytes=1048576", "account", "create", "dave");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(quotaOf("dave")).hasValue(1_048_576L);
    }

    @Test
    void setQuotaChangesAndClearsAQuotaAndListShowsQuotaAndUsage() {
        cli().run("account", "create", "alice");
        CliRun.Result set = cli().run("account", "set-quota", "alice", "2GiB");
        assertThat(set.exit()).as(set.stderr()).isZero();
        assertThat(quotaOf("alice")).hasValue(2L << 30);

        CliRun.Result list = cli().run("account", "list");
        assertThat(list.lines().get(0)).containsSubsequence("NAME", "CREATED", "QUOTA", "USED");
        String alice = list.lines().stream().filter(l -> l.startsWith("alice ")).findFirst().orElseThrow();
        assertThat(alice).contains("2.0 GiB").endsWith("0 B");

        assertThat(cli().run("account", "set-quota", "alice", "unlimited").exit()).isZero();
        assertThat(quotaOf("alice")).isEmpty();
    }

    @Test
    void nextToARunningNodeListShowsTheBytesOfAnUploadAsIpldCarCountsThem() throws Exception {
        NodeContext context = NodeContext.open(new CairnHome(home()), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0"));
        try (RunningNode node = RunningNode.start(context, line -> { })) {
            String token = Files.readString(home().resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
            HttpClient http = HttpClient.newHttpClient();
            String boundary = "quotaListBoundary";
            byte[] data = new byte[3_000_000];
            new Random(9).nextBytes(data);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            body.writeBytes(data);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
            HttpResponse<String> added = http.send(HttpRequest.newBuilder(node.apiUri().resolve("/api/v0/add"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            String cid = new ObjectMapper().readTree(added.body()).get("Hash").asText();
            HttpResponse<byte[]> car = http.send(HttpRequest.newBuilder(node.apiUri().resolve("/api/v0/dag/export?arg=" + cid))
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long reference = CarInspect.inspect(Files.write(tmp.resolve("x.car"), car.body())).blocks().stream()
                    .mapToLong(CarInspect.BlockEntry::size).sum();

            Instant deadline = Instant.now().plusSeconds(60); // a hang guard for the background measurement
            String admin;
            do {
                assertThat(Instant.now()).as("waiting for the upload to be measured").isBefore(deadline);
                Thread.sleep(50);
                admin = cli().run("account", "list").lines().stream().filter(l -> l.startsWith("admin ")).findFirst()
                        .orElseThrow();
            } while (admin.contains("not measured"));
            assertThat(admin).contains("unlimited").endsWith(ProgressBar.human(reference));
            assertThat(reference).isGreaterThan(data.length);
        }
    }

    @Test
    void badSizesAndUnknownAccountsFailWithOneLine() {
        cli().run("account", "create", "alice");
        CliRun.Result bad = cli().run("account", "set-quota", "alice", "lots");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr()).startsWith("Error: SIZE must be a size such as 10GiB").doesNotContain("internal error");
        CliRun.Result unknown = cli().run("account", "set-quota", "nobody", "1GiB");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.stderr()).isEqualTo("Error: no account named 'nobody'\n");
        CliRun.Result overflow = cli().run("account", "create", "bob", "--quota", "99999999999PiB");
        assertThat(overflow.exit()).isEqualTo(1);
        assertThat(overflow.stderr()).contains("too large");
    }
}
