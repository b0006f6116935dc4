package dev.cairn.fetch;

import dev.cairn.block.BlockSink;
import dev.cairn.block.BlockSource;

/**
 * Makes a whole DAG present locally.
 */
public interface DagFetcher {
    /**
     * Walks the DAG under {@code request.root()}: blocks {@code local} already has are read, not
     * fetched; every missing block is fetched from the sources (in order: the request's HTTP
     * origins, configured upstream gateways, delegated-routing providers), verified against its
     * CID, and put into {@code sink}. A source that sends a block whose hash does not match is
     * dropped for the rest of this fetch. Timeouts are about inactivity (no new verified block for
     * the configured time), never wall-clock. Returns when every block of the DAG is in
     * {@code local} or {@code sink}.
     *
     * @throws FetchException when the DAG cannot be completed (nothing is rolled back here: the
     *     caller aborts or keeps its writer)
     * @throws InterruptedException when the calling thread is interrupted (job cancelled)
     */
    FetchProgress fetch(FetchRequest request, BlockSource local, BlockSink sink, FetchListener listener)
            throws FetchException, InterruptedException;
}
