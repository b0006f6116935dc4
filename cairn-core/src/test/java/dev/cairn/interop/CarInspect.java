package dev.cairn.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code @ipld/car} (an implementation independent of Cairn) reads from a CAR, via
 * {@code interop/car-inspect.mjs}: roots and blocks in file order, every block verified against its
 * CID with the {@code multiformats} hashers. Use it to check CARs that Cairn writes.
 */
public final class CarInspect {
    private CarInspect() {}

    /** A block as found in the CAR: its CID in the CAR's own spelling and its data length. */
    public record BlockEntry(String cid, long size) {}

    /** {@code version} is the CAR version (1 or 2); blocks keep file order and duplicates. */
    public record Report(int version, List<String> roots, List<BlockEntry> blocks) {
        public Report {
            roots = List.copyOf(roots);
            blocks = List.copyOf(blocks);
        }

        public List<String> cids() {
            return blocks.stream().map(BlockEntry::cid).toList();
        }
    }

    /**
     * Reads {@code car} with the reference reader.
     *
     * @throws IllegalStateException if the reader rejects the CAR or a block does not match its hash
     *     (the message is the reader's)
     */
    public static Report inspect(Path car) {
        byte[] out = NodeScript.run("car-inspect.mjs", new byte[0], car.toAbsolutePath().toString());
        Map<String, Object> json = Json.object(Json.parse(new String(out, StandardCharsets.UTF_8)));
        List<String> roots = new ArrayList<>();
        for (Object r : Json.array(json.get("roots"))) {
            roots.add((String) r);
        }
        List<BlockEntry> blocks = new ArrayList<>();
        for (Object o : Json.array(json.get("blocks"))) {
            Map<String, Object> b = Json.object(o);
            blocks.add(new BlockEntry((String) b.get("cid"), (Long) b.get("size")));
        }
        return new Report(((Long) json.get("version")).intValue(), roots, blocks);
    }
}
