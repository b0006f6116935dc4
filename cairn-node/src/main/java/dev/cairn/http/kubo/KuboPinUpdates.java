package dev.cairn.http.kubo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.cid.Cid;
import dev.cairn.content.ContentService;
import dev.cairn.dag.Links;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpRequests;
import dev.cairn.multiformats.CodecException;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.pin.NameMatch;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinPage;
import dev.cairn.pin.PinQuery;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.PinService;
import dev.cairn.pin.PinStatus;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pin/update} and {@code pin/verify} over the caller's own pin requests.
 *
 * <p>{@code pin/update} (docs.ipfs.tech/reference/kubo/rpc/#api-v0-pin-update) is the PSA's
 * replace when {@code unpin} is true (the default): one request moves from the old CID to the new
 * one, keeping its name, and the blocks the two DAGs share stay protected meanwhile. With
 * {@code unpin=false} the new CID is pinned beside the old. Like {@code pin/add}, it waits for the
 * new pin to settle. {@code pin/verify} walks each pinned DAG in the local store and reports
 * {@code {"Cid","Ok"}} or {@code {"Cid","BadNodes":[{"Cid","Err"}]}} as Kubo's pinVerify does.
 */
final class KuboPinUpdates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PinService pins;
    private final ContentService content;

    KuboPinUpdates(PinService pins, ContentService content) {
        this.pins = pins;
        this.content = content;
    }

    void update(Context ctx) throws InterruptedException {
        KuboArgs a = new KuboArgs(ctx);
        List<String> args = ctx.queryParams("arg");
        if (args.size() != 2) {
            throw HttpException.badRequest("pin/update takes two arguments, from-path and to-path (got " + args.size() + ")");
        }
        boolean unpin = a.bool("unpin", true);
        Cid from = KuboArgs.cid(args.get(0));
        Cid to = KuboArgs.cid(args.get(1));
        long account = HttpRequests.principal(ctx).account().id();
        Optional<PinRecord> old = pinned(account, from);
        if (old.isEmpty()) {
            throw new KuboCommandException("'from' cid was not recursively pinned already");
        }
        String name = old.get().pin().name();
        Pin next = new Pin(to.toString(), to, name, List.of(), Map.of());
        PinRecord rec = unpin ? pins.replace(account, old.get().requestId(), next) : pins.add(account, next);
        settle(account, rec, to);
        ObjectNode o = JSON.createObjectNode();
        o.putArray("Pins").add(from.toString()).add(to.toString());
        KuboRpcSurface.json(ctx, o);
    }

    private void settle(long account, PinRecord rec, Cid cid) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (rec.status() == PinStatus.QUEUED || rec.status() == PinStatus.PINNING) {
            if (Instant.now().isAfter(deadline)) {
                throw new KuboCommandException("pin of " + cid + " is still in progress: follow it at GET /pins/"
                        + rec.requestId());
            }
            Thread.sleep(50);
            rec = pins.get(account, rec.requestId()).orElseThrow(
                    () -> new KuboCommandException("pin of " + cid + " was removed while it was being updated"));
        }
        if (rec.status() == PinStatus.FAILED) {
            throw new KuboCommandException("pin of " + cid + " failed: "
                    + rec.info().getOrDefault("status_details", "content could not be fetched"));
        }
    }

    private Optional<PinRecord> pinned(long account, Cid cid) {
        PinQuery q = new PinQuery(Set.of(cid), null, NameMatch.EXACT, Set.of(PinStatus.PINNED), null, null, 1, Map.of());
        return pins.list(account, q).results().stream().findFirst();
    }

    void verify(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        boolean verbose = a.bool("verbose", false);
        boolean quiet = a.bool("quiet", false);
        if (verbose && quiet) {
            throw HttpException.badRequest("the --verbose and --quiet options can not be used at the same time");
        }
        long account = HttpRequests.principal(ctx).account().id();
        ctx.status(200).contentType("application/json").header("X-Chunked-Output", "1");
        OutputStream out = ctx.outputStream();
        for (Cid root : pinnedRoots(account)) {
            List<ObjectNode> bad = badNodes(root);
            if (!bad.isEmpty() || verbose) {
                ObjectNode o = JSON.createObjectNode();
                o.put("Cid", root.toString());
                if (bad.isEmpty()) {
                    o.put("Ok", true);
                } else if (!quiet) {
                    ArrayNode arr = o.putArray("BadNodes");
                    bad.forEach(arr::add);
                }
                out.write((o + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        out.flush();
    }

    /** Every block under {@code root} that is missing or does not decode, each with why. */
    private List<ObjectNode> badNodes(Cid root) {
        List<ObjectNode> bad = new ArrayList<>();
        Set<Cid> visited = new HashSet<>();
        Deque<Cid> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Cid cid = todo.pop();
            if (!visited.add(cid)) {
                continue;
            }
            Optional<byte[]> data = content.block(cid);
            String err = null;
            if (data.isEmpty()) {
                err = KuboRefs.notFound(cid);
            } else if (cid.codec() != Multicodec.RAW.code()) {
                try {
                    Links.of(cid, data.get()).forEach(todo::push);
                } catch (CodecException e) {
                    err = e.getMessage();
                }
            }
            if (err != null) {
                ObjectNode n = JSON.createObjectNode();
                n.put("Cid", cid.toString());
                n.put("Err", err);
                bad.add(n);
            }
        }
        return bad;
    }

    /** The account's pinned CIDs, each once, a page of requests at a time. */
    private List<Cid> pinnedRoots(long account) {
        LinkedHashSet<Cid> roots = new LinkedHashSet<>();
        Instant before = null;
        while (true) {
            PinPage page = pins.list(account, new PinQuery(Set.of(), null, NameMatch.EXACT, Set.of(PinStatus.PINNED),
                    before, null, PinQuery.MAX_LIMIT, Map.of()));
            page.results().forEach(r -> roots.add(r.pin().cid()));
            if (page.results().size() < PinQuery.MAX_LIMIT) {
                return new ArrayList<>(roots);
            }
            before = page.results().get(page.results().size() - 1).created();
        }
    }
}
