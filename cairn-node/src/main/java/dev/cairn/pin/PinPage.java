package dev.cairn.pin;

import java.util.List;

/** One page of a listing: {@code count} is exact over all filters (including before/after). */
public record PinPage(long count, List<PinRecord> results) {
    public PinPage {
        results = List.copyOf(results);
    }
}
