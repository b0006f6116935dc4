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
import dev.cairn.config.CairnHome;
import dev.cairn.quota.StorageQuotas;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads of one account in flight at the same time share its quota: each body's bytes are
 * reserved as they arrive (or at once when declared), so uploads that each fit what remains but
 * together do not are refused beyond what fits, with the Kubo error of a single over-quota upload,
 * and nothing of a refused one stays. Every upload is held after its first bytes until all of them
 * are in flight (or answered), so they really overlap.
 */
class KuboQuotaConcurrencyTest {
    private static final long QUOTA = 3_000_000;
    private static final int SIZE = 1_000_000;
    private static final int HOLD_AFTER = 64 * 1024;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private RunningNode node;
    private StorageQuotas quotas;
    private String bob;
    private Account bobAccount;

    @BeforeEach
    void start() throws Exception {
        NodeContext ctx = NodeContext.open(new CairnHome(tmp.resolve("home")), Map.of(),
                Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0"));
        node = RunningNode.start(ctx, line -> { });
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
    void fourConcurrentUploadsWithDeclaredLengthsThatTogetherExceedTheQuotaKeepOnlyWhatFits() throws Exception {
        List<HttpResponse<String>> answers = concurrentUploads(4, true);

        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(2); // three would be 3,000,6xx bytes
        assertOnlyWhatFitsWasKept(answers);
    }

    @Test
    void threeConcurrentChunkedUploadsThatTogetherExceedTheQuotaAreCutOffBeyondWhatFits() throws Exception {
        List<HttpResponse<String>> answers = concurrentUploads(3, false);

        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSizeBetween(1, 2);
        assertOnlyWhatFitsWasKept(answers);
    }

    @Test
    void afterConcurrentUploadsNothingStaysReservedAndSequentialUploadsBehaveAsBefore() throws Exception {
        concurrentUploads(4, true);
        assertThat(node.local().quotaReservations().reservedBytes(bobAccount.id())).isZero();

        long remaining = quotas.usage(bobAccount.id()).remainingBytes();
        assertThat(post(multipart(random((int) remaining - 1_000, 50))).statusCode()).isEqualTo(200);
        HttpResponse<String> over = post(multipart(random(2_000, 51)));
        assertThat(over.statusCode()).as(over.body()).isEqualTo(403);
        assertThat(quotas.usage(bobAccount.id()).usedBytes()).isLessThanOrEqualTo(QUOTA);
    }

    private void assertOnlyWhatFitsWasKept(List<HttpResponse<String>> answers) throws Exception {
        List<String> kept = new ArrayList<>();
        for (HttpResponse<String> r : answers) {
            if (r.statusCode() == 200) {
                kept.add(JSON.readTree(r.body()).get("Hash").asText());
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
                JsonNode error = JSON.readTree(r.body());
                assertThat(error.get("Type").asText()).isEqualTo("error");
                assertThat(error.get("Message").asText()).contains("storage quota of account 'bob' exceeded");
            }
        }
        assertThat(pinLs()).containsExactlyInAnyOrderElementsOf(kept);
        long used = quotas.usage(bobAccount.id()).usedBytes();
        assertThat(used).isLessThanOrEqualTo(QUOTA);
        // the store holds exactly the kept DAGs: no block of a refused upload stayed
        assertThat(node.local().blocks().stats().bytes()).isEqualTo(used);
        assertThat(node.local().quotaReservations().reservedBytes(bobAccount.id())).isZero();
    }

    /**
     * Starts {@code n} uploads of {@link #SIZE} distinct random bytes; each sends its first
     * {@link #HOLD_AFTER} bytes, then waits until every upload has done so or been answered.
     */
    private List<HttpResponse<String>> concurrentUploads(int n, boolean declared) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] body = multipart(random(SIZE, 100 + i));
            HttpRequest.BodyPublisher gated = HttpRequest.BodyPublishers.ofInputStream(
                    () -> new HeldStream(body, held, release));
            HttpRequest.BodyPublisher publisher = declared
                    ? HttpRequest.BodyPublishers.fromPublisher(gated, body.length) : gated;
            answers.add(http.sendAsync(HttpRequest.newBuilder(node.apiUri().resolve("/api/v0/add"))
                    // A declared upload refused at once never gets its "100 Continue": the client then
                    // reads the 403 instead of writing its body into a connection the server closed.
                    .expectContinue(declared)
                    .header("Authorization", "Bearer " + bob)
                    .header("Content-Type", "multipart/form-data; boundary=" + KuboUploadLimitsTest.BOUNDARY)
                    .POST(publisher).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Instant deadline = Instant.now().plusSeconds(30); // a hang guard, not a timing assertion
        while (held.get() + answers.stream().filter(CompletableFuture::isDone).count() < n) {
            assertThat(Instant.now()).as("waiting for every upload to be in flight").isBefore(deadline);
            Thread.sleep(10);
        }
        release.countDown();
        List<HttpResponse<String>> out = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            out.add(a.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    /** The body: its first bytes at once, the rest once released. */
    private static final class HeldStream extends InputStream {
        private final InputStream in;
        private final AtomicInteger held;
        private final CountDownLatch release;
        private int sent;
        private boolean waited;

        HeldStream(byte[] body, AtomicInteger held, CountDownLatch release) {
            this.in = new ByteArrayInputStream(body);
            this.held = held;
            this.release = release;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (sent >= HOLD_AFTER && !waited) {
                waited = true;
                held.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            int n = in.read(b, off, sent < HOLD_AFTER ? Math.min(len, HOLD_AFTER - sent) : len);
            if (n > 0) {
                sent += n;
            }
            return n;
        }
    }

    private HttpResponse<String> post(byte[] multipartBody) throws Exception {
        return http.send(HttpRequest.newBuilder(node.apiUri().resolve("/api/v0/add"))
                .header("Authorization", "Bearer " + bob)
                .header("Content-Type", "multipart/form-data; boundary=" + KuboUploadLimitsTest.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> pinLs() throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(node.apiUri().resolve("/api/v0/pin/ls?stream=true"))
                .header("Authorization", "Bearer " + bob).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> out = new ArrayList<>();
        for (String line : res.body().lines().filter(l -> !l.isBlank()).toList()) {
            out.add(JSON.readTree(line).get("Cid").asText());
        }
        return out;
    }
}
