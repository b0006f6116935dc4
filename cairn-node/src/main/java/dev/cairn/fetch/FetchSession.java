package dev.cairn.fetch;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.block.BlockSource;
import dev.cairn.car.CarReadOptions;
import dev.cairn.car.CarReader;
import dev.cairn.car.CarSection;
import dev.cairn.cid.Cid;
import dev.cairn.config.Durations;
import dev.cairn.config.FetchConfig;
import dev.cairn.multiformats.CodecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One run of {@link HttpDagFetcher#fetch}: first a whole-DAG CAR from the first source that has
 * one ({@code ?format=car&dag-scope=all}), streamed block by block into the sink, then the gaps
 * (a broken stream, a source that had only part of the DAG) block by block with
 * {@code ?format=raw} from whichever source answers. Every block is verified against the CID the
 * DAG names before it is kept; blocks a source sends that the DAG does not need are ignored.
 *
 * <p>Threads: the calling thread owns the DAG state, the counters and the sink (a block writer
 * need not be thread-safe). Raw blocks are requested by up to {@link #RAW_CONCURRENCY} virtual
 * threads, which only fetch and verify and hand the bytes back through a queue; one request per
 * round trip would make a DAG of thousands of blocks take minutes from a distant gateway.
 */
final class FetchSession {
    static final int RAW_CONCURRENCY = 8;
    private static final int CID_ROOM = 4 * 9 + 128;

    private final FetchConfig config;
    private final FetchRequest request;
    private final BlockSink sink;
    private final FetchListener listener;
    private final SourceList sources;
    private final SourceClient http;
    private final DagFrontier frontier;
    private final Watchdog watchdog;
    private volatile long blocksFetched;
    private long bytesFetched;
    private long blocksPresent;
    private String details = "walking the DAG";
    /** The source that delivered last: raw requests ask it first. */
    private volatile Source preferred;

    FetchSession(FetchConfig config, HttpClient client, HostResolver resolver, DelegatedRouting routing,
            FetchRequest request, BlockSource local, BlockSink sink, FetchListener listener, Watchdog watchdog) {
        this.config = config;
        this.request = request;
        this.sink = sink;
        this.listener = listener;
        this.watchdog = watchdog;
        this.sources = new SourceList(request.origins(), config.upstreamGateways(), config.routingEndpoints(), routing);
        this.http = new SourceClient(config, client, resolver, watchdog, this::inactive);
        this.frontier = new DagFrontier(local.withIdentity(), (cid, data) -> {
            blocksPresent++;
            watchdog.blockArrived();
            report();
        });
    }

    FetchProgress run() throws FetchException, InterruptedException {
        frontier.start(request.root());
        if (!frontier.complete()) {
            fetchCar();
        }
        if (!frontier.complete()) {
            fetchRawBlocks();
        }
        details = "complete";
        return progress();
    }

    // ---- whole-DAG CAR ---------------------------------------------------------------------

    /** Asks sources in order for a CAR of the whole DAG until one delivers at least one block. */
    private void fetchCar() throws FetchException, InterruptedException {
        Cid root = request.root();
        for (int i = 0; !frontier.complete(); i++) {
            if (i == sources.size() && sources.lookUpProviders(root) == 0) {
                return;
            }
            Source s = sources.get(i);
            if (s.live() && streamCar(s, root) > 0) {
                return;
            }
        }
    }

    /** Streams one CAR response into the sink; returns how many needed blocks it delivered. */
    private long streamCar(Source s, Cid root) throws FetchException, InterruptedException {
        details = "fetching a CAR of the DAG from " + s.base();
        report();
        Optional<SourceClient.Exchange> answer = http.open(s, s.url(root.toString(), "car"), "application/vnd.ipld.car");
        if (answer.isEmpty()) {
            return 0;
        }
        long accepted = 0;
        // Hashing is done here, only for blocks the DAG needs: anything else in the stream is skipped.
        CarReadOptions limits = new CarReadOptions(false, CarReadOptions.DEFAULTS.maxHeaderSize(),
                config.maxBlockSize() + CID_ROOM, 0);
        try (SourceClient.Exchange exchange = answer.get(); CarReader car = CarReader.open(exchange.body(), limits)) {
            long idleNanos = config.sourceIdleTimeout().toNanos();
            long lastNeeded = System.nanoTime();
            for (Optional<CarSection> next = car.next(); next.isPresent(); next = car.next()) {
                CarSection section = next.get();
                Optional<Cid> wanted = frontier.wanted(section.cid().multihash());
                if (wanted.isEmpty() || section.isIdentity()) {
                    // Bytes that are not our DAG are not progress: a source streaming junk is idle.
                    if (System.nanoTime() - lastNeeded > idleNanos) {
                        s.drop("sent only blocks the DAG does not need for " + Durations.format(config.sourceIdleTimeout()));
                        return accepted;
                    }
                    continue;
                }
                lastNeeded = System.nanoTime();
                if (!wanted.get().multihash().matches(section.data())) {
                    s.drop("sent a block that did not match its CID " + wanted.get());
                    return accepted;
                }
                keep(s, wanted.get(), section.data());
                accepted++;
            }
            s.note("sent a CAR with " + accepted + " needed blocks");
        } catch (CodecException e) {
            s.note("sent a CAR that did not read after " + accepted + " needed blocks: " + e.getMessage());
        } catch (IOException e) {
            http.failed(s, e, answer.get().request(), true, "CAR stream after " + accepted + " needed blocks");
        }
        return accepted;
    }

    // ---- single blocks ---------------------------------------------------------------------

    /** What a raw-block worker hands back: the verified bytes, or why there are none. */
    private record RawResult(Cid cid, Source source, byte[] data, Exception failure) {}

    /**
     * Fetches every missing block with {@code ?format=raw}, several at a time, closest to the root
     * first; a block no source has (after asking routing) fails the fetch.
     */
    private void fetchRawBlocks() throws FetchException, InterruptedException {
        BlockingQueue<RawResult> results = new LinkedBlockingQueue<>();
        Map<Cid, Thread> inFlight = new HashMap<>();
        try {
            while (true) {
                for (Cid cid : frontier.missingInOrder(RAW_CONCURRENCY + inFlight.size())) {
                    if (inFlight.size() >= RAW_CONCURRENCY) {
                        break;
                    }
                    if (!inFlight.containsKey(cid)) {
                        inFlight.put(cid, Thread.ofVirtual().name("fetch-raw").start(() -> results.add(fetchRaw(cid))));
                    }
                }
                if (inFlight.isEmpty()) {
                    return;
                }
                Source p = preferred;
                details = "fetching " + frontier.missingCount() + " missing blocks one at a time"
                        + (p == null ? "" : ", lately from " + p.base());
                RawResult r = results.take();
                inFlight.remove(r.cid());
                if (r.failure() instanceof FetchException e) {
                    throw e;
                }
                if (r.failure() instanceof InterruptedException e) {
                    throw e;
                }
                if (r.data() != null) {
                    preferred = r.source();
                    keep(r.source(), r.cid(), r.data());
                } else if (sources.lookUpProviders(request.root()) == 0 && sources.lookUpProviders(r.cid()) == 0) {
                    throw new FetchException("no source had block " + r.cid() + " (" + frontier.missingCount()
                            + " blocks still missing, " + blocksFetched + " fetched); " + sources.describe(), true);
                }
                // else: routing found new sources; the block is asked for again on the next round.
            }
        } finally {
            inFlight.values().forEach(Thread::interrupt);
        }
    }

    /** On a worker thread: asks each live source in turn (the last good one first) for one block. */
    private RawResult fetchRaw(Cid cid) {
        try {
            Source first = preferred;
            if (first != null && first.live()) {
                byte[] data = http.rawBlock(first, cid);
                if (data != null) {
                    return new RawResult(cid, first, data, null);
                }
            }
            for (Source s : sources.all()) {
                if (s != first && s.live()) {
                    byte[] data = http.rawBlock(s, cid);
                    if (data != null) {
                        return new RawResult(cid, s, data, null);
                    }
                }
            }
            return new RawResult(cid, null, null, null);
        } catch (FetchException | InterruptedException e) {
            return new RawResult(cid, null, null, e);
        }
    }

    // ---- shared ----------------------------------------------------------------------------

    /** Keeps a verified block of the DAG and explores its links. */
    private void keep(Source s, Cid cid, byte[] data) throws FetchException {
        try {
            sink.put(Block.hashed(cid, data)); // verified by the caller: the store need not hash it again
        } catch (UncheckedIOException e) {
            throw new FetchException("could not store block " + cid + ": " + e.getCause().getMessage(), true, e);
        }
        blocksFetched++;
        bytesFetched += data.length;
        watchdog.blockArrived();
        frontier.arrived(cid, data);
        report();
    }

    private FetchException inactive() {
        return new FetchException("no new verified block for " + Durations.format(watchdog.inactivity())
                + " (fetch.inactivity-timeout) after " + blocksFetched + " fetched, "
                + frontier.missingCount() + " still missing; " + sources.describe(), true);
    }

    private void report() {
        listener.progress(progress());
    }

    private FetchProgress progress() {
        return new FetchProgress(blocksFetched, bytesFetched, blocksPresent, frontier.dagSize(), details);
    }
}
