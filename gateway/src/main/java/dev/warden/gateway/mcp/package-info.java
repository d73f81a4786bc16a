/**
 * Warden as one MCP server: the endpoint MCP clients (desktop apps, IDEs, agent frameworks) connect to.
 *
 * <h2>What is served</h2>
 * <ul>
 *   <li>{@code /mcp}: Streamable HTTP, protocol revision 2025-11-25 (also 2025-06-18 and 2025-03-26 clients).
 *       POST carries one JSON-RPC message and is answered with one JSON body (or, for a {@code tools/call} that
 *       has messages to relay, an event stream: see below); GET opens the session's event stream
 *       ({@code notifications/…/list_changed}, {@code notifications/resources/updated}); DELETE ends the session.
 *       Sessions are 256-bit random ids bound to the token's subject, forgotten after
 *       {@code mcp.session_idle_timeout}; {@code mcp.stateless: true} serves without sessions for load balancers
 *       without stickiness.</li>
 *   <li>{@code /mcp} also serves protocol revision 2026-07-28 ({@link StatelessRevision}): a POST whose
 *       {@code MCP-Protocol-Version} names it, or whose params carry a revision in {@code _meta}, is served without a
 *       session after its {@code _meta} and headers are checked; results get {@code resultType}, the server's identity
 *       and cache hints. An upstream's requests to the client during its {@code tools/call} become
 *       {@code input_required} results, the call waiting between the client's POSTs ({@link StatelessCall},
 *       {@link InputRounds}); a capability the client did not declare ends the call with {@code -32021}.</li>
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
 * <h2>Relays between an upstream and the client whose call it serves</h2>
 * While a {@code tools/call} runs at an upstream, the upstream may send progress ({@code notifications/progress}),
 * log messages ({@code notifications/message}) and requests to the client ({@code sampling/createMessage},
 * {@code elicitation/create}, {@code roots/list}). They must reach the client that made the call and no other,
 * although an upstream connection is shared by every client of the gateway (and a stateless or stdio upstream
 * has only that one session). How:
 * <ul>
 *   <li><b>Per call, not per session.</b> Each {@code tools/call} POST is a {@link ClientCall}, the
 *       {@link dev.warden.gateway.upstream.CallRelay} handed down the pipeline
 *       ({@code ToolCallService.Call.relay}) to the upstream connection, naming the client's session
 *       ({@code gatewaySession()}).</li>
 *   <li><b>Upstream sessions per client session</b> where the upstream is stateful (Streamable HTTP with an
 *       {@code Mcp-Session-Id}): its {@code tools/call}, {@code resources/read}, {@code prompts/get} and
 *       {@code completion/complete} run on an upstream session of the client's own (see the {@code upstream}
 *       package), so the upstream keeps one client's state apart from another's. Every way a session ends
 *       ({@code DELETE /mcp}, idle expiry found by {@link McpSessions}' periodic sweep, the legacy stream closing)
 *       reaches {@link ClientRelays#ended}, which ends its upstream sessions too. Stateless mode has no client
 *       sessions and uses the shared upstream sessions.</li>
 *   <li><b>Tying an upstream message to its call</b> ({@code upstream.RelayTransport}, which wraps the SDK client's
 *       transport and sees messages raw, before the SDK's client-wide handlers): Warden sends each relayed call with
 *       its own {@code _meta.progressToken}, unique on the connection, so progress maps back by token (and the
 *       client's own token is restored). Other messages about a call arrive, over Streamable HTTP, on the response
 *       stream of that call's POST, and are handed to the SDK client in the Reactor context of that request, which
 *       names the call. Over stdio, or on an upstream's GET stream, a request to the client (sampling, elicitation,
 *       roots) goes to the only call in flight on the connection when there is exactly one; a log message is never
 *       attributed that way (it may be about another user's request). Otherwise the SDK's handlers get the message
 *       (a log line; a request is refused with a JSON-RPC error saying it could not be tied to a call).</li>
 *   <li><b>The way back to the client</b> is the call's own POST: its response becomes an SSE stream
 *       ({@code text/event-stream}, if the client's {@code Accept} allows it) the first time there is something to
 *       send, and the result is its last event; a call with nothing to relay is answered with JSON as before.
 *       Over the legacy {@code /sse} transport the session's stream carries them, ahead of the answer.
 *       Requests to the client get a fresh random id; the client answers with a separate POST, which
 *       {@link ClientRelays} matches by id (and owner) and returns to the upstream under the upstream's id. A
 *       client that did not declare the capability ({@code sampling}, {@code elicitation}, {@code roots}) at
 *       {@code initialize} is not asked; the upstream gets an error saying why.</li>
 *   <li><b>Logging</b>: {@code logging/setLevel} sets the session's filter for relayed log messages, and is
 *       forwarded to upstreams that offer logging, but only when more verbose than any level asked before (the
 *       connections are shared; each client's filter keeps its own view right). Log messages that belong to no
 *       call are not relayed.</li>
 *   <li><b>Cancellation</b>: the client's {@code notifications/cancelled} finds the call by session and request id
 *       and sends {@code notifications/cancelled} with the upstream's request id to the upstream; the call stops
 *       waiting, and its stream ends without a result. A client that disconnects does not cancel (MCP: a
 *       disconnect is not a cancellation).</li>
 * </ul>
 *
 * <h2>Not yet</h2>
 * Relaying an upstream's messages that belong to no call
 * ({@code notifications/message} on its GET stream, or {@code roots/list} asked outside a call, as
 * server-everything does after initializing: it gets Warden's own empty list, since a shared connection has no one
 * client's roots), SSE
 * resumption ({@code Last-Event-ID}), and for revision 2026-07-28 clients {@code subscriptions/listen},
 * {@code input_required} rounds on {@code prompts/get} and {@code resources/read}, and checking {@code Mcp-Param-*}
 * headers of tools whose schemas ask for them.
 */
package dev.warden.gateway.mcp;
