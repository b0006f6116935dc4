package dev.cairn.gateway;

import dev.cairn.http.HttpException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a CAR request asks for (trustless-gateway.md, IPIP-0402/0412): scope, optional entity byte
 * range, and duplicates. Query parameters ({@code dag-scope}, {@code entity-bytes},
 * {@code car-version}, {@code car-order}, {@code car-dups}) win over the parameters of the
 * {@code Accept} media type. Blocks always go out in depth-first order, so the response says
 * {@code order=dfs} even when {@code unk} was acceptable.
 */
record CarRequest(Scope scope, EntityBytes bytes, boolean dups) {
    enum Scope {
        BLOCK, ENTITY, ALL;

        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code entity-bytes=from:to}, inclusive; negative values count from the end, {@code to}
     * may be {@code *} (here: null).
     */
    record EntityBytes(long from, Long to) {
        /** {@code [offset, length]} within a file of {@code size} bytes; length 0 when nothing overlaps. */
        long[] window(long size) {
            long start = from < 0 ? Math.max(0, size + from) : from;
            long end = to == null ? size - 1 : to < 0 ? size + to : Math.min(to, size - 1);
            if (start >= size || end < start) {
                return new long[] {Math.min(start, size), 0};
            }
            return new long[] {start, end - start + 1};
        }

        String text() {
            return from + ":" + (to == null ? "*" : to);
        }

        static EntityBytes parse(String value) {
            int colon = value.indexOf(':');
            if (colon < 0) {
                throw HttpException.badRequest("entity-bytes=" + value + " must be from:to");
            }
            try {
                long from = Long.parseLong(value.substring(0, colon));
                String t = value.substring(colon + 1);
                Long to = t.equals("*") ? null : Long.parseLong(t);
                if (to != null && from >= 0 && to >= 0 && to < from) {
                    throw HttpException.badRequest("entity-bytes=" + value + ": 'to' is before 'from'");
                }
                return new EntityBytes(from, to);
            } catch (NumberFormatException e) {
                throw HttpException.badRequest("entity-bytes=" + value + " must be two integers (or '*' for to)");
            }
        }
    }

    /** The response's Content-Type. */
    String contentType() {
        return GatewaySurface.CAR + "; version=1; order=dfs; dups=" + (dups ? "y" : "n");
    }

    /** Part of the Etag: differs for every scope, byte range and dups choice. */
    String tag() {
        return scope.text() + (bytes == null ? "" : "." + bytes.text()) + ".dfs." + (dups ? "y" : "n");
    }

    static CarRequest of(Map<String, String> query, Map<String, String> acceptParams) {
        Map<String, String> p = new HashMap<>(acceptParams);
        put(p, "version", query.get("car-version"));
        put(p, "order", query.get("car-order"));
        put(p, "dups", query.get("car-dups"));
        String version = p.get("version");
        if (version != null && !version.equals("1")) {
            throw HttpException.badRequest("car-version=" + version + " is not supported (only 1)");
        }
        String order = p.get("order");
        if (order != null && !order.equals("dfs") && !order.equals("unk")) {
            throw HttpException.badRequest("car-order=" + order + " is not supported (dfs or unk)");
        }
        String dups = p.get("dups");
        if (dups != null && !dups.equals("y") && !dups.equals("n")) {
            throw HttpException.badRequest("car-dups=" + dups + " is not supported (y or n)");
        }
        String scopeText = query.get("dag-scope");
        Scope scope;
        if (scopeText == null) {
            scope = Scope.ALL;
        } else {
            scope = switch (scopeText) {
                case "block" -> Scope.BLOCK;
                case "entity" -> Scope.ENTITY;
                case "all" -> Scope.ALL;
                default -> throw HttpException.badRequest("dag-scope=" + scopeText + " is not supported (block, entity or all)");
            };
        }
        String range = query.get("entity-bytes");
        EntityBytes bytes = null;
        if (range != null) {
            bytes = EntityBytes.parse(range);
            scope = Scope.ENTITY; // entity-bytes implies the entity scope
        }
        return new CarRequest(scope, bytes, "y".equals(dups));
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    /** One media range of an {@code Accept} header. */
    record MediaRange(String type, Map<String, String> params, double q) {
        /** Whether its CAR parameters are ones this gateway can answer. */
        boolean servableCar() {
            String v = params.get("version");
            String o = params.get("order");
            String d = params.get("dups");
            return (v == null || v.equals("1")) && (o == null || o.equals("dfs") || o.equals("unk"))
                    && (d == null || d.equals("y") || d.equals("n"));
        }
    }

    /** The media ranges of {@code Accept}, highest {@code q} first (stable for equal q); q=0 dropped. */
    static List<MediaRange> accept(String header) {
        List<MediaRange> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        for (String part : header.split(",")) {
            String[] pieces = part.split(";");
            // ";;;" splits into no pieces at all: a range without a type, skipped like an empty one
            String type = pieces.length == 0 ? "" : pieces[0].strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String[] kv = pieces[i].split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                String key = kv[0].strip().toLowerCase(Locale.ROOT);
                String value = kv[1].strip();
                if (key.equals("q")) {
                    try {
                        q = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                } else {
                    params.put(key, value.toLowerCase(Locale.ROOT));
                }
            }
            if (q > 0) {
                out.add(new MediaRange(type, params, q));
            }
        }
        out.sort(Comparator.comparingDouble((MediaRange m) -> -m.q()));
        return out;
    }
}
