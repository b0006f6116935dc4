package dev.cairn.app;

/**
 * Background work a running node starts and stops with it: pin workers, the GC scheduler, later
 * the libp2p host. {@link RunningNode} starts services in list order before the HTTP listeners
 * open, and stops them in reverse order after the listeners closed.
 */
public interface Service {
    /** For messages: {@code pin-workers}, {@code gc}. */
    String name();

    /** Starts the work and returns (run it on threads of your own). */
    void start() throws Exception;

    /**
     * Stops the work and returns once it is stopped or has been told to stop and will not touch
     * storage again (the node closes the database next). Called at most once, after {@link #start}.
     */
    void stop() throws Exception;

    /** A service from its two actions. */
    static Service of(String name, Runnable start, Runnable stop) {
        return new Service() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                start.run();
            }

            @Override
            public void stop() {
                stop.run();
            }
        };
    }
}
