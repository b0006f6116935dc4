package dev.cairn.config;

/**
 * A configuration value is missing, malformed or out of range. The message always names the key
 * ({@code store.pack-size-bytes must be > 0}) and, when it helps, where the value came from.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
