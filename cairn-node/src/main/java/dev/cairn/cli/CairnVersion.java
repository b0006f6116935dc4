package dev.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** The build's version (from the Maven-filtered {@code version.properties}) and the runtime it runs on. */
public final class CairnVersion {
    private static final String VERSION = load();

    private CairnVersion() {}

    /** E.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /** The agent string peers and clients see: {@code cairn/<version>}. */
    public static String agent() {
        return "cairn/" + VERSION;
    }

    /** The lines of {@code cairn version}, shaped like {@code ipfs version --all}. */
    public static List<String> describe() {
        return List.of(
                "cairn " + VERSION,
                "Java version: " + System.getProperty("java.version") + " ("
                        + System.getProperty("java.vendor", "unknown vendor") + ")",
                "System version: " + arch() + "/" + System.getProperty("os.name").toLowerCase(Locale.ROOT));
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    private static String load() {
        try (InputStream in = CairnVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v; // an unfiltered resource (IDE build)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
