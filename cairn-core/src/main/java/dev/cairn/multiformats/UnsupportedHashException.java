package dev.cairn.multiformats;

/** A well-formed multihash whose function Cairn does not implement (or refuses by policy). */
public final class UnsupportedHashException extends CodecException {
    private static final long serialVersionUID = 1L;
    private final long code;

    public UnsupportedHashException(long code) {
        super("unsupported hash function 0x" + Long.toHexString(code)
                + " (supported: sha2-256, sha2-512, identity)");
        this.code = code;
    }

    public long code() {
        return code;
    }
}
