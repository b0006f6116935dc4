package dev.cairn.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Section {@code [store]}: where blocks live and how packs are written.
 *
 * @param dataDir directory for packs and the database (absolute, resolved against CAIRN_HOME)
 * @param packSizeBytes a pack is sealed and a new one started once it reaches this size
 * @param fsync force packs and the database to disk before acknowledging a write
 */
public record StoreConfig(Path dataDir, long packSizeBytes, boolean fsync) {
    public static final String SECTION = "store";
    public static final String DEFAULT_DATA_DIR = ".";
    public static final long DEFAULT_PACK_SIZE_BYTES = 256L * 1024 * 1024;
    public static final boolean DEFAULT_FSYNC = true;

    static final Setting DATA_DIR = Setting.string(SECTION, "data-dir", DEFAULT_DATA_DIR,
            "Directory for packs and the metadata database. Relative paths are resolved against CAIRN_HOME.");
    static final Setting PACK_SIZE_BYTES = Setting.integer(SECTION, "pack-size-bytes", DEFAULT_PACK_SIZE_BYTES,
            "A pack file (a CARv1) is sealed and a new one started once it reaches this many bytes.");
    static final Setting FSYNC = Setting.bool(SECTION, "fsync", DEFAULT_FSYNC,
            "Force packs and the database to disk before a write is acknowledged. Turn off only for throwaway data.");
    static final List<Setting> SETTINGS = List.of(DATA_DIR, PACK_SIZE_BYTES, FSYNC);

    static StoreConfig from(ConfigValues values, Path home) {
        String dir = values.string(DATA_DIR);
        Path dataDir;
        try {
            dataDir = dir.isBlank() ? null : home.resolve(dir).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(DATA_DIR.name() + " is not a valid path: '" + dir + "' (from "
                    + values.origin(DATA_DIR) + ")");
        }
        if (dataDir == null) {
            throw new ConfigException(DATA_DIR.name() + " must not be empty (from " + values.origin(DATA_DIR) + ")");
        }
        return new StoreConfig(dataDir, values.integer(PACK_SIZE_BYTES), values.bool(FSYNC));
    }

    /** @throws ConfigException naming the first invalid key */
    public StoreConfig validate() {
        if (dataDir == null) {
            throw new ConfigException(DATA_DIR.name() + " must be set");
        }
        if (packSizeBytes <= 0) {
            throw new ConfigException(PACK_SIZE_BYTES.name() + " must be > 0, got " + packSizeBytes);
        }
        return this;
    }
}
