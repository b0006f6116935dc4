package dev.cairn.identity;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The file that keeps a node's identity: the raw bytes of the libp2p {@code PrivateKey} protobuf,
 * mode 0600 (the format {@code ipfs key import --format=libp2p-protobuf-cleartext} reads).
 *
 * <p>Crash and race safety: a new key is written to a temporary file created 0600 (the secret is
 * never readable by others, not even briefly), forced to disk, then published with a hard link,
 * which fails if the name already exists. Two processes initialising the same home at once
 * therefore agree on one identity instead of the last writer silently replacing the first.
 */
public final class IdentityFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;

    public IdentityFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /** Reads the identity. @throws IdentityException if the file is missing or not a valid key */
    public Identity load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IdentityException("cannot read identity " + path + ": " + e.getMessage(), e);
        }
        try {
            return Identity.fromPrivateKeyProtobuf(bytes);
        } catch (IdentityException e) {
            throw new IdentityException("identity " + path + " is invalid: " + e.getMessage(), e);
        }
    }

    /** Loads the identity, generating and saving a new one first if the file does not exist. */
    public Identity loadOrCreate(SecureRandom random) {
        if (!exists()) {
            create(Identity.generate(random));
        }
        return load();
    }

    /**
     * Saves {@code identity} if no identity file exists yet; an existing file is never replaced.
     *
     * @return true if this call wrote the file, false if one was already there
     */
    public boolean create(Identity identity) {
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".identity-", ".tmp", ownerOnly(dir));
            Files.write(tmp, identity.privateKeyProtobuf());
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.createLink(path, tmp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException e) {
                // File systems without hard links: fall back to a move that refuses to replace.
                if (Files.exists(path)) {
                    return false;
                }
                Files.move(tmp, path);
                tmp = null;
            }
            return true;
        } catch (IOException e) {
            throw new IdentityException("cannot write identity " + path + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is harmless; the identity itself is already safe
                }
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }
}
