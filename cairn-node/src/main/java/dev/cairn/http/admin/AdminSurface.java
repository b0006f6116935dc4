package dev.cairn.http.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.account.Principal;
import dev.cairn.account.Scope;
import dev.cairn.http.Access;
import dev.cairn.http.ErrorRenderer;
import dev.cairn.http.HttpRequests;
import dev.cairn.http.HttpSurface;
import dev.cairn.http.Routes;
import dev.cairn.http.psa.PsaErrors;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/**
 * Operator endpoints on the API listener: {@code GET /health} (no token: load balancers and
 * {@code cairn serve} scripts poll it) and {@code GET /admin/whoami} (which account and scopes a
 * token has: the quickest way to check a token). Errors use the PSA {@code Failure} shape, the
 * API listener's one JSON error format.
 */
public final class AdminSurface implements HttpSurface {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ErrorRenderer errors = new PsaErrors();

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/health", Access.ANONYMOUS, ctx -> json(ctx, JSON.createObjectNode().put("status", "ok")));
        routes.get("/admin/whoami", Access.AUTHENTICATED, AdminSurface::whoami);
    }

    private static void whoami(Context ctx) {
        Principal p = HttpRequests.principal(ctx);
        ObjectNode out = JSON.createObjectNode();
        out.put("account", p.account().name());
        out.put("token", p.tokenId());
        var scopes = out.putArray("scopes");
        for (Scope s : Scope.values()) {
            if (p.scopes().contains(s)) {
                scopes.add(s.wire());
            }
        }
        json(ctx, out);
    }

    private static void json(Context ctx, ObjectNode body) {
        ctx.contentType("application/json").result(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ErrorRenderer errors() {
        return errors;
    }
}
