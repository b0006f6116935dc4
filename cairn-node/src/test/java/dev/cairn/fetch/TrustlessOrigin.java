package dev.cairn.fetch;

import dev.cairn.cid.Cid;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code interop/trustless-origin.mjs} (an independent trustless gateway over @ipld/car) on
 * 127.0.0.1 with an ephemeral port, and records the requests it receives.
 */
public final class TrustlessOrigin implements AutoCloseable {
    private final Process process;
    private final int port;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private TrustlessOrigin(List<String> args) throws IOException {
        Path interop = interopDir();
        List<String> command = new ArrayList<>(List.of(System.getenv().getOrDefault("CAIRN_NODE", "node"),
                interop.resolve("trustless-origin.mjs").toString()));
        command.addAll(args);
        process = new ProcessBuilder(command).directory(interop.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("listening ")) {
                        listening.complete(Integer.parseInt(line.substring("listening ".length()).trim()));
                    } else if (line.startsWith("request ")) {
                        requests.add(line.substring("request ".length()));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            } finally {
                listening.completeExceptionally(new IOException("trustless-origin.mjs exited before listening"));
            }
        });
        try {
            port = listening.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("trustless-origin.mjs did not start: " + e.getMessage(), e);
        }
    }

    /** Serves the blocks of {@code cars}, with mode flags such as {@code --lie} or {@code --drop-after 3} first. */
    public static TrustlessOrigin serve(List<String> flags, Path... cars) throws IOException {
        List<String> args = new ArrayList<>(flags);
        for (Path car : cars) {
            args.add(car.toString());
        }
        return new TrustlessOrigin(args);
    }

    public static TrustlessOrigin serve(Path... cars) throws IOException {
        return serve(List.of(), cars);
    }

    public int port() {
        return port;
    }

    /** The origin as a pin request names it. */
    public String multiaddr() {
        return "/ip4/127.0.0.1/tcp/" + port + "/http";
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Paths with query of every request received so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** How many raw-block requests named {@code cid}. */
    long rawRequestsFor(Cid cid) {
        return requests.stream().filter(r -> r.startsWith("/ipfs/" + cid + "?") && r.contains("format=raw")).count();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Path interopDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("interop/package.json"))) {
                Path interop = p.resolve("interop");
                if (!Files.isDirectory(interop.resolve("node_modules"))) {
                    throw new IllegalStateException("interop/node_modules is missing; run: npm ci --prefix interop");
                }
                return interop;
            }
        }
        throw new UncheckedIOException(new IOException("interop/package.json not found"));
    }
}
