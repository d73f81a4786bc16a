package dev.warden.gateway.upstream;

import dev.warden.gateway.io.OutboundHttp;
import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;

/** The one HTTP client every HTTP upstream shares (see {@link OutboundHttp}), started on first use. */
final class UpstreamHttp {
    private static final OutboundHttp.Shared CLIENT =
            new OutboundHttp.Shared("upstream-http", 64, 256, Duration.ofSeconds(10));

    private UpstreamHttp() {}

    static HttpClient client() { return CLIENT.get(); }
}
