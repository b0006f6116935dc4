package dev.cairn.gateway;

import dev.cairn.cid.Cid;
import dev.cairn.unixfs.reader.DirEntry;
import java.util.Iterator;

/**
 * The generated HTML page for a directory without {@code index.html}. Sizes come from the links'
 * {@code Tsize} so a 10,000-entry directory needs no child fetch. Names are HTML-escaped and
 * linked percent-encoded under the directory's own (trailing-slash) URL.
 */
final class DirectoryListing {
    /** Bumped when the page changes, so the listing's Etag changes with it. */
    static final String VERSION = "cairn-1";

    private DirectoryListing() {
    }

    static String etag(Cid dir) {
        return "\"DirIndex-" + VERSION + "_CID-" + dir + "\"";
    }

    static String render(ContentPath path, Cid dir, Iterator<DirEntry> entries) {
        String title = "/ipfs/" + path.cid() + (path.segments().isEmpty() ? "" : "/" + path.remainder()) + "/";
        String base = path.directoryUrl();
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Index of ")
                .append(escape(title)).append("</title>\n</head>\n<body>\n<h1>Index of ").append(escape(title))
                .append("</h1>\n<p>").append(breadcrumbs(path)).append("</p>\n<p><a class=\"ipfs-hash\" translate=\"no\" href=\"")
                .append(escape(path.pathGateway())).append("/ipfs/")
                .append(dir).append("\">").append(dir).append("</a></p>\n<table>\n");
        if (!path.segments().isEmpty()) {
            b.append("<tr><td><a href=\"").append(escape(base)).append("..\">..</a></td><td></td><td></td></tr>\n");
        }
        while (entries.hasNext()) {
            DirEntry e = entries.next();
            String href = base + ContentPath.encode(e.name());
            b.append("<tr><td><a href=\"").append(escape(href)).append("\">").append(escape(e.name()))
                    .append("</a></td><td><a class=\"ipfs-hash\" translate=\"no\" href=\"")
                    .append(escape(path.pathGateway())).append("/ipfs/").append(e.cid())
                    // the name as in a path, then escaped again as a query value (as Kubo links it)
                    .append("?filename=").append(escape(ContentPath.encode(ContentPath.encode(e.name())))).append("\">").append(e.cid()).append("</a></td><td>")
                    .append(e.tsize() == null ? "" : size(e.tsize())).append("</td></tr>\n");
        }
        return b.append("</table>\n</body>\n</html>\n").toString();
    }

    /**
     * {@code /ipfs/<a>root</a>/<a>seg</a>/...}: each step links to its own path, on the path
     * gateway (from a subdomain origin, the one it hangs under, as Kubo links them).
     */
    private static String breadcrumbs(ContentPath path) {
        StringBuilder href = new StringBuilder(path.pathGateway()).append("/ipfs/").append(ContentPath.encode(path.cid()));
        StringBuilder b = new StringBuilder("/ipfs/<a href=\"").append(escape(href.toString())).append("\">")
                .append(escape(path.cid())).append("</a>");
        for (String segment : path.segments()) {
            href.append('/').append(ContentPath.encode(segment));
            b.append("/<a href=\"").append(escape(href.toString())).append("\">").append(escape(segment)).append("</a>");
        }
        return b.toString();
    }

    /** Human size, as Kubo's listing shows it (B, KiB, MiB, ...). */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&#34;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
