package dev.cairn.multiformats;

import java.util.Base64;

/**
 * The multibase encodings Cairn reads and writes. A multibase string is one prefix character
 * followed by the encoded bytes; {@link #encode} adds the prefix, {@link #encodeRaw} does not.
 *
 * <p>Decoding is strict: characters outside the alphabet, wrong padding, impossible lengths and
 * non-zero trailing bits are rejected, so that a text has at most one byte string and each byte
 * string one text form per base and letter case. The one tolerance is letter case in the
 * case-insensitive bases (see {@link #decodeRaw}). Every failure is a {@link CodecException}.
 */
public enum Multibase {
    BASE16('f', "base16"),
    BASE16_UPPER('F', "base16upper"),
    BASE32('b', "base32"),
    BASE32_UPPER('B', "base32upper"),
    BASE32_PAD('c', "base32pad"),
    BASE32_PAD_UPPER('C', "base32padupper"),
    BASE36('k', "base36"),
    BASE36_UPPER('K', "base36upper"),
    BASE58BTC('z', "base58btc"),
    BASE64('m', "base64"),
    BASE64_PAD('M', "base64pad"),
    BASE64URL('u', "base64url"),
    BASE64URL_PAD('U', "base64urlpad");

    private static final String B32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String B36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String B16 = "0123456789abcdef";
    private static final int[] B16_INDEX = index(B16, true);
    private static final int[] B32_INDEX = index(B32, true);
    private static final int[] B36_INDEX = index(B36, true);
    private static final int[] B58_INDEX = index(B58, false);

    private final char prefix;
    private final String label;

    Multibase(char prefix, String label) {
        this.prefix = prefix;
        this.label = label;
    }

    public char prefix() {
        return prefix;
    }

    /** The multibase table name, e.g. {@code base32}. */
    public String label() {
        return label;
    }

    public static Multibase byPrefix(char c) {
        for (Multibase b : values()) {
            if (b.prefix == c) {
                return b;
            }
        }
        throw new CodecException("unknown multibase prefix '" + c + "'");
    }

    public static Multibase byName(String name) {
        for (Multibase b : values()) {
            if (b.label.equals(name)) {
                return b;
            }
        }
        throw new CodecException("unknown multibase '" + name + "'");
    }

    /** Prefix plus encoded bytes. */
    public String encode(byte[] data) {
        return prefix + encodeRaw(data);
    }

    /** Decodes a prefixed multibase string. */
    public static byte[] decode(String text) {
        if (text == null || text.isEmpty()) {
            throw new CodecException("empty multibase string");
        }
        return byPrefix(text.charAt(0)).decodeRaw(text.substring(1));
    }

    /** Encoded bytes without the prefix. */
    public String encodeRaw(byte[] data) {
        return switch (this) {
            case BASE16 -> java.util.HexFormat.of().formatHex(data);
            case BASE16_UPPER -> java.util.HexFormat.of().withUpperCase().formatHex(data);
            case BASE32 -> base32(data, false);
            case BASE32_UPPER -> base32(data, false).toUpperCase(java.util.Locale.ROOT);
            case BASE32_PAD -> base32(data, true);
            case BASE32_PAD_UPPER -> base32(data, true).toUpperCase(java.util.Locale.ROOT);
            case BASE36 -> baseN(data, B36);
            case BASE36_UPPER -> baseN(data, B36).toUpperCase(java.util.Locale.ROOT);
            case BASE58BTC -> baseN(data, B58);
            case BASE64 -> Base64.getEncoder().withoutPadding().encodeToString(data);
            case BASE64_PAD -> Base64.getEncoder().encodeToString(data);
            case BASE64URL -> Base64.getUrlEncoder().withoutPadding().encodeToString(data);
            case BASE64URL_PAD -> Base64.getUrlEncoder().encodeToString(data);
        };
    }

    /**
     * Decodes text in this base, without a prefix.
     *
     * <p>base16, base32 and base36 are read case-insensitively (ASCII letters only): the
     * multibase spec's {@code case_insensitivity.csv} vectors require it, and subdomain gateways
     * receive CIDs lower-cased by DNS. The upper/lower variants differ only when encoding.
     */
    public byte[] decodeRaw(String text) {
        return switch (this) {
            case BASE16, BASE16_UPPER -> hex(text);
            case BASE32, BASE32_UPPER -> unbase32(text, false);
            case BASE32_PAD, BASE32_PAD_UPPER -> unbase32(text, true);
            case BASE36, BASE36_UPPER -> unbaseN(text, B36, B36_INDEX, "base36");
            case BASE58BTC -> unbaseN(text, B58, B58_INDEX, "base58btc");
            case BASE64 -> unbase64(text, false, false);
            case BASE64_PAD -> unbase64(text, false, true);
            case BASE64URL -> unbase64(text, true, false);
            case BASE64URL_PAD -> unbase64(text, true, true);
        };
    }

    /** Alphabet value of {@code c}, or -1. Non-ASCII is never folded (no Kelvin sign for 'k'). */
    private static int value(int[] index, char c) {
        return c < 128 ? index[c] : -1;
    }

    private static CodecException badChar(String base, String text, int i) {
        char c = text.charAt(i);
        String shown = c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
        return new CodecException("invalid " + base + " character " + shown + " at index " + i);
    }

    private static byte[] hex(String text) {
        if (text.length() % 2 != 0) {
            throw new CodecException("base16 text has odd length " + text.length());
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = value(B16_INDEX, text.charAt(2 * i));
            if (hi < 0) {
                throw badChar("base16", text, 2 * i);
            }
            int lo = value(B16_INDEX, text.charAt(2 * i + 1));
            if (lo < 0) {
                throw badChar("base16", text, 2 * i + 1);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static String base32(byte[] data, boolean pad) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5 + 8);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                sb.append(B32.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(B32.charAt((buffer << (5 - bits)) & 31));
        }
        if (pad) {
            while (sb.length() % 8 != 0) {
                sb.append('=');
            }
        }
        return sb.toString();
    }

    private static byte[] unbase32(String text, boolean padded) {
        String s = text;
        if (padded) {
            if (s.length() % 8 != 0) {
                throw new CodecException("padded base32 text length " + s.length()
                        + " is not a multiple of 8");
            }
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '=') {
                end--;
            }
            if (s.length() - end > 6) {
                throw new CodecException("too much base32 padding");
            }
            s = s.substring(0, end);
        }
        int rem = s.length() % 8;
        if (rem == 1 || rem == 3 || rem == 6) {
            throw new CodecException("base32 text has an impossible length " + s.length()
                    + (padded ? " before its padding" : ""));
        }
        byte[] out = new byte[s.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int o = 0;
        for (int i = 0; i < s.length(); i++) {
            int v = value(B32_INDEX, s.charAt(i));
            if (v < 0) {
                throw badChar("base32", s, i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[o++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new CodecException("base32 text has non-zero trailing bits");
        }
        return out;
    }

    private static byte[] unbase64(String text, boolean url, boolean padded) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (url ? (c == '-' || c == '_') : (c == '+' || c == '/')) || (padded && c == '=');
            if (!ok) {
                throw badChar(url ? "base64url" : "base64", text, i);
            }
        }
        if (padded && text.length() % 4 != 0) {
            throw new CodecException("padded base64 text length " + text.length()
                    + " is not a multiple of 4");
        }
        if (!padded && text.length() % 4 == 1) {
            throw new CodecException("base64 text has an impossible length " + text.length());
        }
        try {
            byte[] out = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
            // Reject non-canonical trailing bits: the re-encoding must give the same text.
            Multibase self = url ? (padded ? BASE64URL_PAD : BASE64URL) : (padded ? BASE64_PAD : BASE64);
            if (!self.encodeRaw(out).equals(text)) {
                throw new CodecException("base64 text is not canonical (trailing bits or padding)");
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new CodecException("invalid base64 text: " + e.getMessage(), e);
        }
    }

    /*
     * Base58 and base36 by schoolbook long arithmetic on digit arrays: the same numbers BigInteger
     * gives, without a BigInteger division per digit (CIDs are parsed and printed on every gateway
     * request, where the BigInteger version showed up in profiles).
     */
    private static String baseN(byte[] data, String alphabet) {
        int radix = alphabet.length();
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        // Little-endian digits in the radix; each input byte multiplies the number by 256 and adds.
        int[] digits = new int[(int) Math.ceil((data.length - zeros) * 8 / log2(radix)) + 1];
        int len = 0;
        for (int i = zeros; i < data.length; i++) {
            int carry = data[i] & 0xFF;
            for (int k = 0; k < len; k++) {
                carry += digits[k] << 8;
                digits[k] = carry % radix;
                carry /= radix;
            }
            while (carry > 0) {
                digits[len++] = carry % radix;
                carry /= radix;
            }
        }
        StringBuilder sb = new StringBuilder(zeros + len);
        for (int i = 0; i < zeros; i++) {
            sb.append(alphabet.charAt(0));
        }
        for (int k = len - 1; k >= 0; k--) {
            sb.append(alphabet.charAt(digits[k]));
        }
        return sb.toString();
    }

    private static byte[] unbaseN(String text, String alphabet, int[] index, String base) {
        int radix = alphabet.length();
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == alphabet.charAt(0)) {
            zeros++;
        }
        // Little-endian bytes; each digit multiplies the number by the radix and adds.
        int[] bytes = new int[(int) Math.ceil((text.length() - zeros) * log2(radix) / 8) + 1];
        int len = 0;
        for (int i = zeros; i < text.length(); i++) {
            int carry = value(index, text.charAt(i));
            if (carry < 0) {
                throw badChar(base, text, i);
            }
            for (int k = 0; k < len; k++) {
                carry += bytes[k] * radix;
                bytes[k] = carry & 0xFF;
                carry >>>= 8;
            }
            while (carry > 0) {
                bytes[len++] = carry & 0xFF;
                carry >>>= 8;
            }
        }
        byte[] out = new byte[zeros + len];
        for (int k = 0; k < len; k++) {
            out[zeros + k] = (byte) bytes[len - 1 - k];
        }
        return out;
    }

    private static double log2(int radix) {
        return Math.log(radix) / Math.log(2);
    }

    private static int[] index(String alphabet, boolean foldCase) {
        int[] idx = new int[128];
        java.util.Arrays.fill(idx, -1);
        for (int i = 0; i < alphabet.length(); i++) {
            char c = alphabet.charAt(i);
            idx[c] = i;
            if (foldCase && c >= 'a' && c <= 'z') {
                idx[c - 'a' + 'A'] = i;
            }
        }
        return idx;
    }
}
