package dev.cairn.http.kubo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.cid.Cid;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpRequests;
import dev.cairn.pin.NameMatch;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinNotFoundException;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pin/add}, {@code pin/ls}, {@code pin/rm} over the caller's own pin requests (the same
 * ones {@code GET /pins} lists): every pin is recursive; another account's pins are invisible.
 */
final class KuboPins {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long {@code pin/add} waits for its request to settle before answering. */
    private static final Duration ADD_WAIT = Duration.ofSeconds(60);

    private final PinService pins;

    KuboPins(PinService pins) {
        this.pins = pins;
    }

    private static long account(Context ctx) {
        return HttpRequests.principal(ctx).account().id();
    }

    /** The account's pins of {@code cid} in the given statuses (all of them; a CID is rarely pinned often). */
    private List<PinRecord> pinsOf(long account, Cid cid, Set<PinStatus> statuses) {
        PinQuery q = new PinQuery(Set.of(cid), null, NameMatch.EXACT, statuses, null, null, PinQuery.MAX_LIMIT, Map.of());
        return pins.list(account, q).results();
    }

    /** Kubo waits until the DAG is pinned; so do we, up to a minute, then say where to follow it. */
    void add(Context ctx) throws InterruptedException {
        KuboArgs a = new KuboArgs(ctx);
        long account = account(ctx);
        String name = a.string("name");
        List<Cid> cids = a.args().stream().map(KuboArgs::cid).toList();
        List<String> done = new ArrayList<>();
        for (Cid cid : cids) {
            if (!pinsOf(account, cid, Set.of(PinStatus.PINNED)).isEmpty()) {
                done.add(cid.toString());
                continue;
            }
            PinRecord rec = pins.add(account, new Pin(cid.toString(), cid, name == null || name.isBlank() ? null : name,
                    List.of(), Map.of()));
            Instant deadline = Instant.now().plus(ADD_WAIT);
            while (rec.status() == PinStatus.QUEUED || rec.status() == PinStatus.PINNING) {
                if (Instant.now().isAfter(deadline)) {
                    throw new KuboCommandException("pin of " + cid + " is still in progress: follow it at GET /pins/"
                            + rec.requestId());
                }
                Thread.sleep(100);
                rec = pins.get(account, rec.requestId()).orElseThrow(
                        () -> new KuboCommandException("pin of " + cid + " was removed while it was being added"));
            }
            if (rec.status() == PinStatus.FAILED) {
                throw new KuboCommandException("pin of " + cid + " failed: "
                        + rec.info().getOrDefault("status_details", "content could not be fetched"));
            }
            done.add(cid.toString());
        }
        ObjectNode o = JSON.createObjectNode();
        done.forEach(o.putArray("Pins")::add);
        KuboRpcSurface.json(ctx, o);
    }

    void rm(Context ctx) {
        KuboArgs a = new KuboArgs(ctx);
        long account = account(ctx);
        List<String> removed = new ArrayList<>();
        for (String arg : a.args()) {
            Cid cid = KuboArgs.cid(arg);
            List<PinRecord> found = pinsOf(account, cid, Set.of(PinStatus.values()));
            if (found.isEmpty()) {
                throw new KuboCommandException("not pinned or pinned indirectly");
            }
            for (PinRecord r : found) {
                try {
                    pins.delete(account, r.requestId());
                } catch (PinNotFoundException e) {
                    // removed concurrently: the outcome the caller asked for
                }
            }
            removed.add(cid.toString());
        }
        ObjectNode o = JSON.createObjectNode();
        removed.forEach(o.putArray("Pins")::add);
        KuboRpcSurface.json(ctx, o);
    }

    /** {@code {"Keys":{cid:{"Type":"recursive","Name":...}}}}, or one {@code {"Cid","Type","Name"}} per line with {@code stream}. */
    void ls(Context ctx) throws IOException {
        KuboArgs a = new KuboArgs(ctx);
        long account = account(ctx);
        String type = a.string("type") == null ? "all" : a.string("type");
        if (!Set.of("all", "recursive", "direct", "indirect").contains(type)) {
            throw HttpException.badRequest("invalid type '" + type + "', must be one of {direct, indirect, recursive, all}");
        }
        boolean stream = a.bool("stream", false);
        List<PinRecord> listed = new ArrayList<>();
        if (ctx.queryParams("arg").isEmpty()) {
            if (type.equals("all") || type.equals("recursive")) {
                listed.addAll(allPinned(account));
            }
        } else {
            for (String arg : a.args()) {
                Cid cid = KuboArgs.cid(arg);
                List<PinRecord> found = type.equals("all") || type.equals("recursive")
                        ? pinsOf(account, cid, Set.of(PinStatus.PINNED)) : List.of();
                if (found.isEmpty()) {
                    throw new KuboCommandException("path '" + arg + "' is not pinned");
                }
                listed.add(found.get(0));
            }
        }
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        ctx.status(200).contentType("application/json");
        OutputStream out = ctx.outputStream();
        ObjectNode keys = JSON.createObjectNode();
        for (PinRecord r : listed) {
            String cid = r.pin().cid().toString();
            if (!seen.add(cid)) {
                continue;
            }
            ObjectNode entry = JSON.createObjectNode();
            if (stream) {
                entry.put("Cid", cid);
            }
            entry.put("Type", "recursive");
            entry.put("Name", r.pin().name() == null ? "" : r.pin().name());
            if (stream) {
                out.write((entry + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                keys.set(cid, entry);
            }
        }
        if (!stream) {
            ObjectNode o = JSON.createObjectNode();
            o.set("Keys", keys);
            out.write((o + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    /** Every pinned request of the account, newest first, a page at a time. */
    private List<PinRecord> allPinned(long account) {
        List<PinRecord> all = new ArrayList<>();
        Instant before = null;
        while (true) {
            PinPage page = pins.list(account, new PinQuery(Set.of(), null, NameMatch.EXACT, Set.of(PinStatus.PINNED),
                    before, null, PinQuery.MAX_LIMIT, Map.of()));
            all.addAll(page.results());
            if (page.results().size() < PinQuery.MAX_LIMIT) {
                return all;
            }
            before = page.results().get(page.results().size() - 1).created();
        }
    }
}
