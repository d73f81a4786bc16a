package dev.warden.gateway.io;

import dev.warden.gateway.util.Lazy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty HTTP clients for every call Warden makes out: to upstream MCP servers, to remote decision engines (SARK,
 * OPA), and to forward audit records. One configuration for all of them:
 * <ul>
 *   <li>TLS with the JDK's trust store, and the certificate must name the host (never trust-all);</li>
 *   <li>redirects are not followed (a request is sent only where it was configured to go);</li>
 *   <li>a 401 or 407 is an answer to read, never a challenge the client takes up by itself;</li>
 *   <li>daemon threads, so a client never keeps the JVM alive;</li>
 *   <li>a connection unused for {@link #KEEP_ALIVE} is closed by Warden before a server would close it;</li>
 *   <li>responses parsed on the selector thread ({@code NON_BLOCKING}): a listener given to these clients must never
 *       block (queue content, complete a future, log); the waiting caller does the work. Measured under the load
 *       benchmark at 32 clients, this cut the gateway's CPU per call by about a seventh (263 to 224 µs).</li>
 * </ul>
 * Why Jetty's client rather than {@code java.net.http}: measured on this project's 2-core machine against the
 * same local server, it served about twice the requests per second at 32 callers and answered one caller about
 * a third faster; the JDK client's thread hand-offs per request cost a loaded gateway more than the work.
 *
 * <pre>{@code
 * HttpClient http = OutboundHttp.start("upstream-http", 64, 256, Duration.ofSeconds(10));
 * }</pre>
 */
public final class OutboundHttp {
    /**
     * How long a kept-alive connection may sit unused before Warden closes it: less than the 5 s after which Node's
     * and uvicorn's HTTP servers (where most MCP servers run) close theirs. A server that closes first races the
     * next request Warden sends on that connection, which then fails with no answer (a 502 for a tools/call, which
     * is never retried: the server may have run it).
     */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(4);
    /** How long an exchange may go without a byte either way (its own timeout usually ends it sooner). */
    static final Duration EXCHANGE_IDLE = Duration.ofSeconds(120);

    private OutboundHttp() {}

    /**
     * A started client.
     *
     * @param name                   names its threads
     * @param maxThreads             its thread pool's size
     * @param maxConnectionsPerServer keep-alive connections kept per destination
     * @param connectTimeout         bound on opening a connection (each request's own deadline may be shorter)
     */
    public static HttpClient start(String name, int maxThreads, int maxConnectionsPerServer, Duration connectTimeout) {
        return start(name, maxThreads, maxConnectionsPerServer, connectTimeout, KEEP_ALIVE);
    }

    /** As {@link #start(String, int, int, Duration)}, closing connections unused for {@code keepAlive}. */
    static HttpClient start(String name, int maxThreads, int maxConnectionsPerServer, Duration connectTimeout,
                            Duration keepAlive) {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 1);
        threads.setName(name);
        threads.setDaemon(true);
        SslContextFactory.Client tls = new SslContextFactory.Client(false);
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        connector.setExecutor(threads);
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
        // Responses are parsed on the selector thread that saw them arrive, not handed to a pool thread first:
        // every listener Warden gives the client only queues content or completes a future (the thread that
        // waits does the reading), so nothing can block the selector.
        transport.setInvocationType(InvocationType.NON_BLOCKING);
        HttpClient c = new HttpClient(transport);
        c.setExecutor(threads);
        c.setMaxConnectionsPerDestination(maxConnectionsPerServer);
        c.setFollowRedirects(false);
        c.setConnectTimeout(connectTimeout.toMillis());
        // The client's idle timeout is a pooled connection's; a request without its own gets the exchange's.
        c.setIdleTimeout(keepAlive.toMillis());
        c.getRequestListeners().addQueuedListener(request -> {
            if (request.getIdleTimeout() < 0) request.idleTimeout(EXCHANGE_IDLE.toMillis(), TimeUnit.MILLISECONDS);
        });
        c.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "warden"));
        // One client serves every caller of the gateway: a cookie that an upstream set in its answer to one user
        // must not go out with the next user's request. (Without a store, Jetty also skips a URI build and a
        // cookie match per request.)
        c.setHttpCookieStore(new HttpCookieStore.Empty());
        try {
            c.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client '" + name + "': " + e.getMessage(), e);
        }
        c.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        c.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
        return c;
    }

    /** A client shared by a whole process for one purpose, started at first use. Thread-safe. */
    public static Lazy<HttpClient> shared(String name, int maxThreads, int maxConnectionsPerServer,
                                          Duration connectTimeout) {
        return new Lazy<>(() -> start(name, maxThreads, maxConnectionsPerServer, connectTimeout));
    }
}
