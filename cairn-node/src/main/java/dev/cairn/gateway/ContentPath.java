package dev.cairn.gateway;

import dev.cairn.http.HttpException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A request path {@code /ipfs/{cid}[/seg/...][/]} split from the raw (still percent-encoded) URL
 * path, because the router decodes too early to tell {@code %2F} from {@code /} and drops the
 * trailing slash that decides between a 301 and a directory answer.
 *
 * <p>The same content path can be reached at two kinds of URL: {@code /ipfs/{cid}/a/b} on the
 * path gateway, and {@code /a/b} on the subdomain origin {@code {cid}.ipfs.{host}}. {@code urlRoot}
 * and {@code pathGateway} say which, so redirects and listing links point where the client is.
 *
 * @param cid           the CID text as given
 * @param segments      the decoded path segments after the CID (empty ones dropped)
 * @param trailingSlash whether the URL path ended with {@code /}
 * @param urlRoot       the URL path of the content root on this origin, without trailing slash:
 *                      {@code /ipfs/{cid}}, or empty on a subdomain origin
 * @param pathGateway   where {@code /ipfs/...} links must go: empty (this origin) or the
 *                      subdomain gateway's own host ({@code //localhost:8080})
 */
record ContentPath(String cid, List<String> segments, boolean trailingSlash, String urlRoot, String pathGateway) {
    static final String PREFIX = "/ipfs/";
    /** Request attribute set by {@link SubdomainRouter} for a request on a subdomain origin. */
    static final String MOUNT_ATTRIBUTE = "cairn.gateway.mount";

    /** A subdomain request: its content path and the host of the path gateway it hangs under. */
    record Mount(String contentPath, String pathGateway) {
    }

    ContentPath {
        segments = List.copyOf(segments);
    }

    /** A path on the path gateway. */
    ContentPath(String cid, List<String> segments, boolean trailingSlash) {
        this(cid, segments, trailingSlash, PREFIX + encode(cid), "");
    }

    /** The content path of the request, wherever it came in (path gateway or subdomain origin). */
    static ContentPath of(Context ctx) {
        Mount mount = ctx.attribute(MOUNT_ATTRIBUTE);
        if (mount == null) {
            return parse(ctx.path());
        }
        ContentPath p = parse(mount.contentPath());
        return new ContentPath(p.cid(), p.segments(), p.trailingSlash(), "", mount.pathGateway());
    }

    /** The raw {@code /ipfs/{cid}[/path]} asked for, as {@code X-Ipfs-Path} reports it. */
    static String requested(Context ctx) {
        Mount mount = ctx.attribute(MOUNT_ATTRIBUTE);
        return mount == null ? ctx.path() : mount.contentPath();
    }

    static ContentPath parse(String rawPath) {
        if (!rawPath.startsWith(PREFIX)) {
            throw HttpException.badRequest("not an /ipfs/ path: " + rawPath);
        }
        String rest = rawPath.substring(PREFIX.length());
        boolean slash = rest.endsWith("/");
        String[] parts = rest.split("/");
        List<String> segments = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                segments.add(decode(parts[i]));
            }
        }
        return new ContentPath(decode(parts[0]), segments, slash);
    }

    /** The segments joined for {@link dev.cairn.unixfs.reader.UnixfsReader#resolve}. */
    String remainder() {
        return String.join("/", segments);
    }

    /** The last named thing: the last segment, else the CID. */
    String lastName() {
        return segments.isEmpty() ? cid : segments.get(segments.size() - 1);
    }

    /** This path, each segment percent-encoded (RFC 3986 pchar), with a trailing slash. */
    String directoryUrl() {
        StringBuilder b = new StringBuilder(urlRoot);
        for (String s : segments) {
            b.append('/').append(encode(s));
        }
        return b.append('/').toString();
    }

    /** Percent-decoding of a path segment: {@code +} stays a plus; the bytes must be UTF-8. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw HttpException.badRequest("bad percent-encoding in path segment '" + segment + "'");
                }
                try {
                    bytes.write(HexFormat.fromHexDigits(segment, i + 1, i + 3));
                } catch (IllegalArgumentException e) {
                    throw HttpException.badRequest("bad percent-encoding in path segment '" + segment + "'");
                }
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw HttpException.badRequest("path segment '" + segment + "' is not UTF-8");
        }
    }

    /** Encodes everything but RFC 3986 unreserved characters and the sub-delims safe in a path. */
    static String encode(String segment) {
        StringBuilder b = new StringBuilder();
        for (byte x : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return b.toString();
    }
}
