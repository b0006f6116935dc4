package dev.cairn.fetch;

import dev.cairn.cid.Cid;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sources of one fetch, in the order they are asked: the request's HTTP origins, then the
 * configured upstream gateways, then providers from delegated routing. Routing is asked lazily,
 * only once the sources before it cannot help, and at most once per CID. Thread-safe.
 */
final class SourceList {
    private final Map<URI, Source> sources = new LinkedHashMap<>();
    private final List<URI> routingEndpoints;
    private final DelegatedRouting routing;
    private final Set<Cid> lookedUp = new HashSet<>();
    private final List<String> routingNotes = new ArrayList<>();
    private final List<String> ignoredOrigins = new ArrayList<>();

    SourceList(List<String> origins, List<URI> gateways, List<URI> routingEndpoints, DelegatedRouting routing) {
        this.routingEndpoints = routingEndpoints;
        this.routing = routing;
        for (String origin : origins) {
            Optional<URI> base = HttpMultiaddr.toUrl(origin);
            if (base.isPresent()) {
                sources.putIfAbsent(base.get(), new Source(base.get(), "origin"));
            } else {
                ignoredOrigins.add(origin);
            }
        }
        for (URI gateway : gateways) {
            sources.putIfAbsent(gateway, new Source(gateway, "upstream gateway"));
        }
    }

    /** Source number {@code i}, in asking order (the list grows as providers are found). */
    synchronized Source get(int i) {
        return all().get(i);
    }

    synchronized int size() {
        return sources.size();
    }

    synchronized List<Source> all() {
        return List.copyOf(sources.values());
    }

    /**
     * Asks every routing endpoint for providers of {@code cid} (once per CID); returns how many
     * new sources were added.
     */
    synchronized int lookUpProviders(Cid cid) throws InterruptedException {
        if (routingEndpoints.isEmpty() || !lookedUp.add(cid)) {
            return 0;
        }
        int before = sources.size();
        for (URI endpoint : routingEndpoints) {
            try {
                for (DelegatedRouting.Provider p : routing.providers(endpoint, cid)) {
                    String role = "provider" + (p.peerId().isEmpty() ? "" : " " + p.peerId()) + " from " + endpoint;
                    sources.putIfAbsent(p.base(), new Source(p.base(), role));
                }
            } catch (IOException | RuntimeException e) {
                routingNotes.add(endpoint + " could not be asked for providers of " + cid + ": " + e.getMessage());
            }
        }
        return sources.size() - before;
    }

    /** Everything that was tried, for a failure message. */
    synchronized String describe() {
        StringBuilder out = new StringBuilder();
        if (sources.isEmpty()) {
            out.append("no sources: the request has no HTTP origins")
                    .append(ignoredOrigins.isEmpty() ? "" : " (ignored " + ignoredOrigins.size() + " that are not HTTP(S) multiaddrs)")
                    .append(", and no fetch.upstream-gateways")
                    .append(routingEndpoints.isEmpty() ? " or fetch.routing-endpoints are configured" : " are configured and routing found no providers");
        } else {
            out.append("tried: ").append(sources.values().stream().map(Source::describe).collect(Collectors.joining("; ")));
        }
        for (String note : routingNotes) {
            out.append("; ").append(note);
        }
        return out.toString();
    }
}
