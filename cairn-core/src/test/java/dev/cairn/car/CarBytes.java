package dev.cairn.car;

import dev.cairn.block.Block;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Varint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helpers: CAR bytes built by hand (not by the code under test) and whole-stream reads. */
final class CarBytes {
    private CarBytes() {}

    /** A CARv1 assembled from the spec layout directly, sections exactly as given. */
    static byte[] v1(byte[] header, List<Block> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Varint.encode(header.length));
        out.writeBytes(header);
        for (Block b : blocks) {
            out.writeBytes(section(b.cid(), b.data()));
        }
        return out.toByteArray();
    }

    static byte[] section(Cid cid, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] c = cid.bytes();
        out.writeBytes(Varint.encode(c.length + data.length));
        out.writeBytes(c);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static byte[] written(List<Cid> roots, List<Block> blocks) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (CarWriter w = CarWriter.open(out, roots)) {
                for (Block b : blocks) {
                    w.put(b);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CarSection> readAll(byte[] car) throws IOException {
        return readAll(car, CarReadOptions.DEFAULTS);
    }

    static List<CarSection> readAll(byte[] car, CarReadOptions options) throws IOException {
        try (CarReader r = CarReader.open(new ByteArrayInputStream(car), options)) {
            List<CarSection> out = new ArrayList<>();
            for (Optional<CarSection> s = r.next(); s.isPresent(); s = r.next()) {
                out.add(s.get());
            }
            r.readIndex();
            return out;
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
