package dev.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.config.ListenAddress;
import dev.cairn.http.psa.PsaErrors;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A catch-all route ({@code /<path>}, as the subdomain gateway declares) answers only what no
 * specific route of any surface on the listener matches, whatever order they were declared in.
 */
class CatchAllRouteTest {
    final HttpClient http = HttpClient.newHttpClient();

    static HttpSurface surface(String name, Consumer<Routes> routes) {
        return new HttpSurface() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void routes(Routes r) {
                routes.accept(r);
            }

            @Override
            public ErrorRenderer errors() {
                return new PsaErrors();
            }
        };
    }

    String body(HttpServerHandle server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void specificRoutesWinOverACatchAllDeclaredBeforeThem() throws Exception {
        HttpSurface first = surface("first", r -> r.get("/<path>", Access.ANONYMOUS, ctx -> ctx.result("catch-all"))
                .get("/mine", Access.ANONYMOUS, ctx -> ctx.result("mine")));
        HttpSurface second = surface("second", r -> r.get("/routing/v1/providers/{cid}", Access.ANONYMOUS,
                ctx -> ctx.result("providers " + ctx.pathParam("cid"))));
        try (HttpServerHandle server = HttpServerHandle.start("gateway", new ListenAddress("127.0.0.1", 0),
                HttpOptions.defaults(), secret -> Optional.empty(), List.of(first, second))) {
            assertThat(body(server, "/mine")).isEqualTo("mine");
            assertThat(body(server, "/routing/v1/providers/x")).isEqualTo("providers x");
            assertThat(body(server, "/anything/else")).isEqualTo("catch-all");
        }
    }

    @Test
    void aPrefixCatchAllAnswersOnlyWhatTheSpecificRoutesUnderItDoNot() throws Exception {
        HttpSurface kubo = surface("kubo", r -> r.get("/api/v0/*", Access.ANONYMOUS, ctx -> ctx.result("unknown"))
                .get("/api/v0/version", Access.ANONYMOUS, ctx -> ctx.result("version")));
        try (HttpServerHandle server = HttpServerHandle.start("api", new ListenAddress("127.0.0.1", 0),
                HttpOptions.defaults(), secret -> Optional.empty(), List.of(kubo))) {
            assertThat(body(server, "/api/v0/version")).isEqualTo("version");
            assertThat(body(server, "/api/v0/no/such")).isEqualTo("unknown");
        }
        assertThat(HttpServerHandle.isCatchAll("/pins/{requestid}")).isFalse();
        assertThat(HttpServerHandle.isCatchAll("/<path>")).isTrue();
    }
}
