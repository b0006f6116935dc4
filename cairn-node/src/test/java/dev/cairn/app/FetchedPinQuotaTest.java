package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Account;
import dev.cairn.account.Scope;
import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.config.CairnHome;
import dev.cairn.fetch.IpfsCar;
import dev.cairn.fetch.TrustlessOrigin;
import dev.cairn.quota.StorageQuotas;
import dev.cairn.testing.FixtureCars;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pin fetched from the network is held to its account's quota while it downloads: a DAG larger
 * than what the account has left (served by an independent trustless origin over @ipld/car, packed
 * by ipfs-car) is stopped once the bytes fetched pass the quota, not after the whole DAG came in,
 * and ends {@code failed} with the reason; what the account already keeps is untouched.
 */
class FetchedPinQuotaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long QUOTA = 2_000_000;
    private static final int LARGE = 24 * 1024 * 1024;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private RunningNode node;
    private TrustlessOrigin origin;
    private String bob;
    private Account bobAccount;
    private StorageQuotas quotas;

    @BeforeEach
    void start() {
        NodeContext ctx = NodeContext.open(new CairnHome(tmp.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0",
                        "fetch.allow-private-origins", "true"));
        node = RunningNode.start(ctx, line -> { });
        bobAccount = node.accounts().create("bob");
        bob = node.accounts().issue("bob", Set.of(Scope.READ, Scope.PIN), null, "t").secret();
        quotas = StorageQuotas.over(node.local().database(), node.local().blocks());
        quotas.setQuota("bob", OptionalLong.of(QUOTA));
    }

    @AfterEach
    void stop() {
        if (origin != null) {
            origin.close();
        }
        node.close();
    }

    @Test
    void aDagLargerThanTheRemainingQuotaIsStoppedEarlyAndFailsWhileWhatBobKeepsStillWorks() throws Exception {
        Path smallCar = tmp.resolve("small.car");
        Cid small = IpfsCar.pack(Files.write(tmp.resolve("small.bin"), random(300_000, 1)), smallCar);
        Path largeCar = tmp.resolve("large.car");
        Cid large = IpfsCar.pack(Files.write(tmp.resolve("large.bin"), random(LARGE, 2)), largeCar);
        origin = TrustlessOrigin.serve(smallCar, largeCar);

        JsonNode kept = awaitSettled(pin(small));
        assertThat(kept.get("status").asText()).as(kept.toString()).isEqualTo("pinned");
        long keeps = quotas.usage(bobAccount.id()).usedBytes();
        assertThat(keeps).isPositive();

        JsonNode refused = awaitSettled(pin(large));

        assertThat(refused.get("status").asText()).as(refused.toString()).isEqualTo("failed");
        String details = refused.get("info").get("status_details").asText();
        assertThat(details).contains("storage quota of account 'bob' exceeded");
        Matcher stoppedAfter = Pattern.compile("the fetch was stopped after (\\d+) bytes").matcher(details);
        assertThat(stoppedAfter.find()).as(details).isTrue();
        long fetched = Long.parseLong(stoppedAfter.group(1));
        assertThat(fetched).as("bytes fetched before the stop").isGreaterThan(QUOTA - keeps).isLessThan(LARGE / 4);
        assertThat(node.local().blocks().has(large)).isFalse();
        assertThat(FixtureCars.blocks(largeCar).stream().map(Block::cid).filter(node.local().blocks()::has)).isEmpty();
        assertThat(node.local().quotaReservations().reservedBytes(bobAccount.id())).isZero();

        // a failed pin is not retried: still exactly one CAR request for the large DAG
        assertThat(origin.requests().stream().filter(r -> r.startsWith("/ipfs/" + large + "?")
                && r.contains("format=car"))).hasSize(1);
        // what bob keeps is untouched and still counts
        assertThat(quotas.usage(bobAccount.id()).usedBytes()).isEqualTo(keeps);
        JsonNode pinned = get("/pins?status=pinned");
        assertThat(pinned.get("count").asInt()).isEqualTo(1);
        assertThat(pinned.get("results").get(0).get("pin").get("cid").asText()).isEqualTo(small.toString());
        assertThat(node.local().content().block(small)).isPresent();
    }

    @Test
    void aDagThatFitsTheRemainingQuotaIsPinnedAsBefore() throws Exception {
        Path car = tmp.resolve("fits.car");
        Cid root = IpfsCar.pack(Files.write(tmp.resolve("fits.bin"), random(1_500_000, 3)), car);
        origin = TrustlessOrigin.serve(car);

        JsonNode done = awaitSettled(pin(root));

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("pinned");
        assertThat(quotas.usage(bobAccount.id()).usedBytes()).isBetween(1_500_000L, QUOTA);
        assertThat(node.local().quotaReservations().reservedBytes(bobAccount.id())).isZero();
    }

    private String pin(Cid cid) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(node.apiUri().resolve("/pins"))
                .header("Authorization", "Bearer " + bob).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("cid", cid.toString(), "origins", List.of(origin.multiaddr()))))).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return JSON.readTree(res.body()).get("requestid").asText();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(node.apiUri().resolve(path))
                .header("Authorization", "Bearer " + bob).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private JsonNode awaitSettled(String requestId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos(); // a hang guard
        while (true) {
            JsonNode status = get("/pins/" + requestId);
            String s = status.get("status").asText();
            if (s.equals("pinned") || s.equals("failed")) {
                return status;
            }
            assertThat(System.nanoTime()).as("still " + s + ": " + status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
