/**
 * Talking to upstream MCP servers: {@link dev.warden.gateway.upstream.Upstreams} is the gateway's view,
 * {@link dev.warden.gateway.upstream.McpUpstreams} its implementation over the official MCP Java SDK.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li><b>One sealed {@code Upstream} per transport</b> ({@code StdioUpstream}, {@code StreamableHttpUpstream},
 *       {@code SseUpstream}): each opens a fresh SDK client transport per connection attempt and says what it
 *       knows about the link's health. Everything above the transport lives once, in {@code Connection}.</li>
 *   <li><b>Streamable HTTP on our own transport</b> ({@code StreamableHttpTransport}, on Jetty's HTTP client
 *       shared by all HTTP upstreams, {@code UpstreamHttp}): the SDK client still runs the handshake, listings,
 *       pings and server-initiated messages through it, but {@code tools/call} takes a direct path on the
 *       caller's virtual thread (JSON-RPC written and read as Jackson trees, answer as JSON or as an event
 *       stream). Measured on the load benchmark's echo upstream, the SDK's own transport on
 *       {@code java.net.http} plus its reactive pipeline cost more than the rest of a gateway call together;
 *       Jetty's client alone served about twice the requests per second of {@code java.net.http} at 32
 *       callers. Messages on a call's event stream that are not its answer (progress, logging, sampling) go to
 *       the SDK client unchanged, so its handlers see them as with any other request. A timed-out call sends
 *       {@code notifications/cancelled}. A 404 to a request carrying the session id means the server forgot the
 *       session: the link reports itself lost, the supervisor initializes a new session, and the call that got
 *       the 404 (which the server never ran) is made again once on it, within its deadline.</li>
 *   <li><b>One {@code Connection} per enabled server</b>, supervised by its own virtual thread: connect
 *       (initialize, list tools), watch, reconnect with exponential backoff (0.5 s doubling to 30 s, reset
 *       after a minute up). The call path only reads a volatile session reference: no lock is shared between
 *       servers, so one dead or slow upstream never delays another.</li>
 *   <li><b>Status</b>: CONNECTING only for the first attempt; after any failure a server is DOWN (with the
 *       reason and the next retry) until it is CONNECTED again; disabled servers are DISABLED and never
 *       contacted. Calls fail fast with {@code UpstreamException.Unavailable} unless CONNECTED.</li>
 *   <li><b>Failures</b>: no answer within the call's timeout is {@code Timeout}; a broken link or a dead child
 *       is {@code Unavailable} naming the cause (exit code and last stderr lines for a child); a JSON-RPC error
 *       answered by the server is a tool-level error outcome ({@code isError}), like the server's own.</li>
 *   <li><b>Circuit breaker</b> ({@code CallBreaker}, Resilience4j) per connection: when at least half of the
 *       last 20 calls (5 at minimum) timed out or failed, calls are refused at once with {@code Unavailable}
 *       for 10 s, then one trial call decides; tool-level errors count as answers; a new connection starts
 *       with a closed breaker. The status detail says when a server is refusing calls.</li>
 *   <li><b>Tools</b> are cached per connection, replaced on {@code notifications/tools/list_changed} and
 *       re-listed by the periodic health check (every 15 s), which heals a missed notification and detects
 *       dead HTTP servers; a child's exit is noticed at once.</li>
 *   <li><b>stdio children</b>: launched with the SDK's {@code StdioClientTransport} from an empty environment
 *       plus {@code PATH}, {@code HOME}, {@code LANG} and the registry's {@code env}; {@code command: java}
 *       is the JVM running the gateway; the launch is logged with env names, never values; stderr lines go to
 *       the log tagged with the server name; on close: stdin is closed first (the demo servers exit on it), then
 *       SIGTERM, then SIGKILL after the grace period.</li>
 *   <li><b>Hot reload</b>: {@code McpUpstreams.reload(servers)} swaps an immutable snapshot; servers whose
 *       connection settings (transport, command, args, env, cwd, url, headers) are unchanged keep their live
 *       session, new or changed ones connect in the background, removed or disabled ones are closed.</li>
 *   <li><b>No credential passthrough</b>: HTTP upstreams receive only the registry's {@code headers}; the API
 *       has no way to pass a caller's token.</li>
 * </ul>
 *
 * <h2>Known limits of the SDK (2.1.0) worked around here</h2>
 * <ul>
 *   <li>{@code StdioClientTransport} keeps its {@code Process} private and offers only a blocking wait; the
 *       child is read by reflection to get its exit as an event and to kill it when it ignores SIGTERM.</li>
 *   <li>The transport stops reading stderr as soon as stdout closes, so a child that dies within milliseconds
 *       of starting may lose its last stderr lines; its exit code is still reported.</li>
 *   <li>A request the client stops waiting for stays in the SDK's pending map until its answer arrives, so
 *       the SDK's own request timeout is set very long and each call applies its own deadline.</li>
 * </ul>
 */
package dev.warden.gateway.upstream;
