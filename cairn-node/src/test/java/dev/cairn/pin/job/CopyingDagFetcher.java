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
import java.util.List;
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
    /** Counted down when a fetch pauses (see {@link #pauseAfter}). */
    public final CountDownLatch paused = new CountDownLatch(1);
    private volatile int pauseAfterBlocks = -1;
    private volatile CountDownLatch resume;

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

    /** The next fetch waits for {@code resume} once it has fetched {@code blocks} blocks. */
    public CopyingDagFetcher pauseAfter(int blocks, CountDownLatch resume) {
        this.resume = resume;
        this.pauseAfterBlocks = blocks;
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
    public List<Cid> roots() {
        return List.copyOf(roots);
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
                if (pauseAfterBlocks >= 0 && fetched >= pauseAfterBlocks) {
                    pauseAfterBlocks = -1;
                    paused.countDown();
                    resume.await();
                }
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
            List<Cid> links = Links.of(cid, data);
            for (int i = links.size() - 1; i >= 0; i--) {
                todo.push(links.get(i)); // so that links are walked in order, as a CAR lists them
            }
        }
        return new FetchProgress(fetched, bytes, present, -1, "done");
    }
}
