package dev.warden.gateway.util;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made at first use, once, whichever thread asks first; later calls return it without locking. A
 * failure is not remembered: the next call tries again.
 *
 * <pre>{@code
 * Lazy<HttpClient> client = new Lazy<>(() -> OutboundHttp.start("upstream-http", 64, 256, Duration.ofSeconds(10)));
 * client.get();
 * }</pre>
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> make;
    private volatile T value;

    /** @param make makes the value; it must not return null */
    public Lazy(Supplier<? extends T> make) { this.make = Objects.requireNonNull(make); }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = Objects.requireNonNull(make.get(), "a lazy value was made as null");
                    value = v;
                }
            }
        }
        return v;
    }
}
