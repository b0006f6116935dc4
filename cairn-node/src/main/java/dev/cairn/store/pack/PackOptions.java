package dev.cairn.store.pack;

import java.util.Objects;

/**
 * Settings of a {@link PackBlockStore}.
 *
 * @param packSize a writer starts a new pack once the current one would grow past this (a pack
 *     holding a single block may exceed it); default 256 MiB
 * @param maxOpenPacks how many pack files the read path keeps open; default 512
 * @param fsync force packs and their directories to disk before the index commit (config
 *     {@code store.fsync}); off only for throwaway data: a killed process still loses nothing,
 *     but a power cut may then leave index rows pointing at packs the disk never got
 * @param files the I/O seam; {@link PackFiles#DEFAULT} outside tests
 */
public record PackOptions(long packSize, int maxOpenPacks, boolean fsync, PackFiles files) {
    public static final long DEFAULT_PACK_SIZE = 256L * 1024 * 1024;
    public static final int DEFAULT_MAX_OPEN_PACKS = 512;

    public PackOptions {
        if (packSize < 1024) {
            throw new IllegalArgumentException("store.pack-size must be >= 1024 bytes, got " + packSize);
        }
        if (maxOpenPacks < 1) {
            throw new IllegalArgumentException("store.max-open-packs must be >= 1, got " + maxOpenPacks);
        }
        Objects.requireNonNull(files, "files");
    }

    public static PackOptions defaults() {
        return new PackOptions(DEFAULT_PACK_SIZE, DEFAULT_MAX_OPEN_PACKS, true, PackFiles.DEFAULT);
    }

    public PackOptions withPackSize(long bytes) {
        return new PackOptions(bytes, maxOpenPacks, fsync, files);
    }

    public PackOptions withMaxOpenPacks(int count) {
        return new PackOptions(packSize, count, fsync, files);
    }

    public PackOptions withFsync(boolean on) {
        return new PackOptions(packSize, maxOpenPacks, on, files);
    }

    public PackOptions withFiles(PackFiles seam) {
        return new PackOptions(packSize, maxOpenPacks, fsync, seam);
    }
}
