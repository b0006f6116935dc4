package dev.cairn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.config.CairnHome;
import dev.cairn.http.ListenException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composed node in-process: start order, stop order, the bootstrap token, and cleanup on failure. */
class RunningNodeTest {
    @TempDir
    Path tmp;

    HttpClient http = HttpClient.newHttpClient();

    private NodeContext context(String apiListen) {
        return NodeContext.open(new CairnHome(tmp.resolve("home")), Map.of(),
                Map.of("api.listen", apiListen, "gateway.listen", "127.0.0.1:0", "store.fsync", "false"));
    }

    /** A service that records when it starts and stops, and whether the API answered at that moment. */
    final class Recorder implements Service {
        final List<String> events;
        final String name;

        Recorder(String name, List<String> events) {
            this.name = name;
            this.events = events;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            events.add("start " + name);
        }

        @Override
        public void stop() {
            events.add("stop " + name);
        }
    }

    @Test
    void theAdminTokenIsAnnouncedAndSavedOnTheFirstStartOnly() throws Exception {
        List<String> first = new ArrayList<>();
        try (RunningNode node = RunningNode.start(context("127.0.0.1:0"), first::add)) {
            assertThat(first).anyMatch(l -> l.startsWith("API listening on http://127.0.0.1:"));
        }
        String token = first.stream().filter(l -> l.startsWith("    cairn_")).findFirst().orElseThrow().strip();
        Path file = tmp.resolve("home").resolve(RunningNode.ADMIN_TOKEN_FILE);
        assertThat(Files.readString(file)).isEqualTo(token + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        List<String> second = new ArrayList<>();
        try (RunningNode node = RunningNode.start(context("127.0.0.1:0"), second::add)) {
            assertThat(node.accounts().authenticate(token)).isPresent();
        }
        assertThat(second).noneMatch(l -> l.contains("cairn_"));
        assertThat(tmp.resolve("home")).isDirectoryNotContaining("glob:**/.admin-token-*");
    }

    @Test
    void servicesStartBeforeTheListenersAndStopAfterThemInReverseOrder() {
        List<String> events = new ArrayList<>();
        RunningNode node = RunningNode.start(context("127.0.0.1:0"), line -> {
            if (line.startsWith("API listening")) {
                events.add("api");
            }
        }, (local, accounts) -> List.of(new Recorder("workers", events), new Recorder("gc", events)));
        node.close();
        assertThat(events).containsExactly("start workers", "start gc", "api", "stop gc", "stop workers");
    }

    @Test
    void closeReleasesThePortsAndTheStore() throws Exception {
        RunningNode node = RunningNode.start(context("127.0.0.1:0"), line -> { });
        URI health = node.apiUri().resolve("/health");
        assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        node.close();
        node.close(); // idempotent
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        LocalNode.open(context("127.0.0.1:0")).close(); // the store's lock is free again
    }

    @Test
    void aListenerThatCannotBindStopsWhatStartedAndReleasesTheStore() throws Exception {
        List<String> events = new ArrayList<>();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            assertThatThrownBy(() -> RunningNode.start(context(address), line -> { },
                    (local, accounts) -> List.of(new Recorder("workers", events))))
                    .isInstanceOf(ListenException.class).hasMessageContaining(address);
        }
        assertThat(events).containsExactly("start workers", "stop workers");
        LocalNode.open(context("127.0.0.1:0")).close();
    }

    @Test
    void aSecondNodeOnTheSameHomeIsRefusedWhileTheFirstRuns() {
        try (RunningNode first = RunningNode.start(context("127.0.0.1:0"), line -> { })) {
            assertThatThrownBy(() -> RunningNode.start(context("127.0.0.1:0"), line -> { }))
                    .isInstanceOf(dev.cairn.store.StoreInUseException.class);
            assertThat(first.accounts().list()).isNotEmpty(); // the first one is unharmed
        }
    }
}
