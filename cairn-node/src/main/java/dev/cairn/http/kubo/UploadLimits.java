package dev.cairn.http.kubo;

import dev.cairn.cid.Cid;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpRequests;
import dev.cairn.quota.StorageQuotas;
import dev.cairn.quota.Usage;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The bounds of an upload's body: the node's {@code api.max-upload-bytes} (413) and the caller's
 * remaining storage quota (403: the account may not keep more, whatever the request's size).
 *
 * <p>A declared {@code Content-Length} over either bound is refused before a byte of the body is
 * read. A body of unknown length is counted as it streams and cut off at the first byte past the
 * bound: the exception unwinds through the importer, whose ingest then aborts (its pack files are
 * deleted, nothing becomes visible). What is counted is the request body as received, multipart
 * framing included: a little more than the content, and known before the content is stored.
 *
 * <p>The quota is read once when the upload starts, so two concurrent uploads of one account may
 * each use what remained then; the next upload sees their sum.
 */
public final class UploadLimits {
    /** No size limit and no quotas. */
    public static final UploadLimits NONE = new UploadLimits(0, null);

    private final long maxUploadBytes;
    private final StorageQuotas quotas;

    /**
     * @param maxUploadBytes the largest body; 0 for no limit
     * @param quotasOrNull the accounts' quotas; null when none are enforced
     */
    public UploadLimits(long maxUploadBytes, StorageQuotas quotasOrNull) {
        if (maxUploadBytes < 0) {
            throw new IllegalArgumentException("maxUploadBytes must be >= 0 (0 = no limit), got " + maxUploadBytes);
        }
        this.maxUploadBytes = maxUploadBytes == 0 ? Long.MAX_VALUE : maxUploadBytes;
        this.quotas = quotasOrNull;
    }

    /**
     * The request body, bounded; refuses at once a declared length over a bound.
     *
     * @throws HttpException 413 or 403 when the declared length is over the limit or the quota
     */
    InputStream body(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxUploadBytes) {
            throw tooLarge(declared + " bytes declared");
        }
        long account = HttpRequests.principal(ctx).account().id();
        Usage usage = quotas == null || quotas.quota(account).isEmpty() ? null : quotas.usage(account);
        long remaining = usage == null ? Long.MAX_VALUE : usage.remainingBytes();
        if (declared > remaining) {
            throw overQuota(usage, declared + " bytes declared");
        }
        return new Bounded(ctx.req().getInputStream(), usage, remaining);
    }

    /**
     * After a pinned upload: measures the DAG sizes of its roots in the background, so that
     * {@code cairn account list} (which cannot walk the store while the server holds it) shows them.
     */
    void uploaded(List<Cid> roots) {
        if (quotas != null && !roots.isEmpty()) {
            List<Cid> copy = List.copyOf(roots);
            Thread.ofVirtual().name("quota-measure").start(() -> {
                try {
                    quotas.measure(copy);
                } catch (RuntimeException e) {
                    // best effort: a usage query measures what this could not
                }
            });
        }
    }

    private HttpException tooLarge(String what) {
        return HttpException.payloadTooLarge("upload is larger than the limit of " + maxUploadBytes
                + " bytes (api.max-upload-bytes): " + what + "; nothing was stored");
    }

    private static HttpException overQuota(Usage usage, String what) {
        return HttpException.forbidden("storage quota of account '" + usage.account() + "' exceeded: it keeps "
                + usage.usedBytes() + " of " + usage.quotaBytes().orElse(0) + " bytes, " + usage.remainingBytes()
                + " remain, and this upload is larger (" + what + "); nothing was stored");
    }

    /** Counts the body as it is read and throws at the first byte past a bound. */
    private final class Bounded extends InputStream {
        private final InputStream in;
        private final Usage usage;
        private final long remaining;
        private long count;

        Bounded(InputStream in, Usage usage, long remaining) {
            this.in = in;
            this.usage = usage;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                // The client went away (or stalled past the idle timeout): its fault, not a server
                // error to log with a stack trace. The ingest aborts on the way out all the same.
                throw HttpException.badRequest("the upload ended early, after " + count + " bytes: " + e);
            }
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > maxUploadBytes) {
                throw tooLarge("more than " + maxUploadBytes + " bytes received");
            }
            if (count > remaining) {
                throw overQuota(usage, "more than " + remaining + " bytes received");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
