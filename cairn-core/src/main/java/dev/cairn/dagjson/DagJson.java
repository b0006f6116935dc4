package dev.cairn.dagjson;

/** Entry points of the DAG-JSON codec (see the package documentation for the rules). */
public final class DagJson {
    /** Nesting limit for maps and lists, as in DAG-CBOR: a hostile block cannot exhaust the stack. */
    public static final int MAX_DEPTH = 128;

    private DagJson() {}

    /** Decodes one DAG-JSON value occupying all of {@code bytes} (whitespace around it allowed). */
    public static Object decode(byte[] bytes) {
        return new JsonDecoder(bytes).decodeWhole();
    }

    /**
     * Canonical DAG-JSON bytes of {@code value}.
     *
     * @throws IllegalArgumentException for a value outside the data model (NaN, a non-string key, ...)
     */
    public static byte[] encode(Object value) {
        return JsonEncoder.encode(value);
    }
}
