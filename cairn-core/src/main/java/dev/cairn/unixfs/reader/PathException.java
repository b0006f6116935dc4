package dev.cairn.unixfs.reader;

/**
 * A content path that cannot be resolved for a reason the request, not the data, is to blame
 * for. Sealed so a surface maps every case to a status in one switch: {@link InvalidPathException}
 * is a bad request, the others say the path names nothing (gateways answer 404).
 */
public abstract sealed class PathException extends RuntimeException
        permits PathNotFoundException, NotADirectoryException, SymlinkInPathException, InvalidPathException {
    private static final long serialVersionUID = 1L;

    PathException(String message) {
        super(message);
    }
}
