package dev.warden.gateway.upstream;

import dev.warden.gateway.io.OutboundHttp;
import dev.warden.gateway.util.Lazy;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;

/** The one HTTP client every HTTP upstream shares (see {@link OutboundHttp}), started on first use. */
final class UpstreamHttp {
    private static final Lazy<HttpClient> CLIENT =
            OutboundHttp.shared("upstream-http", 64, 256, Duration.ofSeconds(10));

    private UpstreamHttp() {}

    static HttpClient client() { return CLIENT.get(); }
}
