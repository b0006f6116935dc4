package dev.cairn.pin.job;

/**
 * The job is no longer this worker's: it was cancelled, or its lease expired and another worker
 * took it. Thrown inside the commit transaction so that the blocks and the pin status roll back.
 */
final class JobLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JobLostException(Job job) {
        super("job " + job.requestId() + " is no longer leased to " + job.owner() + " (cancelled or taken over)");
    }
}
