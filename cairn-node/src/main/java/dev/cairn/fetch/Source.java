package dev.cairn.fetch;

import java.net.URI;

/**
 * One trustless-gateway base URL taking part in a fetch, and what it did: a source that lied,
 * stalled or could not be reached is dropped for the rest of the fetch; the last thing it
 * answered is kept for the failure message. Thread-safe: raw blocks are fetched concurrently.
 */
final class Source {
    private final URI base;
    private final String role;
    private String dropped;
    private String note;

    Source(URI base, String role) {
        this.base = base;
        this.role = role;
    }

    URI base() {
        return base;
    }

    /** Where the source came from: "origin", "upstream gateway", "provider 12D3...". */
    String role() {
        return role;
    }

    URI url(String cid, String format) {
        return URI.create(base + "/ipfs/" + cid + "?format=" + format + (format.equals("car") ? "&dag-scope=all" : ""));
    }

    synchronized boolean live() {
        return dropped == null;
    }

    synchronized void drop(String reason) {
        if (dropped == null) {
            dropped = reason;
        }
    }

    synchronized void note(String what) {
        note = what;
    }

    /** "http://a:8080 (origin, dropped: sent a block that did not match its CID bafy...)". */
    synchronized String describe() {
        String state = dropped != null ? "dropped: " + dropped : note != null ? note : "not asked";
        return base + " (" + role + ", " + state + ")";
    }
}
