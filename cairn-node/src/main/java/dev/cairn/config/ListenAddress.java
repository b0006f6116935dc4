package dev.cairn.config;

/**
 * A TCP listen address {@code host:port}; IPv6 hosts are bracketed ({@code [::1]:5001}). Port 0
 * asks the OS for a free port (tests use it).
 */
public record ListenAddress(String host, int port) {
    public ListenAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /**
     * Parses {@code host:port}.
     *
     * @param key the setting name, for the error message
     */
    public static ListenAddress parse(String key, String text) {
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            host = ""; // an unbracketed IPv6 address is ambiguous
        }
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (host.isBlank() || port < 0 || port > 65535) {
            throw new ConfigException(key + " must be host:port (IPv6 as [addr]:port, port 0-65535), got '" + text + "'");
        }
        return new ListenAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
