package dev.cairn.fetch;

import dev.cairn.cid.Cid;
import java.util.List;

/**
 * What to fetch: the DAG under {@code root}, with the client's hints.
 *
 * @param origins multiaddrs from the pin request, as sent; those that do not parse as HTTP(S)
 *                origins are ignored, not errors
 */
public record FetchRequest(Cid root, List<String> origins) {
    public FetchRequest {
        origins = List.copyOf(origins);
    }
}
