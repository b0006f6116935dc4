package dev.cairn.fetch;

import dev.cairn.block.Block;
import dev.cairn.block.BlockSink;
import dev.cairn.block.BlockSource;
import dev.cairn.cid.Cid;
import dev.cairn.multiformats.Multihash;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Blocks by multihash, as stores key them; every put is verified again and counted. */
final class BlockMap implements BlockSource, BlockSink {
    private final Map<Multihash, byte[]> blocks = new ConcurrentHashMap<>();
    private final AtomicLong puts = new AtomicLong();

    @Override
    public Optional<byte[]> get(Cid cid) {
        return Optional.ofNullable(blocks.get(cid.multihash()));
    }

    @Override
    public void put(Block block) {
        Block verified = Block.verified(block.cid(), block.data());
        blocks.put(verified.cid().multihash(), verified.data());
        puts.incrementAndGet();
    }

    long puts() {
        return puts.get();
    }

    int size() {
        return blocks.size();
    }
}
