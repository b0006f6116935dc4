package dev.cairn.store.pack;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Pack file naming and the CARv1 framing a pack is written in (spec: gateway-unixfs-car-ipns.md
 * section 5). A pack is {@code varint(len) header} then sections {@code varint(len) cid block}.
 */
final class PackFormat {
    private PackFormat() {}

    /**
     * The CARv1 header, length-prefixed: dag-cbor {@code {"roots": [bafkqaaa], "version": 1}}. The
     * root is the empty identity CID ({@code 01 55 00 00}), a placeholder: packs are written before
     * any root is known, and CARv1 requires at least one root.
     */
    static final byte[] HEADER = HexFormat.of().parseHex(
            "19" // varint(25)
            + "a2" // map(2), keys in dag-cbor order (shorter first)
            + "65726f6f7473" // "roots"
            + "81" + "d82a" + "45" + "0001550000" // [tag 42 (CID), bytes(5): 0x00 prefix + bafkqaaa]
            + "6776657273696f6e" + "01"); // "version": 1

    private static final Pattern NAME = Pattern.compile("[0-9a-f]{16}\\.car");

    /** {@code packs/<last byte of id in hex>/<id in 16 hex>.car}: 256 shards of few files each. */
    static Path path(Path packsDir, long id) {
        return packsDir.resolve(String.format("%02x", id & 0xff)).resolve(String.format("%016x.car", id));
    }

    /** The pack id a file name stands for, or empty when the name is not a pack's. */
    static OptionalLong id(Path file) {
        String name = file.getFileName().toString();
        if (!NAME.matcher(name).matches()) {
            return OptionalLong.empty();
        }
        long id = Long.parseUnsignedLong(name.substring(0, 16), 16);
        return path(file.getParent().getParent(), id).equals(file) ? OptionalLong.of(id) : OptionalLong.empty();
    }
}
