package dev.cairn.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.config.ListenAddress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The buffered access log: slf4j-simple's layout, every line once, in order, none lost on close. */
class AccessLogTest {
    private static final Pattern LAYOUT = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO dev\\.cairn\\.http\\.access - (.*)");

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStandardError() {
        original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(original);
    }

    private List<String> messages() {
        List<String> out = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            var m = LAYOUT.matcher(line);
            if (m.matches()) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    @Test
    void linesCarryTheTimeLevelAndLoggerNameOfCairnsOtherLogLines() {
        AccessLog log = new AccessLog(LoggerFactory.getLogger(AccessLog.LOGGER));
        log.log("gateway GET /ipfs/x 200");
        log.flush();
        String text = captured.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        assertThat(text.strip()).matches(LAYOUT);
        assertThat(messages()).containsExactly("gateway GET /ipfs/x 200");
    }

    @Test
    void linesFromManyThreadsArriveEachOnceAndInEachThreadsOrder() throws Exception {
        AccessLog log = new AccessLog(LoggerFactory.getLogger(AccessLog.LOGGER));
        int threads = 4;
        int perThread = 3_000; // several buffers' worth, so batches are written while others log
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            started.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    log.log("t" + id + " " + i);
                }
            }));
        }
        for (Thread t : started) {
            t.join();
        }
        log.flush();
        List<String> messages = messages();
        assertThat(messages).hasSize(threads * perThread);
        int[] next = new int[threads];
        for (String m : messages) {
            String[] parts = m.split(" ");
            int id = Integer.parseInt(parts[0].substring(1));
            assertThat(Integer.parseInt(parts[1])).isEqualTo(next[id]);
            next[id]++;
        }
    }

    @Test
    void closingAListenerWritesOutTheLinesOfItsLastRequests() throws Exception {
        HttpSurface surface = new HttpCoreTest.TestSurface();
        HttpServerHandle server = HttpServerHandle.start("api", new ListenAddress("127.0.0.1", 0),
                HttpOptions.defaults(), secret -> Optional.empty(), List.of(surface));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response;
        try {
            response = http.send(whoami(server, "access-log-1"), HttpResponse.BodyHandlers.ofString());
            // A second request on the same connection: served only once the first one, logging included, is done.
            http.send(whoami(server, "access-log-2"), HttpResponse.BodyHandlers.ofString());
        } finally {
            server.close();
        }
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(messages()).anySatisfy(m -> assertThat(m)
                .matches("test GET /whoami 401 127\\.0\\.0\\.1 \\d+\\.\\dms id=access-log-1 account=-"));
    }

    private static HttpRequest whoami(HttpServerHandle server, String requestId) {
        return HttpRequest.newBuilder(server.uri().resolve("/whoami")).header("X-Request-Id", requestId).build();
    }
}
