package dev.cairn.http.kubo;

import dev.cairn.cid.Cid;
import dev.cairn.content.ContentPath;
import dev.cairn.http.HttpException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;

/** Kubo's command options from the query string, parsed as go-ipfs-cmds does; bad values are 400. */
final class KuboArgs {
    private final Context ctx;

    KuboArgs(Context ctx) {
        this.ctx = ctx;
    }

    /** A boolean option as Go's strconv.ParseBool reads it; present without a value means true. */
    boolean bool(String name, boolean fallback) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "", "1", "t", "true" -> true;
            case "0", "f", "false" -> false;
            default -> throw HttpException.badRequest("invalid value for option '" + name + "': '" + v
                    + "' is not a boolean");
        };
    }

    String string(String name) {
        return ctx.queryParam(name);
    }

    long nonNegative(String name, long fallback) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n < 0) {
                throw HttpException.badRequest("option '" + name + "' must not be negative: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpException.badRequest("invalid value for option '" + name + "': '" + v + "' is not a number");
        }
    }

    /** Every {@code arg}, at least one. */
    List<String> args() {
        List<String> args = ctx.queryParams("arg");
        if (args.isEmpty()) {
            throw HttpException.badRequest("argument \"ipfs-path\" is required");
        }
        return args;
    }

    String arg() {
        return args().get(0);
    }

    /** The single {@code arg} as a CID, accepting an {@code /ipfs/} prefix as Kubo does. */
    Cid cidArg() {
        return cid(arg());
    }

    /** A CID argument, with or without {@code /ipfs/}; 400 when it is not a CID. */
    static Cid cid(String arg) {
        ContentPath path;
        try {
            path = ContentPath.parse(arg);
        } catch (RuntimeException e) {
            throw HttpException.badRequest("invalid CID '" + arg + "': " + e.getMessage());
        }
        if (!path.remainder().isEmpty()) {
            throw HttpException.badRequest("invalid CID '" + arg + "': a CID was expected, not a path");
        }
        return path.root();
    }
}
