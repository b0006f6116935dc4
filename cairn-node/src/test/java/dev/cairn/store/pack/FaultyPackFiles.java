package dev.cairn.store.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real files with injectable faults (after okhttp's FaultyFileSystem): a disk that fills up after a
 * byte budget, fsyncs that fail on files or directories, reads that fail. Faults apply to channels
 * opened while they are switched on and stop at {@link #heal}.
 */
final class FaultyPackFiles implements PackFiles {
    static final String DISK_FULL = "No space left on device";
    /** A multiple of every block size O_DIRECT asks alignment to. */
    private static final int DIRECT_BLOCK = 4096;

    private final AtomicLong writeBudget = new AtomicLong(Long.MAX_VALUE);
    private volatile boolean failFileSync;
    private volatile boolean failDirectorySync;
    private volatile boolean failReads;

    /** Writes succeed for {@code bytes} more bytes in total (the last one partially), then fail. */
    FaultyPackFiles diskFullAfter(long bytes) {
        writeBudget.set(bytes);
        return this;
    }

    FaultyPackFiles failFileSync() {
        failFileSync = true;
        return this;
    }

    FaultyPackFiles failDirectorySync() {
        failDirectorySync = true;
        return this;
    }

    FaultyPackFiles failReads() {
        failReads = true;
        return this;
    }

    void heal() {
        writeBudget.set(Long.MAX_VALUE);
        failFileSync = false;
        failDirectorySync = false;
        failReads = false;
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        boolean direct = java.util.Arrays.asList(options).contains(com.sun.nio.file.ExtendedOpenOption.DIRECT);
        return new Channel(FileChannel.open(path, options), Files.isDirectory(path), direct);
    }

    private final class Channel extends FileChannel {
        private final FileChannel delegate;
        private final boolean directory;
        private final boolean direct;

        Channel(FileChannel delegate, boolean directory, boolean direct) {
            this.delegate = delegate;
            this.directory = directory;
            this.direct = direct;
        }

        private ByteBuffer allowed(ByteBuffer src) throws IOException {
            long budget = writeBudget.get();
            if (budget <= 0) {
                throw new IOException(DISK_FULL);
            }
            if (src.remaining() <= budget) {
                writeBudget.addAndGet(-src.remaining());
                return src;
            }
            writeBudget.set(0);
            // A short write, as a filling disk gives; with O_DIRECT a disk writes whole blocks only.
            long part = direct ? budget - budget % DIRECT_BLOCK : budget;
            if (part == 0) {
                throw new IOException(DISK_FULL);
            }
            return src.slice().limit((int) part);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            ByteBuffer part = allowed(src);
            if (part == src) {
                return delegate.write(src);
            }
            int n = delegate.write(part);
            src.position(src.position() + n);
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += write(srcs[i]);
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            throw new UnsupportedOperationException("packs are appended, never written in place");
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            checkRead();
            return delegate.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            checkRead();
            return delegate.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            checkRead();
            return delegate.read(dst, position);
        }

        private void checkRead() throws IOException {
            if (failReads) {
                throw new IOException("Input/output error");
            }
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (directory ? failDirectorySync : failFileSync) {
                throw new IOException("Input/output error (fsync " + (directory ? "directory" : "file") + ")");
            }
            delegate.force(metaData);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            delegate.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
