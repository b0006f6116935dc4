package dev.cairn.http.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.account.Account;
import dev.cairn.account.AccountExistsException;
import dev.cairn.account.AccountService;
import dev.cairn.account.IssuedToken;
import dev.cairn.account.Principal;
import dev.cairn.account.Scope;
import dev.cairn.account.TokenInfo;
import dev.cairn.account.UnknownAccountException;
import dev.cairn.http.Access;
import dev.cairn.http.ErrorMapping;
import dev.cairn.http.ErrorRenderer;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpRequests;
import dev.cairn.http.HttpSurface;
import dev.cairn.http.Routes;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Operator endpoints on the API listener, the HTTP twin of {@code cairn account}/{@code cairn token}:
 *
 * <ul>
 *   <li>{@code GET /health}: no token; load balancers and scripts poll it.
 *   <li>{@code GET /admin/whoami}: any token; its account, id and scopes.
 *   <li>{@code GET|POST /admin/accounts} ({@code {"name"}}),
 *       {@code GET /admin/tokens[?account=]}, {@code POST /admin/tokens}
 *       ({@code {"account","scopes":[...],"expires":"RFC 3339","label"}}, answers the secret once),
 *       {@code DELETE /admin/tokens/{id}}: scope {@code admin}.
 * </ul>
 *
 * Errors are {@code {"error":{"reason","details"}}}, like the Pinning Service API's on the same
 * listener, with reasons named after the status (409 is {@code CONFLICT} here).
 */
public final class AdminSurface implements HttpSurface {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ErrorMapping MAPPING = ErrorMapping.builder()
            .map(AccountExistsException.class, 409)
            .map(UnknownAccountException.class, 404)
            .map(IllegalArgumentException.class, 400)
            .map(JsonProcessingException.class, 400)
            .build();

    private final AccountService accounts;

    public AdminSurface(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public void routes(Routes routes) {
        routes.get("/health", Access.ANONYMOUS, ctx -> json(ctx, 200, JSON.createObjectNode().put("status", "ok")));
        routes.get("/admin/whoami", Access.AUTHENTICATED, this::whoami);
        Access admin = Access.scope(Scope.ADMIN);
        routes.get("/admin/accounts", admin, this::listAccounts);
        routes.post("/admin/accounts", admin, this::createAccount);
        routes.get("/admin/tokens", admin, this::listTokens);
        routes.post("/admin/tokens", admin, this::issueToken);
        routes.delete("/admin/tokens/{id}", admin, this::revokeToken);
    }

    private void whoami(Context ctx) {
        Principal p = HttpRequests.principal(ctx);
        ObjectNode out = JSON.createObjectNode();
        out.put("account", p.account().name());
        out.put("token", p.tokenId());
        scopes(out.putArray("scopes"), p.scopes());
        json(ctx, 200, out);
    }

    private void listAccounts(Context ctx) {
        ArrayNode out = JSON.createArrayNode();
        for (Account a : accounts.list()) {
            out.add(account(a));
        }
        json(ctx, 200, JSON.createObjectNode().set("accounts", out));
    }

    private void createAccount(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        json(ctx, 201, account(accounts.create(text(body, "name", true))));
    }

    private void listTokens(Context ctx) {
        String account = ctx.queryParam("account");
        if (account != null && accounts.find(account).isEmpty()) {
            throw new UnknownAccountException(account);
        }
        ArrayNode out = JSON.createArrayNode();
        for (TokenInfo t : accounts.tokens(account)) {
            out.add(token(t));
        }
        json(ctx, 200, JSON.createObjectNode().set("tokens", out));
    }

    private void issueToken(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        JsonNode list = body.get("scopes");
        if (list == null) {
            scopes.addAll(EnumSet.of(Scope.READ, Scope.PIN));
        } else if (!list.isArray()) {
            throw HttpException.badRequest("scopes must be an array of read, pin, upload, gateway, admin");
        } else {
            for (JsonNode s : list) {
                if (!s.isTextual()) {
                    throw HttpException.badRequest("scopes must be strings");
                }
                scopes.add(Scope.fromWire(s.asText()));
            }
        }
        String expires = text(body, "expires", false);
        Instant expiry;
        try {
            expiry = expires == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(expires, Instant::from);
        } catch (DateTimeParseException e) {
            throw HttpException.badRequest("expires must be an RFC 3339 time such as 2027-01-01T00:00:00Z");
        }
        IssuedToken issued = accounts.issue(text(body, "account", true), scopes, expiry, text(body, "label", false));
        ObjectNode out = token(issued.info());
        out.put("secret", issued.secret());
        json(ctx, 201, out);
    }

    private void revokeToken(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw HttpException.badRequest("token id must be a number");
        }
        if (!accounts.revoke(id)) {
            throw HttpException.notFound("no active token with id " + id);
        }
        ctx.status(204);
    }

    private static JsonNode body(Context ctx) throws IOException {
        JsonNode body = JSON.readTree(HttpRequests.body(ctx));
        if (body == null || !body.isObject()) {
            throw HttpException.badRequest("the body must be a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!Set.of("name", "account", "scopes", "expires", "label").contains(field)) {
                throw HttpException.badRequest("unknown field '" + field + "'");
            }
        }
        return body;
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw HttpException.badRequest("'" + field + "' is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw HttpException.badRequest("'" + field + "' must be a string");
        }
        return v.asText();
    }

    private static ObjectNode account(Account a) {
        return JSON.createObjectNode().put("name", a.name()).put("created", a.created().toString());
    }

    private static ObjectNode token(TokenInfo t) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", t.id());
        out.put("account", t.account());
        scopes(out.putArray("scopes"), t.scopes());
        if (t.label() != null) {
            out.put("label", t.label());
        }
        out.put("created", t.created().toString());
        if (t.expires() != null) {
            out.put("expires", t.expires().toString());
        }
        if (t.revoked() != null) {
            out.put("revoked", t.revoked().toString());
        }
        if (t.lastUsed() != null) {
            out.put("lastUsed", t.lastUsed().toString());
        }
        return out;
    }

    private static void scopes(ArrayNode out, Set<Scope> scopes) {
        for (Scope s : Scope.values()) {
            if (scopes.contains(s)) {
                out.add(s.wire());
            }
        }
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ErrorRenderer errors() {
        return new ErrorRenderer() {
            @Override
            public int status(Exception e) {
                return MAPPING.status(e);
            }

            @Override
            public void render(Context ctx, int status, String message) {
                String reason = switch (status) {
                    case 400 -> "BAD_REQUEST";
                    case 401 -> "UNAUTHORIZED";
                    case 403 -> "FORBIDDEN";
                    case 404 -> "NOT_FOUND";
                    case 409 -> "CONFLICT";
                    case 413 -> "PAYLOAD_TOO_LARGE";
                    case 500 -> "INTERNAL_SERVER_ERROR";
                    default -> "HTTP_" + status;
                };
                ObjectNode body = JSON.createObjectNode();
                body.putObject("error").put("reason", reason)
                        .put("details", message == null || message.isBlank() ? reason.toLowerCase(Locale.ROOT) : message);
                json(ctx, status, body);
            }
        };
    }
}
