package dev.cairn.http.psa.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The PSA {@code PinResults} object: {@code count} is exact over all filters of the query. */
@JsonPropertyOrder({"count", "results"})
public record PinResultsBody(long count, List<PinStatusBody> results) {}
