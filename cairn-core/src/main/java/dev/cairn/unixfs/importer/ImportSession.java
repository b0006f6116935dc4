package dev.cairn.unixfs.importer;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A tree imported entry by entry (multipart uploads). File contents are chunked and written to the
 * sink as they are added; directories are built at {@link #finish()}.
 *
 * <p>Paths use '/' separators relative to the upload root; missing parent directories are created.
 * Empty segments, {@code .} and {@code ..} are refused, and so is adding a path twice. Hidden names
 * are kept: the {@code hidden} option only filters file-system walks.
 */
public interface ImportSession {
    void addFile(String path, InputStream data) throws IOException;

    void addDirectory(String path);

    /** A UnixFS Symlink node; the target is stored as given and never followed. */
    void addSymlink(String path, String target);

    /**
     * Builds the directories and returns entries in Kubo's print order: files and symlinks in the
     * order added, then directories children-first. With {@code wrapWithDirectory} the wrapper
     * (path {@code ""}) comes last; otherwise each top-level entry is a root of its own, its
     * entries grouped together, in the order top-level names were first seen.
     */
    List<ImportedEntry> finish();
}
