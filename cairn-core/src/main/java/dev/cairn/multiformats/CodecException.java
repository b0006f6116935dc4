package dev.cairn.multiformats;

/**
 * Input bytes or text do not follow the format they claim. The single declared failure of every
 * parser in cairn-core: surfaces map it (and its subtypes) to their "bad request" answer.
 */
public class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
