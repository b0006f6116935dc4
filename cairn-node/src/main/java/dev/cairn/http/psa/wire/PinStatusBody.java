package dev.cairn.http.psa.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The PSA {@code PinStatus} object. {@code info} is omitted when empty; {@code delegates} is never
 * empty (this node's {@code /p2p/} multiaddrs).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"requestid", "status", "created", "pin", "delegates", "info"})
public record PinStatusBody(String requestid, String status, String created, PinBody pin, List<String> delegates,
                            Map<String, String> info) {}
