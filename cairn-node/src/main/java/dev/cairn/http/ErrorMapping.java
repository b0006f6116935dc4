package dev.cairn.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exception type to HTTP status, matched by the most specific registered superclass, so that
 * {@code map(IllegalArgumentException.class, 400)} also covers {@code NumberFormatException}.
 * Unmapped exceptions are 500. Immutable once built.
 */
public final class ErrorMapping {
    private final Map<Class<? extends Exception>, Integer> statuses;

    private ErrorMapping(Map<Class<? extends Exception>, Integer> statuses) {
        this.statuses = Map.copyOf(statuses);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The status for {@code e}: its own status for an {@link HttpException}, else the mapping, else 500. */
    public int status(Exception e) {
        if (e instanceof HttpException h) {
            return h.status();
        }
        for (Class<?> c = e.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            Integer status = statuses.get(c);
            if (status != null) {
                return status;
            }
        }
        return 500;
    }

    public static final class Builder {
        private final Map<Class<? extends Exception>, Integer> statuses = new LinkedHashMap<>();

        private Builder() {}

        public Builder map(Class<? extends Exception> type, int status) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("not an error status for " + type.getName() + ": " + status);
            }
            if (statuses.putIfAbsent(type, status) != null) {
                throw new IllegalArgumentException(type.getName() + " is mapped twice");
            }
            return this;
        }

        public ErrorMapping build() {
            return new ErrorMapping(statuses);
        }
    }
}
