package dev.cairn.http.kubo;

import dev.cairn.http.HttpException;

/**
 * A command that could not do what was asked, e.g. "not pinned": Kubo answers these 500 with
 * Code 0 and a message meant for the user. An {@link HttpException}, so that the core passes the
 * message through and does not log it as a server fault.
 */
final class KuboCommandException extends HttpException {
    private static final long serialVersionUID = 1L;

    KuboCommandException(String message) {
        super(500, message);
    }
}
