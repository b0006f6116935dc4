package dev.cairn.testing;

import dev.cairn.multiformats.CodecException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded fuzzing for parsers, in plain JUnit: random inputs and mutations of valid ones, where the
 * only allowed failure is {@link CodecException}. The seed is fixed so runs repeat; set
 * {@code -Dcairn.fuzz.seed=N} to explore others. Every failure message names the seed, the
 * iteration and the input, which is all it takes to replay it.
 */
public final class Fuzz {
    private Fuzz() {}

    /** The seed for a fuzz loop: {@code cairn.fuzz.seed} if set, else {@code fallback}. */
    public static long seed(long fallback) {
        return Long.getLong("cairn.fuzz.seed", fallback);
    }

    /** Random bytes of a random length in [0, maxLength]. */
    public static byte[] randomBytes(Random rnd, int maxLength) {
        byte[] b = new byte[rnd.nextInt(maxLength + 1)];
        rnd.nextBytes(b);
        return b;
    }

    /**
     * One to three mutations of {@code valid}: bit flips, byte overwrites (favouring boundary values),
     * truncation, insertion, deletion or duplication of a slice.
     */
    public static byte[] mutate(Random rnd, byte[] valid) {
        byte[] b = valid.clone();
        int rounds = 1 + rnd.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            b = mutateOnce(rnd, b);
        }
        return b;
    }

    private static byte[] mutateOnce(Random rnd, byte[] b) {
        if (b.length == 0) {
            return randomBytes(rnd, 4);
        }
        int at = rnd.nextInt(b.length);
        switch (rnd.nextInt(6)) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << rnd.nextInt(8));
                return c;
            }
            case 1 -> {
                byte[] c = b.clone();
                int[] boundary = {0x00, 0x01, 0x7F, 0x80, 0xFF, 0x12, 0x20, 0x0A, 0x08};
                c[at] = (byte) (rnd.nextBoolean() ? boundary[rnd.nextInt(boundary.length)] : rnd.nextInt(256));
                return c;
            }
            case 2 -> {
                return Arrays.copyOf(b, at);
            }
            case 3 -> {
                byte[] ins = randomBytes(rnd, 3);
                byte[] c = new byte[b.length + ins.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(ins, 0, c, at, ins.length);
                System.arraycopy(b, at, c, at + ins.length, b.length - at);
                return c;
            }
            case 4 -> {
                int n = 1 + rnd.nextInt(Math.min(8, b.length - at));
                byte[] c = new byte[b.length - n];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + n, c, at, b.length - at - n);
                return c;
            }
            default -> {
                int n = 1 + rnd.nextInt(Math.min(8, b.length - at));
                byte[] c = new byte[b.length + n];
                System.arraycopy(b, 0, c, 0, at + n);
                System.arraycopy(b, at, c, at + n, b.length - at);
                return c;
            }
        }
    }

    /** A mutation of a string (edits as bytes of its ASCII/Latin-1 form, plus odd characters). */
    public static String mutate(Random rnd, String valid) {
        StringBuilder sb = new StringBuilder(valid);
        int rounds = 1 + rnd.nextInt(3);
        char[] odd = {'=', '0', 'O', 'l', 'I', '\u212A', '\u0130', ' ', '\u00e9', '-', '_', '+', '/', '\0'};
        for (int i = 0; i < rounds && sb.length() > 0; i++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(5)) {
                case 0 -> sb.setCharAt(at, odd[rnd.nextInt(odd.length)]);
                case 1 -> sb.setCharAt(at, (char) (32 + rnd.nextInt(95)));
                case 2 -> sb.setLength(at);
                case 3 -> sb.insert(at, (char) (32 + rnd.nextInt(95)));
                default -> sb.deleteCharAt(at);
            }
        }
        return sb.toString();
    }

    /**
     * Runs {@code parser} on {@code input}; any throwable other than {@link CodecException} fails
     * with a message that replays the case.
     */
    public static void expectOnlyCodecException(long seed, int iteration, byte[] input, Consumer<byte[]> parser) {
        try {
            parser.accept(input);
        } catch (CodecException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError(replay(seed, iteration, HexFormat.of().formatHex(input))
                        + ": CodecException without a message", expected);
            }
        } catch (Throwable t) {
            throw new AssertionError(replay(seed, iteration, HexFormat.of().formatHex(input))
                    + ": threw " + t, t);
        }
    }

    public static void expectOnlyCodecException(long seed, int iteration, String input, Consumer<String> parser) {
        try {
            parser.accept(input);
        } catch (CodecException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError(replay(seed, iteration, input) + ": CodecException without a message",
                        expected);
            }
        } catch (Throwable t) {
            throw new AssertionError(replay(seed, iteration, input) + ": threw " + t, t);
        }
    }

    /** Picks one element. */
    public static <T> T pick(Random rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    public static String replay(long seed, int iteration, String input) {
        return "seed " + seed + " (-Dcairn.fuzz.seed=" + seed + "), iteration " + iteration + ", input " + input;
    }
}
