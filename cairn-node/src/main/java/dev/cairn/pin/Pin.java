package dev.cairn.pin;

import dev.cairn.cid.Cid;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a client asks to pin (the PSA {@code Pin} object). {@code cidText} is kept exactly as the
 * client sent it, because clients compare the echoed {@code pin.cid} as a string; {@code cid} is
 * the parsed form used for storage and filtering.
 *
 * @param name    optional, null when absent
 * @param origins multiaddrs as sent (unparseable ones are kept but ignored by fetchers)
 * @param meta    string keys and values, possibly empty
 */
public record Pin(String cidText, Cid cid, String name, List<String> origins, Map<String, String> meta) {
    public Pin {
        Objects.requireNonNull(cidText, "cidText");
        Objects.requireNonNull(cid, "cid");
        origins = List.copyOf(origins);
        meta = Map.copyOf(meta);
    }

    /** A pin of {@code cid} with no name, origins or meta (CLI and Kubo RPC pins). */
    public static Pin of(Cid cid) {
        return new Pin(cid.toString(), cid, null, List.of(), Map.of());
    }
}
