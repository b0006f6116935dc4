package dev.cairn.gateway;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * {@code Content-Disposition} values (RFC 6266). A name with non-ASCII characters gets an ASCII
 * copy with one {@code _} per such character plus the exact name as RFC 8187 {@code filename*},
 * as the gateway conformance suite expects.
 */
final class Disposition {
    private Disposition() {
    }

    static String of(String type, String filename) {
        StringBuilder ascii = new StringBuilder();
        boolean plain = true;
        for (int i = 0; i < filename.length(); ) {
            int cp = filename.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x20 || cp >= 0x7f) {
                ascii.append('_');
                plain = false;
            } else if (cp == '"' || cp == '\\') {
                ascii.append('\\').append((char) cp);
            } else {
                ascii.append((char) cp);
            }
        }
        String value = type + "; filename=\"" + ascii + "\"";
        return plain ? value : value + "; filename*=UTF-8''" + rfc8187(filename);
    }

    private static String rfc8187(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return b.toString();
    }
}
