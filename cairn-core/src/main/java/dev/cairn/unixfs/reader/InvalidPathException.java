package dev.cairn.unixfs.reader;

/** The path itself is unusable: {@code ..} climbing above the root (path-gateway.md: MUST reject). */
public final class InvalidPathException extends PathException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public InvalidPathException(String path, String reason) {
        super("invalid path '" + path + "': " + reason);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
