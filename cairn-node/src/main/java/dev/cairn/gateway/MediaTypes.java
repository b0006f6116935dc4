package dev.cairn.gateway;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Content-Type of a UnixFS file, as the path gateway spec asks: by file name first, then by the
 * first bytes (the way boxo and Go's {@code http.DetectContentType} do it), else octet-stream.
 */
final class MediaTypes {
    static final String OCTET_STREAM = "application/octet-stream";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html";
    /** How many leading bytes the sniffer looks at. */
    static final int SNIFF_BYTES = 512;

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", HTML), Map.entry("htm", HTML), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("txt", TEXT), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("xml", "text/xml; charset=utf-8"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"), Map.entry("pdf", "application/pdf"), Map.entry("wasm", "application/wasm"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("ogg", "audio/ogg"), Map.entry("wav", "audio/wav"), Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"), Map.entry("tar", "application/x-tar"),
            Map.entry("car", "application/vnd.ipld.car"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
            Map.entry("csv", "text/csv; charset=utf-8"));

    private MediaTypes() {
    }

    /** The type named by {@code name}'s extension, if known. */
    static Optional<String> byName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /** The type the leading bytes of a file show. */
    static String sniff(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return "image/png";
        }
        if (startsWith(head, 0xff, 0xd8, 0xff)) {
            return "image/jpeg";
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(head, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12 && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return "image/webp";
        }
        if (startsWith(head, 'P', 'K', 3, 4)) {
            return "application/zip";
        }
        if (startsWith(head, 0x1f, 0x8b, 8)) {
            return "application/x-gzip";
        }
        if (startsWith(head, 0, 'a', 's', 'm')) {
            return "application/wasm";
        }
        String text = utf8(head);
        if (text == null) {
            return OCTET_STREAM;
        }
        String lead = text.stripLeading().toLowerCase(Locale.ROOT);
        if (lead.startsWith("<svg") || (lead.startsWith("<?xml") && lead.contains("<svg"))) {
            return "image/svg+xml";
        }
        if (lead.startsWith("<!doctype html") || lead.startsWith("<html") || lead.startsWith("<head")
                || lead.startsWith("<body")) {
            return HTML;
        }
        if (lead.startsWith("<?xml")) {
            return "text/xml; charset=utf-8";
        }
        return text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
                ? OCTET_STREAM : TEXT;
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bytes as UTF-8, or null if they are not. The sample may start or end inside a character
     * (it is cut from a range or the first {@value #SNIFF_BYTES} bytes), so up to three
     * continuation bytes at the start and a cut sequence at the end are forgiven. Decoded with
     * {@link CoderResult}s, not exceptions: most files are binary, and an exception (its stack
     * trace) per attempt showed in the gateway's profile of 1 KiB requests.
     */
    private static String utf8(byte[] head) {
        int from = 0;
        while (from < 3 && from < head.length && (head[from] & 0xc0) == 0x80) {
            from++;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(head.length - from);
        for (int cut = 0; cut < 4 && cut <= head.length - from; cut++) {
            ByteBuffer in = ByteBuffer.wrap(head, from, head.length - cut - from);
            out.clear();
            decoder.reset();
            CoderResult result = decoder.decode(in, out, true);
            if (!result.isError()) {
                result = decoder.flush(out);
            }
            if (!result.isError()) {
                return out.flip().toString();
            }
            if (in.position() + result.length() <= head.length - 3) {
                return null; // an error before the last three bytes: no cut at the end removes it
            }
        }
        return null;
    }
}
