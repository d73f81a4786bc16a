package dev.warden.gateway.http;

import dev.warden.gateway.observability.RequestIds;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The graceful-stop gate in front of everything the server serves (the REST routes and the servlets mounted beside
 * them): counts requests in flight, and once closing turns new ones away with 503 {@code SHUTTING_DOWN} (except
 * {@code /health}, which reports the shutdown). A servlet filter rather than a Javalin handler so that it also
 * covers requests that never reach Javalin. Standing event streams are not waited for: they end only when closed.
 */
final class ShutdownGate implements Filter {
    private static final byte[] BODY = ("{\"error\":{\"code\":\"" + ErrorCode.SHUTTING_DOWN.name()
            + "\",\"message\":\"the gateway is shutting down; retry on another instance\",\"details\":{}}}")
            .getBytes(StandardCharsets.UTF_8);

    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (closing.get() && !"/health".equals(request.getRequestURI())) {
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(ErrorCode.SHUTTING_DOWN.status());
            response.setContentType("application/json");
            response.setHeader(RequestIds.HEADER, RequestIds.accept(request.getHeader(RequestIds.HEADER)));
            RequestIds.clear();
            response.getOutputStream().write(BODY);
            return;
        }
        inFlight.incrementAndGet();
        AtomicBoolean counted = new AtomicBoolean(true);
        Runnable release = () -> {
            if (counted.compareAndSet(true, false)) leave();
        };
        try {
            // A GET answered with an event stream is a standing stream (legacy /sse, GET /mcp): it has no end to
            // wait for, so it stops counting once the stream starts; stopping the server closes it.
            chain.doFilter(req, "GET".equals(request.getMethod())
                    ? new StreamWatch((HttpServletResponse) res, release) : res);
        } finally {
            release.run();
        }
    }

    /** Notices when a response becomes an event stream. */
    private static final class StreamWatch extends HttpServletResponseWrapper {
        private final Runnable onStream;

        StreamWatch(HttpServletResponse response, Runnable onStream) {
            super(response);
            this.onStream = onStream;
        }

        private void check(String name, String value) {
            if ((name == null || name.equalsIgnoreCase("Content-Type")) && value != null
                    && value.startsWith("text/event-stream")) {
                onStream.run();
            }
        }

        @Override
        public void setContentType(String type) {
            check(null, type);
            super.setContentType(type);
        }

        @Override
        public void setHeader(String name, String value) {
            check(name, value);
            super.setHeader(name, value);
        }

        @Override
        public void addHeader(String name, String value) {
            check(name, value);
            super.addHeader(name, value);
        }
    }

    boolean closing() { return closing.get(); }

    /**
     * For requests served outside the servlet filters ({@link ToolInvokeHandler}): counts one in, or returns false
     * when closing, in which case the caller answers {@link #refusal()} (503). Every {@code true} needs one
     * {@link #leave()}.
     */
    boolean enter() {
        inFlight.incrementAndGet();
        if (!closing.get()) return true;
        leave();
        return false;
    }

    void leave() { inFlight.decrementAndGet(); }

    /** The body of the 503 answered while closing. */
    static byte[] refusal() { return BODY.clone(); }

    /** Turns new requests away, then waits up to {@code grace} for the ones in flight; returns how many remain. */
    int close(Duration grace) {
        closing.set(true);
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return inFlight.get();
    }
}
