package dev.cairn.http.kubo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code multipart/form-data} bodies as Kubo's clients send them to {@code add}, {@code dag/import}
 * and {@code block/put}: one part per file or directory, named by its percent-encoded path. Every
 * test that uploads builds its bodies here, with the one boundary {@link #CONTENT_TYPE} names.
 */
public final class MultipartBodies {
    public static final String BOUNDARY = "cairnTestBoundary7MA4YWxk";
    public static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    private MultipartBodies() {}

    public static byte[] filePart(String encodedName, byte[] data) {
        return part(encodedName, "application/octet-stream", data);
    }

    public static byte[] dirPart(String encodedName) {
        return part(encodedName, "application/x-directory", new byte[0]);
    }

    public static byte[] symlinkPart(String encodedName, String target) {
        return part(encodedName, "application/symlink", target.getBytes(StandardCharsets.UTF_8));
    }

    /** A part: its headers and data, without the delimiter lines {@link #multipart} adds. */
    public static byte[] part(String encodedName, String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("Content-Disposition: form-data; name=\"file\"; filename=\"" + encodedName + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(data);
        return out.toByteArray();
    }

    public static byte[] multipart(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(("--" + BOUNDARY + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A whole body of one file part. */
    public static byte[] single(String encodedName, byte[] data) {
        return multipart(List.of(filePart(encodedName, data)));
    }

    /** What a streamed body of one file sends before the file's bytes; {@link #tail} ends it. */
    public static byte[] head(String encodedName) {
        return ("--" + BOUNDARY + "\r\n" + new String(part(encodedName, "application/octet-stream", new byte[0]),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
