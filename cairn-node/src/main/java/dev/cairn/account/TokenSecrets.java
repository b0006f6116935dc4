package dev.cairn.account;

import dev.cairn.multiformats.Multibase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Token secrets: {@code cairn_} + base32 of 32 random bytes. The prefix lets secret scanners
 * (and people) recognise a leaked Cairn token; the 256 random bits make the unsalted SHA-256 we
 * store as safe as a slow hash would be for a password, and let us look the hash up by index.
 */
final class TokenSecrets {
    static final String PREFIX = "cairn_";
    static final int RANDOM_BYTES = 32;
    /** Longest secret we bother hashing: anything longer is not ours. */
    static final int MAX_LENGTH = 256;

    private TokenSecrets() {}

    static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Multibase.BASE32.encodeRaw(bytes);
    }

    /** True when {@code secret} could be a Cairn token (cheap check before hashing). */
    static boolean plausible(String secret) {
        return secret != null && secret.length() <= MAX_LENGTH && secret.startsWith(PREFIX);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
