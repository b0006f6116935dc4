package dev.cairn.fetch;

/** Receives progress of a fetch; called on the fetching thread, must be quick. */
@FunctionalInterface
public interface FetchListener {
    FetchListener NONE = p -> { };

    void progress(FetchProgress progress);
}
