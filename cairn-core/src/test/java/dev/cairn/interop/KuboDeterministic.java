package dev.cairn.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The deterministic inputs Kubo's own CID tests use ({@code test/cli/testutils/random_deterministic.go}
 * and {@code createDeterministicFiles} in ipfs/kubo), so tests can recreate them byte for byte and
 * compare against the CIDs Kubo publishes for them.
 *
 * <p>Bytes: the ChaCha20 (IETF, 12-byte zero nonce, counter 0) keystream keyed by SHA-256 of the
 * seed's UTF-8 bytes. File names: that stream (always read from a 1 MiB stream in Kubo) mapped
 * byte by byte onto {@link #ALPHABET_EASY}. The JDK has both primitives, so no dependency.
 */
public final class KuboDeterministic {
    /** Kubo's {@code testutils.AlphabetEasy}; the digit 0 appears twice, as in Kubo. */
    public static final String ALPHABET_EASY = "abcdefghijklmnopqrstuvwxyz01234567890-_";

    private static final int BUFFER = 1 << 20;

    private KuboDeterministic() {}

    /** {@code size} pseudo-random bytes for {@code seed} (Go's DeterministicRandomReaderBytes). */
    public static byte[] bytes(int size, String seed) {
        return keystream(seed).update(new byte[size]);
    }

    /** Writes {@code size} pseudo-random bytes for {@code seed} to {@code file}, streaming. */
    public static Path writeFile(Path file, long size, String seed) throws IOException {
        Cipher cipher = keystream(seed);
        byte[] zeros = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; ) {
                int n = (int) Math.min(left, BUFFER);
                out.write(cipher.update(zeros, 0, n));
                left -= n;
            }
        }
        return file;
    }

    /**
     * Kubo's deterministic file names: {@code count} names of {@code nameLength} characters, except
     * the last, which has {@code lastNameLength}.
     */
    public static List<String> fileNames(int count, int nameLength, int lastNameLength, String seed) {
        long needed = (long) (count - 1) * nameLength + lastNameLength;
        if (needed > BUFFER) {
            throw new IllegalArgumentException("Kubo draws names from a 1 MiB stream; " + needed + " bytes asked");
        }
        byte[] stream = bytes((int) needed, seed);
        List<String> names = new ArrayList<>(count);
        int offset = 0;
        for (int i = 0; i < count; i++) {
            int length = i == count - 1 ? lastNameLength : nameLength;
            StringBuilder name = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                name.append(ALPHABET_EASY.charAt(Byte.toUnsignedInt(stream[offset + j]) % ALPHABET_EASY.length()));
            }
            names.add(name.toString());
            offset += length;
        }
        return names;
    }

    /** Kubo's HAMT threshold directories: {@link #fileNames} files, each holding the byte {@code x}. */
    public static Path writeDirectory(Path dir, int count, int nameLength, int lastNameLength, String seed)
            throws IOException {
        Files.createDirectories(dir);
        for (String name : fileNames(count, nameLength, lastNameLength, seed)) {
            Files.write(dir.resolve(name), new byte[] {'x'});
        }
        return dir;
    }

    private static Cipher keystream(String seed) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            Cipher cipher = Cipher.getInstance("ChaCha20");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(new byte[12], 0));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256 or ChaCha20", e);
        }
    }
}
