package dev.cairn.store.pack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the store opens files: pack files for appending and reading, and directories for fsync.
 * The one I/O seam of the pack store, so tests can inject full disks and failing fsyncs with a
 * decorator instead of a real broken disk.
 */
@FunctionalInterface
public interface PackFiles {
    /** The real file system. */
    PackFiles DEFAULT = FileChannel::open;

    /** Same contract as {@link FileChannel#open(Path, OpenOption...)}. */
    FileChannel open(Path path, OpenOption... options) throws IOException;
}
