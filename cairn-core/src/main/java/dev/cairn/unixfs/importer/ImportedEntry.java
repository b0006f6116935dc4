package dev.cairn.unixfs.importer;

import dev.cairn.cid.Cid;
import java.util.Objects;

/**
 * One line of {@code ipfs add} output.
 *
 * @param path relative path as Kubo prints it ({@code dir/sub/file}); {@code ""} for the
 *             wrap-with-directory root; the CID string for an unnamed stream
 * @param size Kubo's {@code Size} field: the cumulative DAG size, i.e. the root block's length plus
 *             the Tsize of each of its links (what a parent link's Tsize would be), not the file length
 */
public record ImportedEntry(String path, Cid cid, long size) {
    public ImportedEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(cid, "cid");
    }
}
