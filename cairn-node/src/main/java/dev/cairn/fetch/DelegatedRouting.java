package dev.cairn.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.cid.Cid;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Client side of the Delegated Routing V1 HTTP API
 * (https://specs.ipfs.tech/routing/http-routing-v1/): {@code GET /routing/v1/providers/{cid}},
 * keeping peers that offer {@code transport-ipfs-gateway-http} on an HTTP(S) multiaddr. Endpoints
 * are configured by the operator, so they are trusted to be reached; the providers they name are
 * not, and go through the address policy like any origin.
 */
final class DelegatedRouting {
    static final String GATEWAY_PROTOCOL = "transport-ipfs-gateway-http";
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A provider: its peer id (may be empty) and a gateway base URL. */
    record Provider(String peerId, URI base) {}

    private final HttpClient client;
    private final Duration timeout;

    DelegatedRouting(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * Providers of {@code cid} known to {@code endpoint}, in the order given, one entry per usable
     * address.
     *
     * @throws IOException when the endpoint cannot be asked or answers something unreadable
     */
    List<Provider> providers(URI endpoint, Cid cid) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "/routing/v1/providers/" + cid.toV1()))
                .header("Accept", "application/json")
                .timeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                return List.of();
            }
            if (response.statusCode() != 200) {
                throw new IOException("answered HTTP " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new IOException("answer is over " + MAX_RESPONSE_BYTES + " bytes");
            }
            return parse(JSON.readTree(bytes));
        }
    }

    static List<Provider> parse(JsonNode root) {
        Map<URI, Provider> out = new LinkedHashMap<>();
        JsonNode providers = root == null ? null : root.get("Providers");
        if (providers == null || !providers.isArray()) {
            return List.of();
        }
        for (JsonNode p : providers) {
            if (!p.path("Protocols").isArray() || !contains(p.get("Protocols"), GATEWAY_PROTOCOL)) {
                continue;
            }
            String id = p.path("ID").asText("");
            for (JsonNode addr : p.path("Addrs")) {
                Optional<URI> base = HttpMultiaddr.toUrl(addr.asText(""));
                base.ifPresent(b -> out.putIfAbsent(b, new Provider(id, b)));
            }
        }
        return new ArrayList<>(out.values());
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }
}
