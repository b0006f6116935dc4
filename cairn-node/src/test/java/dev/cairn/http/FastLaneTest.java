package dev.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.config.ListenAddress;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the listener does around a surface's {@link FastRoute}, over real HTTP: the answers it
 * gives carry the listener's request id and CORS headers, and everything it must not take (other
 * methods, bodies, declined or failing requests, a guard that does not admit outside the routes)
 * reaches the routes.
 */
class FastLaneTest {
    final HttpClient http = HttpClient.newHttpClient();
    final AtomicInteger fastAnswers = new AtomicInteger();
    HttpServerHandle server;

    /** {@code GET/HEAD/POST /thing}: "routed"; its fast route answers "fast" when asked with {@code X-Fast: yes}. */
    final class Surface implements HttpSurface {
        @Override
        public String name() {
            return "demo";
        }

        @Override
        public void routes(Routes r) {
            r.get("/thing", Access.ANONYMOUS, ctx -> ctx.result("routed"));
            r.post("/thing", Access.ANONYMOUS, ctx -> ctx.result("routed"));
        }

        @Override
        public ErrorRenderer errors() {
            return ErrorRenderer.plainText(e -> 500);
        }

        @Override
        public Cors cors() {
            return new Cors("GET", "Range", "X-Exposed");
        }

        @Override
        public FastRoute fastRoute() {
            return request -> {
                if ("boom".equals(request.header("X-Fast"))) {
                    throw new IllegalStateException("a fast route that fails hands the request over");
                }
                if (!request.path().equals("/thing") || !"yes".equals(request.header("X-Fast"))) {
                    return null;
                }
                fastAnswers.incrementAndGet();
                return new FastRoute.Answer.Builder().header("Content-Type", "text/plain; charset=utf-8")
                        .header("Content-Length", "4").build(200, "fast".getBytes(StandardCharsets.UTF_8));
            };
        }
    }

    void start(RequestGuard guard) {
        server = HttpServerHandle.start("demo", new ListenAddress("127.0.0.1", 0),
                HttpOptions.defaults().withGuard(guard), secret -> Optional.empty(), List.of(new Surface()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<String> send(String method, HttpRequest.BodyPublisher body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve("/thing")).method(method, body);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFastAnswerCarriesTheListenersRequestIdAndCorsHeadersAndTheServletsContentTypeForm() throws Exception {
        start(RequestGuard.NONE);
        HttpResponse<String> r = send("GET", HttpRequest.BodyPublishers.noBody(), "X-Fast", "yes", "X-Request-Id", "abc-1");
        assertThat(r.body()).isEqualTo("fast");
        assertThat(fastAnswers).hasValue(1);
        assertThat(r.headers().firstValue("X-Request-Id")).contains("abc-1");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers")).contains("X-Exposed");
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain;charset=utf-8");
        HttpResponse<String> generated = send("GET", HttpRequest.BodyPublishers.noBody(), "X-Fast", "yes",
                "X-Request-Id", "not a plain id!");
        assertThat(generated.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");
    }

    @Test
    void aHeadGetsTheHeadersWithoutTheBody() throws Exception {
        start(RequestGuard.NONE);
        HttpResponse<String> r = send("HEAD", HttpRequest.BodyPublishers.noBody(), "X-Fast", "yes");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Length")).contains("4");
        assertThat(fastAnswers).hasValue(1);
    }

    @Test
    void otherMethodsBodiesDeclinedAndFailingRequestsReachTheRoutes() throws Exception {
        start(RequestGuard.NONE);
        assertThat(send("POST", HttpRequest.BodyPublishers.noBody(), "X-Fast", "yes").body()).isEqualTo("routed");
        assertThat(send("GET", HttpRequest.BodyPublishers.ofString("a body"), "X-Fast", "yes").body()).isEqualTo("routed");
        assertThat(send("GET", HttpRequest.BodyPublishers.noBody()).body()).isEqualTo("routed");
        HttpResponse<String> failed = send("GET", HttpRequest.BodyPublishers.noBody(), "X-Fast", "boom");
        assertThat(failed.body()).isEqualTo("routed");
        assertThat(failed.headers().allValues("X-Request-Id")).hasSize(1);
        assertThat(fastAnswers).hasValue(0);
    }

    @Test
    void aGuardThatOnlyKnowsTheRoutesIsNeverBypassed() throws Exception {
        AtomicInteger guarded = new AtomicInteger();
        start((ctx, next) -> {
            guarded.incrementAndGet();
            next.handle(ctx);
        });
        assertThat(send("GET", HttpRequest.BodyPublishers.noBody(), "X-Fast", "yes").body()).isEqualTo("routed");
        assertThat(guarded).hasValue(1);
        assertThat(fastAnswers).hasValue(0);
    }
}
