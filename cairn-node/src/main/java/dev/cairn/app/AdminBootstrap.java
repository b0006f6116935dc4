package dev.cairn.app;

import dev.cairn.account.Account;
import dev.cairn.account.AccountService;
import dev.cairn.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

/**
 * The node's first admin: created with its token the first time anything needs it (the first
 * {@code serve}, or the first upload that pins), the token shown once and saved owner-only.
 */
final class AdminBootstrap {
    /** Where the bootstrap admin token is saved, in the node home. */
    static final String TOKEN_FILE = "admin.token";

    private AdminBootstrap() {}

    /** The admin account, bootstrapping it (and announcing its token) when it does not exist. */
    static Account admin(Database database, Path home, Consumer<String> announce) {
        AccountService accounts = AccountService.over(database);
        accounts.bootstrapAdmin().ifPresent(token -> {
            Path file = home.resolve(TOKEN_FILE);
            writeOwnerOnly(file, token.secret() + "\n");
            announce.accept("Created account '" + token.info().account() + "' with an admin token. It is shown only"
                    + " this once; it is also saved in " + file + " (mode 0600):");
            announce.accept("    " + token.secret());
        });
        return accounts.find("admin").orElseThrow(() -> new IllegalStateException(
                "no account 'admin' although it was just bootstrapped"));
    }

    /** Writes a file only its owner can read, atomically (a partly written token file never exists). */
    private static void writeOwnerOnly(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            Path tmp = posix
                    ? Files.createTempFile(dir, ".admin-token-", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".admin-token-", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
