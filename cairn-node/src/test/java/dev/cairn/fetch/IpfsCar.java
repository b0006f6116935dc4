package dev.cairn.fetch;

import dev.cairn.cid.Cid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Packs files into CARs with the {@code ipfs-car} CLI (npm), independent of Cairn's importer. */
public final class IpfsCar {
    private IpfsCar() {}

    /** Packs {@code input} (a file, not wrapped) into {@code car}; returns the root CID. */
    public static Cid pack(Path input, Path car) throws IOException, InterruptedException {
        run("pack", input.toString(), "--no-wrap", "--output", car.toString());
        return Cid.parse(run("roots", car.toString()).strip());
    }

    private static String run(String... args) throws IOException, InterruptedException {
        Path interop = TrustlessOrigin.interopDir();
        List<String> command = new java.util.ArrayList<>(List.of(System.getenv().getOrDefault("CAIRN_NODE", "node"),
                interop.resolve("node_modules/ipfs-car/bin.js").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(interop.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ipfs-car " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
