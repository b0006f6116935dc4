package dev.cairn.config;

import java.util.List;

/**
 * Section {@code [api]}: the listener for the Pinning Service API, the Kubo RPC subset and admin.
 *
 * @param listen where the API server binds
 * @param maxBodyBytes largest request body the API reads whole (JSON bodies); larger is a 413
 * @param maxUploadBytes largest upload body ({@code add}, {@code dag/import}, {@code block/put});
 *     0 for no limit
 * @param defaultQuotaBytes storage quota of accounts created without one; 0 for unlimited
 */
public record ApiConfig(ListenAddress listen, long maxBodyBytes, long maxUploadBytes, long defaultQuotaBytes) {
    public static final String SECTION = "api";
    public static final String DEFAULT_LISTEN = "127.0.0.1:5001";
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;
    /** 32 GiB: above Pinata's 25 GB per upload, low enough that a runaway client cannot fill a disk unnoticed. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 32L << 30;

    static final Setting LISTEN = Setting.string(SECTION, "listen", DEFAULT_LISTEN,
            "host:port for the Pinning Service API, the Kubo RPC subset (/api/v0) and admin endpoints.");
    static final Setting MAX_BODY_BYTES = Setting.integer(SECTION, "max-body-bytes", DEFAULT_MAX_BODY_BYTES,
            "Largest request body (bytes) the API reads whole, e.g. a pin request's JSON; larger bodies get 413.");
    static final Setting MAX_UPLOAD_BYTES = Setting.integer(SECTION, "max-upload-bytes", DEFAULT_MAX_UPLOAD_BYTES,
            "Largest upload body (bytes) of the Kubo RPC add, dag/import, block/put and dag/put; larger uploads get 413."
                    + " 0 = no limit.");
    static final Setting DEFAULT_QUOTA_BYTES = Setting.integer(SECTION, "default-quota-bytes", 0L,
            "Storage quota (bytes of pinned DAGs) given to accounts that 'cairn account create' makes without"
                    + " --quota. 0 = unlimited.");
    static final List<Setting> SETTINGS = List.of(LISTEN, MAX_BODY_BYTES, MAX_UPLOAD_BYTES, DEFAULT_QUOTA_BYTES);

    static ApiConfig from(ConfigValues values) {
        return new ApiConfig(values.parse(LISTEN, text -> ListenAddress.parse(LISTEN.name(), text)),
                values.integer(MAX_BODY_BYTES), values.integer(MAX_UPLOAD_BYTES), values.integer(DEFAULT_QUOTA_BYTES));
    }

    /** @throws ConfigException naming the first invalid key */
    public ApiConfig validate() {
        if (listen == null) {
            throw new ConfigException(LISTEN.name() + " must be set");
        }
        if (maxBodyBytes <= 0) {
            throw new ConfigException(MAX_BODY_BYTES.name() + " must be > 0, got " + maxBodyBytes);
        }
        if (maxUploadBytes < 0) {
            throw new ConfigException(MAX_UPLOAD_BYTES.name() + " must be >= 0 (0 = no limit), got " + maxUploadBytes);
        }
        if (defaultQuotaBytes < 0) {
            throw new ConfigException(DEFAULT_QUOTA_BYTES.name() + " must be >= 0 (0 = unlimited), got "
                    + defaultQuotaBytes);
        }
        return this;
    }
}
