package dev.cairn.unixfs.reader;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.dagpb.DagPb;
import dev.cairn.dagpb.PbNode;
import dev.cairn.multiformats.Multicodec;
import dev.cairn.testing.FixtureCars;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A map of blocks that records every {@code get}, so tests can say which blocks a read touched. */
final class CountingBlockSource implements BlockSource {
    final Map<Cid, byte[]> blocks = new HashMap<>();
    final List<Cid> gets = new ArrayList<>();
    /** When set, {@link #view} lends read-only direct buffers, off the heap as a mapped pack's are. */
    boolean lendDirect;

    static CountingBlockSource fixture(String relative) {
        CountingBlockSource s = new CountingBlockSource();
        FixtureCars.blocks(FixtureCars.fixture(relative)).forEach(s::put);
        return s;
    }

    void put(Block b) {
        blocks.put(b.cid(), b.data());
    }

    Cid put(Multicodec codec, byte[] data) {
        Block b = Block.of(codec, data);
        put(b);
        return b.cid();
    }

    Cid put(PbNode node) {
        return put(Multicodec.DAG_PB, DagPb.encode(node));
    }

    @Override
    public Optional<byte[]> get(Cid cid) {
        gets.add(cid);
        return Optional.ofNullable(blocks.get(cid));
    }

    @Override
    public Optional<ByteBuffer> view(Cid cid) {
        if (!lendDirect) {
            return BlockSource.super.view(cid);
        }
        return get(cid).map(b -> ByteBuffer.allocateDirect(b.length).put(b).flip().asReadOnlyBuffer());
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static List<Cid> cids(String... text) {
        return java.util.Arrays.stream(text).map(Cid::parse).toList();
    }
}
