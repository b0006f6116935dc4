package dev.cairn.cli;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as users write them on the command line: {@code 10GiB}, {@code 500MB}, {@code 1048576}, {@code unlimited}. */
final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgtp]i?b?|b)?");

    private ByteSize() {}

    /**
     * Parses a size: digits with an optional unit, decimal ({@code KB MB GB TB PB}, powers of 1000)
     * or binary ({@code KiB MiB GiB TiB PiB}, powers of 1024), case-insensitive; {@code unlimited}
     * (or {@code none}) is empty.
     *
     * @throws CliException naming {@code what} when the text is not a size or overflows
     */
    static OptionalLong parse(String text, String what) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("unlimited") || t.equals("none")) {
            return OptionalLong.empty();
        }
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            throw new CliException(what + " must be a size such as 10GiB, 500MB or 1048576, or 'unlimited'; got '"
                    + text + "'");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int power = "bkmgtp".indexOf(unit.charAt(0));
        long base = unit.contains("i") ? 1024 : 1000;
        try {
            long value = Long.parseLong(m.group(1));
            for (int i = 0; i < power; i++) {
                value = Math.multiplyExact(value, base);
            }
            return OptionalLong.of(value);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new CliException(what + " '" + text + "' is too large");
        }
    }

    /** A size for people: {@code 1.5 GiB}, {@code 512 B}; {@code unlimited} when empty. */
    static String human(OptionalLong bytes) {
        return bytes.isPresent() ? ProgressBar.human(bytes.getAsLong()) : "unlimited";
    }
}
