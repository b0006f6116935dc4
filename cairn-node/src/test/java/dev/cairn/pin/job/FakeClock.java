package dev.cairn.pin.job;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. */
public final class FakeClock implements JobClock {
    private final AtomicLong now = new AtomicLong(1_750_000_000_000L);

    @Override
    public long millis() {
        return now.get();
    }

    public void advance(Duration d) {
        now.addAndGet(d.toMillis());
    }
}
