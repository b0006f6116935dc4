package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.config.CairnHome;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code cairn serve}'s gateway does with {@code gateway.subdomain-hosts}: localhost is a
 * subdomain gateway by default, and an empty list turns it off. The identity CID carries its own
 * content, so it is readable in the default {@code pinned} mode without pinning anything.
 */
class ServeSubdomainTest {
    static final String IDENTITY = "bafkqaddimvwgy3zao5xxe3deee"; // raw + identity over "hello world!"

    @TempDir
    Path tmp;

    final HttpClient http = HttpClient.newHttpClient();

    RunningNode start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("api.listen", "127.0.0.1:0", "gateway.listen", "127.0.0.1:0",
                "store.fsync", "false"));
        all.putAll(settings);
        return RunningNode.start(NodeContext.open(new CairnHome(tmp.resolve("home")), Map.of(), all), line -> { });
    }

    HttpResponse<String> get(RunningNode node, String host, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(node.gatewayUri().resolve(path)).header("Host", host).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void localhostIsASubdomainGatewayByDefault() throws Exception {
        try (RunningNode node = start(Map.of())) {
            String localhost = "localhost:" + node.gatewayUri().getPort();
            HttpResponse<String> redirect = get(node, localhost, "/ipfs/" + IDENTITY);
            assertThat(redirect.statusCode()).isEqualTo(301);
            assertThat(redirect.headers().firstValue("Location"))
                    .contains("http://" + IDENTITY + ".ipfs." + localhost + "/");
            HttpResponse<String> served = get(node, IDENTITY + ".ipfs." + localhost, "/");
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.body()).isEqualTo("hello world!");
            assertThat(get(node, "127.0.0.1", "/ipfs/" + IDENTITY).body()).isEqualTo("hello world!");
        }
    }

    @Test
    void anEmptyListTurnsTheSubdomainGatewayOff() throws Exception {
        try (RunningNode node = start(Map.of("gateway.subdomain-hosts", ""))) {
            HttpResponse<String> path = get(node, "localhost", "/ipfs/" + IDENTITY);
            assertThat(path.statusCode()).isEqualTo(200);
            assertThat(path.body()).isEqualTo("hello world!");
            assertThat(get(node, IDENTITY + ".ipfs.localhost", "/").statusCode()).isEqualTo(404);
        }
    }
}
