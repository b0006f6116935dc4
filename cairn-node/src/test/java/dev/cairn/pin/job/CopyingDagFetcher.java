package dev.cairn.pin.job;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.dag.Links;
import dev.cairn.fetch.DagFetcher;
import dev.cairn.fetch.FetchException;
import dev.cairn.fetch.FetchListener;
import dev.cairn.fetch.FetchProgress;
import dev.cairn.fetch.FetchRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link DagFetcher} whose "network" is another block store: walks the DAG, reads blocks
 * the local store has, copies the others from {@code remote}. It can be told to fail its next
 * fetches, to stall after some blocks until interrupted, or to go slowly.
 */
public final class CopyingDagFetcher implements DagFetcher {
    private final BlockSource remote;
    private final Queue<FetchException> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final Queue<Cid> roots = new ConcurrentLinkedQueue<>();
    private volatile int stallAfterBlocks = -1;
    private volatile long delayMillis;
    /** Counted down when a fetch stalls. */
    public final CountDownLatch stalled = new CountDownLatch(1);

    public CopyingDagFetcher(BlockSource remote) {
        this.remote = remote;
    }

    /** The next fetch throws {@code e} after copying nothing. */
    public CopyingDagFetcher failNext(FetchException e) {
        failures.add(e);
        return this;
    }

    /** Every fetch blocks (until interrupted) once it has fetched {@code blocks} blocks. */
    public CopyingDagFetcher stallAfter(int blocks) {
        this.stallAfterBlocks = blocks;
        return this;
    }

    public CopyingDagFetcher stallNever() {
        this.stallAfterBlocks = -1;
        return this;
    }

    public CopyingDagFetcher delayPerBlock(long millis) {
        this.delayMillis = millis;
        return this;
    }

    public int calls() {
        return calls.get();
    }

    /** The roots asked for, in call order. */
    public java.util.List<Cid> roots() {
        return java.util.List.copyOf(roots);
    }

    @Override
    public FetchProgress fetch(FetchRequest request, BlockSource local, BlockSink sink, FetchListener listener)
            throws FetchException, InterruptedException {
        calls.incrementAndGet();
        roots.add(request.root());
        FetchException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        long fetched = 0;
        long bytes = 0;
        long present = 0;
        Set<Cid> seen = new HashSet<>();
        Deque<Cid> todo = new ArrayDeque<>();
        todo.push(request.root());
        while (!todo.isEmpty()) {
            Cid cid = todo.pop();
            if (!seen.add(cid)) {
                continue;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            byte[] data;
            Optional<byte[]> here = local.get(cid);
            if (here.isPresent()) {
                data = here.get();
                present++;
            } else {
                if (stallAfterBlocks >= 0 && fetched >= stallAfterBlocks) {
                    stalled.countDown();
                    new CountDownLatch(1).await(); // until interrupted
                }
                data = remote.get(cid).orElseThrow(() -> new FetchException("no source had block " + cid, true));
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                sink.put(Block.verified(cid, data));
                fetched++;
                bytes += data.length;
            }
            listener.progress(new FetchProgress(fetched, bytes, present, -1, "copying from the test source"));
            for (Cid link : Links.of(cid, data)) {
                todo.push(link);
            }
        }
        return new FetchProgress(fetched, bytes, present, -1, "done");
    }
}
