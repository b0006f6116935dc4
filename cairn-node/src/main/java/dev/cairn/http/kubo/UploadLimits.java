package dev.cairn.http.kubo;

import dev.cairn.cid.Cid;
import dev.cairn.http.HttpException;
import dev.cairn.http.HttpRequests;
import dev.cairn.quota.QuotaExceededException;
import dev.cairn.quota.QuotaReservations;
import dev.cairn.quota.QuotaReservations.Reservation;
import dev.cairn.quota.StorageQuotas;
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
 * <p>Concurrent uploads of one account share its quota through {@link QuotaReservations}: the
 * body holds a reservation (the declared length at once, else growing as bytes arrive) until it is
 * closed, which the commands do after the commit that pins the upload, so the bytes of uploads in
 * progress count against the quota as well as those already kept.
 */
public final class UploadLimits {
    /** No size limit and no quotas. */
    public static final UploadLimits NONE = new UploadLimits(0, null);

    private final long maxUploadBytes;
    private final QuotaReservations reservations;

    /**
     * @param maxUploadBytes the largest body; 0 for no limit
     * @param reservationsOrNull the node's quota reservations; null when no quotas are enforced
     */
    public UploadLimits(long maxUploadBytes, QuotaReservations reservationsOrNull) {
        if (maxUploadBytes < 0) {
            throw new IllegalArgumentException("maxUploadBytes must be >= 0 (0 = no limit), got " + maxUploadBytes);
        }
        this.maxUploadBytes = maxUploadBytes == 0 ? Long.MAX_VALUE : maxUploadBytes;
        this.reservations = reservationsOrNull;
    }

    /**
     * The request body, bounded, holding the caller's quota reservation until closed: close it
     * after the upload's pin is committed (or it failed). Refuses at once a declared length over a
     * bound.
     *
     * @throws HttpException 413 or 403 when the declared length is over the limit or the quota
     */
    Body body(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxUploadBytes) {
            HttpRequests.refuseBody(ctx);
            throw tooLarge(declared + " bytes declared");
        }
        Reservation reservation = reservations == null ? null
                : reservations.open(HttpRequests.principal(ctx).account().id());
        if (reservation != null && declared > 0) {
            try {
                reservation.coverTotal(declared);
            } catch (QuotaExceededException e) {
                reservation.close();
                HttpRequests.refuseBody(ctx);
                throw overQuota(e, declared + " bytes declared");
            }
        }
        return new Body(ctx.req().getInputStream(), reservation);
    }

    /**
     * After a pinned upload: measures the DAG sizes of its roots in the background, so that
     * {@code cairn account list} (which cannot walk the store while the server holds it) shows them.
     */
    void uploaded(List<Cid> roots) {
        if (reservations != null && !roots.isEmpty()) {
            List<Cid> copy = List.copyOf(roots);
            StorageQuotas quotas = reservations.quotas();
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

    private static HttpException overQuota(QuotaExceededException e, String what) {
        return HttpException.forbidden(e.state() + ", and this upload is larger (" + what + "); nothing was stored");
    }

    /**
     * An upload's body: counts what is read, throws at the first byte past a bound, and holds the
     * quota reservation until {@link #close()} (which does not close the request's stream: the
     * server owns that).
     */
    final class Body extends InputStream {
        private final InputStream in;
        private final Reservation reservation;
        private long count;

        private Body(InputStream in, Reservation reservationOrNull) {
            this.in = in;
            this.reservation = reservationOrNull;
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
            if (reservation != null) {
                try {
                    reservation.cover(count);
                } catch (QuotaExceededException e) {
                    throw overQuota(e, count + " bytes received so far");
                }
            }
        }

        /** Releases the quota reservation: after the upload's commit, or after it failed. */
        @Override
        public void close() {
            if (reservation != null) {
                reservation.close();
            }
        }
    }
}
