package dev.cairn.pin.job;

/**
 * Where leases, back-off and timestamps of jobs get the time: one method, so tests move time by
 * hand instead of sleeping (a lease that expires is a clock that moved past it).
 */
@FunctionalInterface
public interface JobClock {
    JobClock SYSTEM = System::currentTimeMillis;

    /** Milliseconds since the epoch. */
    long millis();
}
