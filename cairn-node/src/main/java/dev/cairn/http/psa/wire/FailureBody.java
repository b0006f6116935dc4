package dev.cairn.http.psa.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The PSA {@code Failure} object: {@code {"error": {"reason": "NOT_FOUND", "details": "..."}}}.
 * We always send non-empty {@code details} (clients show it to people).
 */
public record FailureBody(Error error) {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String reason, String details) {}

    public static FailureBody of(String reason, String details) {
        return new FailureBody(new Error(reason, details));
    }
}
