package dev.cairn.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The node's home directory ({@code CAIRN_HOME}): config.toml, the identity key, and by default
 * the database and packs.
 *
 * <p>Resolution order: {@code --home}, then the {@code CAIRN_HOME} environment variable, then
 * {@code ~/.cairn}. A leading {@code ~/} is expanded in both explicit forms, because a quoted
 * {@code --home "~/x"} reaches us unexpanded.
 */
public record CairnHome(Path dir) {
    public static final String ENV = "CAIRN_HOME";
    public static final String CONFIG_FILE = "config.toml";
    public static final String IDENTITY_FILE = "identity.key";

    public CairnHome {
        dir = dir.toAbsolutePath().normalize();
    }

    /**
     * Picks the home directory.
     *
     * @param option the {@code --home} value, or null
     * @param env the process environment
     * @param userHome the user's home directory ({@code user.home})
     */
    public static CairnHome resolve(String option, Map<String, String> env, Path userHome) {
        String chosen = option != null && !option.isBlank() ? option : env.get(ENV);
        if (chosen == null || chosen.isBlank()) {
            return new CairnHome(userHome.resolve(".cairn"));
        }
        if (chosen.equals("~")) {
            return new CairnHome(userHome);
        }
        if (chosen.startsWith("~/")) {
            return new CairnHome(userHome.resolve(chosen.substring(2)));
        }
        return new CairnHome(Path.of(chosen));
    }

    public Path configFile() {
        return dir.resolve(CONFIG_FILE);
    }

    public Path identityFile() {
        return dir.resolve(IDENTITY_FILE);
    }

    /**
     * First-use initialisation of the directory and the default config.toml. Existing files are
     * never touched. The directory is created owner-only (0700) because it holds the node's key.
     *
     * @return true if config.toml was written by this call
     * @throws ConfigException if the directory or file cannot be created
     */
    public boolean initialize() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                try {
                    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwx------")));
                    } else {
                        Files.createDirectory(dir);
                    }
                } catch (FileAlreadyExistsException raced) {
                    if (!Files.isDirectory(dir)) {
                        throw new ConfigException(ENV + " " + dir + " exists and is not a directory");
                    }
                }
            }
            if (Files.exists(configFile())) {
                return false;
            }
            return writeDefaultConfig();
        } catch (IOException e) {
            throw new ConfigException("cannot initialise " + ENV + " " + dir + ": " + e.getMessage(), e);
        }
    }

    private boolean writeDefaultConfig() throws IOException {
        Path tmp = Files.createTempFile(dir, ".config-", ".tmp");
        try {
            Files.writeString(tmp, DefaultConfigFile.render(), StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.createLink(configFile(), tmp); // publish atomically, never over an existing file
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, configFile());
                return true;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
