package dev.cairn.http.psa.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The PSA {@code Pin} object as sent back: {@code cid} exactly as the client sent it; {@code name},
 * {@code origins} and {@code meta} only when present (null fields are omitted).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PinBody(String cid, String name, List<String> origins, Map<String, String> meta) {}
