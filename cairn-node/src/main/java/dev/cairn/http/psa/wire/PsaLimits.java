package dev.cairn.http.psa.wire;

/**
 * Input limits of the Pinning Service API. The first group is the spec's; the rest are ours (the
 * spec sets no length limits on meta keys and values or on origins), chosen far above what real
 * clients send so that only abuse hits them. Breaching any is a 400 naming the limit.
 */
public final class PsaLimits {
    /** {@code name} (body and filter), in characters; Kubo checks 255 bytes, so all it sends fits. */
    public static final int MAX_NAME_LENGTH = 255;
    /** {@code origins} items. */
    public static final int MAX_ORIGINS = 20;
    /** {@code meta} keys (the spec's intended maxProperties). */
    public static final int MAX_META_KEYS = 1000;
    /** {@code cid} filter values. */
    public static final int MAX_CID_FILTER = 10;

    /** Ours: one meta key, in characters. */
    public static final int MAX_META_KEY_LENGTH = 255;
    /** Ours: one meta value, in characters. */
    public static final int MAX_META_VALUE_LENGTH = 4096;
    /** Ours: one origin multiaddr, in characters. */
    public static final int MAX_ORIGIN_LENGTH = 1024;

    private PsaLimits() {}
}
