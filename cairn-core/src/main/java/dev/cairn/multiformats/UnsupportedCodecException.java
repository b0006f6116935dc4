package dev.cairn.multiformats;

/** A CID names a content codec (multicodec) that Cairn cannot decode. */
public final class UnsupportedCodecException extends CodecException {
    private static final long serialVersionUID = 1L;

    public UnsupportedCodecException(String message) {
        super(message);
    }
}
