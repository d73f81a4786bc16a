package dev.warden.bench.load;

/**
 * Something the closed-loop clients call: a way to make one call and say whether it succeeded. Each client
 * thread gets its own {@link Caller} (its own connection, for HTTP targets).
 */
interface Target {

    /** Name shown in the report: {@code direct}, {@code sdk-client}, {@code nginx}, {@code warden}. */
    String label();

    /** A caller for one client thread. */
    Caller newCaller();

    /** One client's way of making a call. Not thread-safe. */
    interface Caller extends AutoCloseable {

        /** Makes one call; returns null on success, else why it failed. Never throws for a failed call. */
        String call();

        @Override
        void close();
    }
}
