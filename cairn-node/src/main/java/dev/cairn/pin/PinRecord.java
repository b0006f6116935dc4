package dev.cairn.pin;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One pin request as stored: the PSA {@code PinStatus} minus {@code delegates} (which the HTTP
 * surface adds from the node's addresses).
 *
 * @param created unique per account at millisecond precision (PSA pagination depends on it)
 * @param info    string-only progress and failure details ({@code status_details}, ...)
 */
public record PinRecord(UUID requestId, long accountId, Pin pin, PinStatus status, Instant created,
                        Map<String, String> info) {
    public PinRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        info = Map.copyOf(info);
    }
}
