package dev.cairn.interop;

import dev.cairn.dagcbor.DagCbor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code @ipld/dag-json} (an implementation independent of Cairn) via
 * {@code interop/dag-json-reference.mjs}: how it encodes values, and what it decodes from bytes.
 */
public final class DagJsonReference {
    private DagJsonReference() {}

    /** The reference's DAG-JSON bytes of each value (values go over as one dag-cbor list). */
    public static List<byte[]> encode(List<Object> values) {
        byte[] out = NodeScript.run("dag-json-reference.mjs", DagCbor.encode(values), "encode");
        List<byte[]> result = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                result.add(HexFormat.of().parseHex(line));
            }
        }
        return result;
    }

    /** Per dag-cbor block, the reference's DAG-JSON bytes of the value {@code @ipld/dag-cbor} reads from it. */
    public static List<byte[]> fromCbor(List<byte[]> dagCbor) {
        return hexLines("cbor2json", dagCbor);
    }

    private static List<byte[]> hexLines(String mode, List<byte[]> inputs) {
        StringBuilder in = new StringBuilder();
        inputs.forEach(b -> in.append(HexFormat.of().formatHex(b)).append('\n'));
        byte[] out = NodeScript.run("dag-json-reference.mjs", in.toString().getBytes(StandardCharsets.UTF_8), mode);
        List<byte[]> result = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                result.add(line.equals("error") ? null : HexFormat.of().parseHex(line));
            }
        }
        return result;
    }

    /** Per input, the dag-cbor bytes of what the reference decodes, or null when it refuses it. */
    public static List<byte[]> decodeToCbor(List<byte[]> dagJson) {
        return hexLines("decode", dagJson);
    }
}
