/**
 * Warden as one MCP server: the endpoint MCP clients (desktop apps, IDEs, agent frameworks) connect to.
 *
 * <h2>What is served</h2>
 * <ul>
 *   <li>{@code /mcp}: Streamable HTTP, protocol revision 2025-11-25 (also 2025-06-18 and 2025-03-26 clients).
 *       POST carries one JSON-RPC message and is answered with one JSON body; GET opens the session's event stream
 *       ({@code notifications/…/list_changed}, {@code notifications/resources/updated}); DELETE ends the session. Sessions are 256-bit random ids bound
 *       to the token's subject, forgotten after {@code mcp.session_idle_timeout}; {@code mcp.stateless: true}
 *       serves without sessions for load balancers without stickiness.</li>
 *   <li>{@code /sse} + {@code /messages}: the legacy HTTP+SSE transport for 2024-11-05 clients.</li>
 *   <li>{@code /.well-known/oauth-protected-resource[/mcp]}: RFC 9728 metadata; every 401 points to it.</li>
 * </ul>
 *
 * <h2>Design decisions</h2>
 * <ul>
 *   <li>JSON-RPC is implemented here with Jackson 3, not with the SDK's {@code McpServer}: a gateway answers
 *       {@code tools/list} differently per caller, binds sessions to principals, and must refuse what the SDK's
 *       servlet transport accepts (batches, answered there with a stack trace; {@code initialize} without
 *       {@code protocolVersion}; unsupported {@code MCP-Protocol-Version} headers).</li>
 *   <li>{@code tools/call} runs {@link dev.warden.gateway.http.ToolCallService}, the pipeline of
 *       {@code POST /tools/invoke} (routing, policy with the arguments, filtered arguments, upstream call with
 *       timeout, audit records), after checking that the caller may list the tool: hide, don't just refuse.</li>
 *   <li>Tool names and list merging belong to {@link dev.warden.gateway.routing}; this package only speaks MCP.</li>
 *   <li>Resources, resource templates, prompts and completions are federated like tools ({@link FederatedResources},
 *       {@link FederatedPrompts}, {@link FederatedCompletions}, sharing {@link Federation}): one fan-out, only what
 *       {@code gateway:resource:list} / {@code gateway:prompt:list} let the caller see, and {@code resources/read}
 *       ({@code gateway:resource:read}) and {@code prompts/get} ({@code gateway:prompt:get}, the arguments as
 *       parameters) through the tool-call pipeline, with audit records {@code resource_read} and
 *       {@code prompt_get}. Prompt names follow the tool rules. Resource URIs stay the upstream's unless the
 *       namespacing mode says otherwise, then become {@code warden://<server>/<upstream URI>}
 *       ({@link dev.warden.gateway.routing.ResourceNamespace}): {@code always} rewrites all, {@code on-collision}
 *       those two servers share, {@code never} none (the first server wins). Contents, embedded resources and update
 *       notifications carry the same form. Hidden or denied resources answer {@code -32002 Resource not found},
 *       prompts "Unknown prompt", per {@code mcp.denied_tools}.</li>
 *   <li>{@code resources/subscribe} is decided and audited as a read; {@link ResourceSubscriptions} holds one
 *       upstream subscription per resource for all sessions and sends {@code notifications/resources/updated} to
 *       each subscribed session's stream ({@link ClientStreams}); a session that ended is dropped at the next
 *       update. Stateless mode has no subscriptions.</li>
 *   <li>The endpoints are servlets mounted beside Javalin in the same Jetty, so that their errors are JSON-RPC,
 *       never the REST error envelope, and no Javalin handler touches MCP traffic.</li>
 * </ul>
 *
 * <h2>Not yet</h2>
 * Relaying progress, cancellation and logging notifications to and from
 * upstreams, server-to-client requests (sampling, elicitation, roots), SSE resumption ({@code Last-Event-ID}),
 * protocol revision 2026-07-28 ({@code server/discover}, {@code Mcp-Method} headers).
 */
package dev.warden.gateway.mcp;
