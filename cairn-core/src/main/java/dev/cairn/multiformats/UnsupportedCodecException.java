package dev.cairn.multiformats;

/** A CID names a content codec (multicodec) that Cairn cannot decode or refuses by policy. */
public final class UnsupportedCodecException extends CodecException {
    private static final long serialVersionUID = 1L;
    private final long codec;

    public UnsupportedCodecException(String message) {
        this(-1, message);
    }

    public UnsupportedCodecException(long codec, String message) {
        super(message);
        this.codec = codec;
    }

    /** The refused multicodec code, or -1 when the thrower did not say. */
    public long codec() {
        return codec;
    }
}
