package dev.cairn.http.psa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.account.Principal;
import dev.cairn.account.Scope;
import dev.cairn.http.Access;
import dev.cairn.http.ErrorRenderer;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpRequests;
import dev.cairn.http.HttpSurface;
import dev.cairn.http.Routes;
import dev.cairn.http.psa.wire.PsaWire;
import dev.cairn.pin.Pin;
import dev.cairn.pin.PinNotFoundException;
import dev.cairn.pin.PinRecord;
import dev.cairn.pin.PinService;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The IPFS Pinning Service API v1.0.0 ({@code /pins}; spec: shared/specs/pinning-api.md, upstream
 * ipfs/pinning-services-api-spec {@code ipfs-pinning-service.yaml}).
 *
 * <p>Reading ({@code GET}) needs a token with scope {@code read} or {@code pin}; writing
 * ({@code POST}, {@code DELETE}) needs {@code pin}. Every request is answered for the token's
 * account only: another account's requestid is a 404, exactly like an unknown one. A requestid
 * that is not a UUID is a 404 too (it cannot exist), not a 400.
 */
public final class PsaSurface implements HttpSurface {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_DELEGATES = 20;
    private static final Pattern DELEGATE = Pattern.compile("/.+/p2p/[1-9A-HJ-NP-Za-km-z]+");

    private final PinService pins;
    private final List<String> delegates;
    private final PsaErrors errors = new PsaErrors();

    /**
     * @param delegates this node's multiaddrs, each ending in {@code /p2p/<peer id>} (e.g.
     *     {@code /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...}); 1 to 20, sent in every {@code PinStatus}
     */
    public PsaSurface(PinService pins, List<String> delegates) {
        this.pins = Objects.requireNonNull(pins, "pins");
        List<String> unique = List.copyOf(new LinkedHashSet<>(delegates));
        if (unique.isEmpty() || unique.size() > MAX_DELEGATES) {
            throw new IllegalArgumentException("PSA delegates: 1 to " + MAX_DELEGATES + " multiaddrs needed, got "
                    + unique.size());
        }
        for (String d : unique) {
            if (!DELEGATE.matcher(d).matches()) {
                throw new IllegalArgumentException("PSA delegate '" + d + "' must be a multiaddr ending in /p2p/<peer id>"
                        + " (Kubo aborts 'pin remote add' on anything else)");
            }
        }
        this.delegates = unique;
    }

    @Override
    public String name() {
        return "psa";
    }

    @Override
    public void routes(Routes r) {
        // GET needs read OR pin, which one Access cannot say: any valid token, checked in the handler.
        r.get("/pins", Access.AUTHENTICATED, this::list);
        r.post("/pins", Access.scope(Scope.PIN), this::add);
        r.get("/pins/{requestid}", Access.AUTHENTICATED, this::get);
        r.post("/pins/{requestid}", Access.scope(Scope.PIN), this::replace);
        r.delete("/pins/{requestid}", Access.scope(Scope.PIN), this::delete);
    }

    @Override
    public ErrorRenderer errors() {
        return errors;
    }

    /** {@code GET /pins}: spec 1.3 (filters), 1.6 (newest first, exact count), 1.7 (default status). */
    private void list(Context ctx) throws JsonProcessingException {
        long account = reader(ctx);
        var query = PinQueryParser.parse(ctx.queryParamMap());
        json(ctx, 200, PsaWire.results(pins.list(account, query), delegates));
    }

    /** {@code POST /pins}: 202 with the new {@code PinStatus} ({@code queued}). */
    private void add(Context ctx) throws Exception {
        Pin pin = PsaWire.readPin(HttpRequests.body(ctx));
        PinRecord added = pins.add(account(ctx), pin);
        json(ctx, 202, PsaWire.status(added, delegates));
    }

    /** {@code GET /pins/{requestid}}: 200 or 404. */
    private void get(Context ctx) throws JsonProcessingException {
        long account = reader(ctx);
        UUID id = requestId(ctx);
        PinRecord r = pins.get(account, id).orElseThrow(() -> new PinNotFoundException(id));
        json(ctx, 200, PsaWire.status(r, delegates));
    }

    /** {@code POST /pins/{requestid}}: replace; 202 with the NEW request's {@code PinStatus}. */
    private void replace(Context ctx) throws Exception {
        UUID id = requestId(ctx);
        Pin pin = PsaWire.readPin(HttpRequests.body(ctx));
        json(ctx, 202, PsaWire.status(pins.replace(account(ctx), id, pin), delegates));
    }

    /** {@code DELETE /pins/{requestid}}: 202 with no body, in any status. */
    private void delete(Context ctx) {
        pins.delete(account(ctx), requestId(ctx));
        ctx.status(202);
    }

    private static long account(Context ctx) {
        return HttpRequests.principal(ctx).account().id();
    }

    private static long reader(Context ctx) {
        Principal p = HttpRequests.principal(ctx);
        if (!p.may(Scope.READ) && !p.may(Scope.PIN)) {
            throw HttpException.forbidden("this token lacks the 'read' (or 'pin') scope");
        }
        return p.account().id();
    }

    private static UUID requestId(Context ctx) {
        String text = ctx.pathParam("requestid");
        if (!UUID_TEXT.matcher(text).matches()) {
            throw HttpException.notFound("no pin request with requestid '" + abbreviate(text) + "'");
        }
        return UUID.fromString(text);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static void json(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
    }
}
