package dev.cairn.multiformats;

/** A well-formed multihash whose function Cairn does not implement (or refuses by policy). */
public final class UnsupportedHashException extends CodecException {
    private static final long serialVersionUID = 1L;
    private final long code;

    public UnsupportedHashException(long code) {
        this(code, "unsupported hash function " + Multicodec.nameOf(code)
                + " (supported: sha2-256, sha2-512, identity)");
    }

    /** For refusals that are about more than the function, e.g. a digest length out of range. */
    public UnsupportedHashException(long code, String message) {
        super(message);
        this.code = code;
    }

    /** The multihash function code that was refused. */
    public long code() {
        return code;
    }
}
