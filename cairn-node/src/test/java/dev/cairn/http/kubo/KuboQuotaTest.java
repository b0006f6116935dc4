package dev.cairn.http.kubo;

import static dev.cairn.http.kubo.KuboUploadLimitsTest.JSON;
import static dev.cairn.http.kubo.KuboUploadLimitsTest.multipart;
import static dev.cairn.http.kubo.KuboUploadLimitsTest.random;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.account.Account;
import dev.cairn.account.Scope;
import dev.cairn.app.NodeContext;
import dev.cairn.app.RunningNode;
import dev.cairn.cid.Cid;
import dev.cairn.config.CairnHome;
import dev.cairn.interop.CarInspect;
import dev.cairn.quota.StorageQuotas;
import dev.cairn.quota.Usage;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage quotas over real HTTP: usage is the bytes of the distinct blocks of an account's pinned
 * roots (checked against @ipld/car's reading of the exported DAG), an upload past the remaining
 * quota is refused with 403 and keeps nothing, accounts without a quota are not limited.
 */
class KuboQuotaTest {
    private static final long QUOTA = 3_000_000;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private RunningNode node;
    private StorageQuotas quotas;
    private String admin;
    private String bob;
    private Account bobAccount;

    @BeforeEach
    void start() throws Exception {
        NodeContext ctx = NodeContext.open(new CairnHome(tmp.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0"));
        node = RunningNode.start(ctx, line -> { });
        admin = Files.readString(ctx.home().dir().resolve(RunningNode.ADMIN_TOKEN_FILE)).strip();
        bobAccount = node.accounts().create("bob");
        bob = node.accounts().issue("bob", Set.of(Scope.READ, Scope.PIN, Scope.UPLOAD), null, "t").secret();
        quotas = StorageQuotas.over(node.local().database(), node.local().blocks());
        quotas.setQuota("bob", OptionalLong.of(QUOTA));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void usageIsTheBytesOfTheBlocksOfThePinnedDagAsIpldCarCountsThem() throws Exception {
        String cid = add(bob, random(2_000_000, 1));
        Path car = Files.write(tmp.resolve("a.car"), post("/api/v0/dag/export?arg=" + cid, bob, null).body());
        long reference = CarInspect.inspect(car).blocks().stream().mapToLong(CarInspect.BlockEntry::size).sum();

        Usage usage = quotas.usage(bobAccount.id());
        assertThat(usage.usedBytes()).isEqualTo(reference);
        assertThat(usage.unmeasuredRoots()).isZero();
        assertThat(usage.remainingBytes()).isEqualTo(QUOTA - reference);
        assertThat(quotas.usage(node.accounts().find("admin").orElseThrow().id()).usedBytes()).isZero();
    }

    @Test
    void aRootPinnedTwiceByOneAccountCountsOnce() throws Exception {
        String cid = add(bob, random(500_000, 2));
        long once = quotas.usage(bobAccount.id()).usedBytes();
        node.local().database().transaction(c -> {
            node.local().pinnerFor(bobAccount.id()).pin(c, Cid.parse(cid), "again");
            return null;
        });
        assertThat(quotas.usage(bobAccount.id()).usedBytes()).isEqualTo(once).isPositive();
    }

    @Test
    void aChunkedUploadPastTheRemainingQuotaIsRefusedWith403AndKeepsNothing() throws Exception {
        String first = add(bob, random(2_000_000, 3));
        long blocks = node.local().blocks().stats().blocks();

        HttpResponse<String> res = KuboUploadLimitsTest.chunked(http, node.apiUri().resolve("/api/v0/add"), bob,
                multipart(random(2_000_000, 4)));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(403);
        JsonNode error = JSON.readTree(res.body());
        assertThat(error.get("Type").asText()).isEqualTo("error");
        assertThat(error.get("Message").asText()).contains("storage quota of account 'bob' exceeded");

        assertThat(node.local().blocks().stats().blocks()).isEqualTo(blocks);
        assertThat(pinLs(bob)).containsExactly(first);
    }

    @Test
    void aDeclaredLengthPastTheRemainingQuotaIsRefusedBeforeTheBodyIsSent() throws Exception {
        try (Socket s = new Socket(node.apiUri().getHost(), node.apiUri().getPort())) {
            s.setSoTimeout(30_000); // a hang guard: the answer must not wait for the body
            OutputStream out = s.getOutputStream();
            out.write(KuboUploadLimitsTest.headers("/api/v0/dag/import", bob, "Content-Length: " + (QUOTA + 1)));
            out.flush();
            KuboUploadLimitsTest.RawResponse res = KuboUploadLimitsTest.RawResponse.read(s.getInputStream());
            assertThat(res.status()).as(res.body()).isEqualTo(403);
            assertThat(JSON.readTree(res.body()).get("Code").asInt()).isEqualTo(5);
        }
    }

    @Test
    void anAccountWithoutAQuotaIsNotLimitedAndClearingBobsQuotaLiftsHisLimit() throws Exception {
        add(admin, random(4_000_000, 5));
        add(bob, random(2_000_000, 6));
        assertThat(post("/api/v0/add", bob, multipart(random(2_000_000, 7))).statusCode()).isEqualTo(403);
        quotas.setQuota("bob", OptionalLong.empty());
        assertThat(post("/api/v0/add", bob, multipart(random(2_000_000, 7))).statusCode()).isEqualTo(200);
        assertThat(quotas.usage(bobAccount.id()).quotaBytes()).isEmpty();
    }

    @Test
    void aPinOfADagLargerThanTheRemainingQuotaEndsFailedWithTheReasonAndKeepsNothingForBob() throws Exception {
        HttpResponse<byte[]> stored = post("/api/v0/add?pin=false", admin, multipart(random(4_000_000, 8)));
        String cid = JSON.readTree(stored.body()).get("Hash").asText();

        HttpResponse<byte[]> res = post("/api/v0/pin/add?arg=" + cid, bob, null);
        assertThat(res.statusCode()).as(new String(res.body())).isEqualTo(500);
        assertThat(JSON.readTree(res.body()).get("Message").asText())
                .contains("pin of " + cid + " failed: storage quota of account 'bob' exceeded");
        assertThat(pinLs(bob)).isEmpty();

        HttpResponse<byte[]> failed = get("/pins?status=failed", bob);
        JsonNode pin = JSON.readTree(failed.body()).get("results").get(0);
        assertThat(pin.get("pin").get("cid").asText()).isEqualTo(cid);
        assertThat(pin.get("info").get("status_details").asText()).contains("storage quota of account 'bob' exceeded");
        assertThat(quotas.usage(bobAccount.id()).usedBytes()).isZero();

        quotas.setQuota("bob", OptionalLong.of(5_000_000));
        assertThat(post("/api/v0/pin/add?arg=" + cid, bob, null).statusCode()).isEqualTo(200);
        assertThat(pinLs(bob)).containsExactly(cid);
    }

    // ---- helpers ----

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(node.apiUri().resolve(path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String add(String token, byte[] data) throws Exception {
        HttpResponse<byte[]> res = post("/api/v0/add", token, multipart(data));
        assertThat(res.statusCode()).as(new String(res.body())).isEqualTo(200);
        return JSON.readTree(res.body()).get("Hash").asText();
    }

    private java.util.List<String> pinLs(String token) throws Exception {
        String body = new String(post("/api/v0/pin/ls?stream=true", token, null).body());
        return body.lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return JSON.readTree(l).get("Cid").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }

    private HttpResponse<byte[]> post(String path, String token, byte[] multipartBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(node.apiUri().resolve(path)).header("Authorization", "Bearer " + token);
        if (multipartBody == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "multipart/form-data; boundary=" + KuboUploadLimitsTest.BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
