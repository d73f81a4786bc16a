package dev.warden.gateway.mcp;

import dev.warden.gateway.upstream.CallRelay;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code tools/call} of a client of revision 2026-07-28, across the POSTs it takes: that revision has no requests
 * from server to client, so when the upstream asks the client something during the call (sampling, elicitation,
 * roots), the client's POST is answered with an {@code input_required} result naming the questions, the upstream's
 * call stays parked ({@link InputRounds}), and the client's retry brings the answers, which go to the upstream as the
 * answers to its requests; the call then goes on, to its result or to the next round.
 *
 * <p>Notifications (progress, log messages) go to the POST being served ({@link #attach}), and are dropped between
 * POSTs. Thread-safe: the upstream's transport threads call the {@link CallRelay} side, the servlet the rest.
 *
 * <pre>{@code
 * StatelessCall call = new StatelessCall();
 * call.attach(leg, capabilities);
 * CompletableFuture.anyOf(answer, call.inputWanted()).join();
 * if (!answer.isDone()) respond(inputRequired(call.inputRequests(), rounds.park(...)));
 * }</pre>
 */
final class StatelessCall implements CallRelay {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An upstream's request waiting for the client's answer. */
    private record Input(String method, ObjectNode params, CompletableFuture<JsonNode> answer) {}

    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** Open requests by the key the client answers them under, in the order they came. Guarded by this. */
    private final Map<String, Input> inputs = new LinkedHashMap<>();
    private int keys;
    private ClientCall leg;
    private JsonNode capabilities = NODES.objectNode();
    private CompletableFuture<Void> wanted = new CompletableFuture<>();
    private volatile String missingCapability;

    /** The POST now being served, and the capabilities its client declared. */
    synchronized void attach(ClientCall leg, JsonNode capabilities) {
        this.leg = leg;
        this.capabilities = capabilities;
    }

    /** The POST was answered: notifications until the next one are dropped. */
    synchronized void detach() { leg = null; }

    @Override
    public synchronized JsonNode progressToken() { return leg == null ? null : leg.progressToken(); }

    @Override
    public void notify(String method, ObjectNode params) {
        ClientCall current;
        synchronized (this) {
            current = leg;
        }
        if (current != null) current.notify(method, params);
    }

    @Override
    public CompletableFuture<JsonNode> request(String method, ObjectNode params) {
        String capability = ClientCall.CAPABILITY.get(method);
        if (capability == null) return refuse(McpError.METHOD_NOT_FOUND, "Warden does not relay " + method);
        synchronized (this) {
            if (cancelled.get()) return refuse(McpError.INTERNAL_ERROR, "the tool call was cancelled");
            if (!capabilities.has(capability)) {
                missingCapability = capability; // the client is answered -32021, naming it
                return refuse(McpError.METHOD_NOT_FOUND, "the client did not declare the '" + capability
                        + "' capability, so it cannot answer " + method);
            }
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            inputs.put(method.substring(0, method.indexOf('/')) + "_" + ++keys, new Input(method, params, answer));
            wanted.complete(null);
            return answer;
        }
    }

    private static CompletableFuture<JsonNode> refuse(int code, String message) {
        return CompletableFuture.failedFuture(new RelayException(code, message));
    }

    @Override
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
        if (cancelled.get()) hook.run();
    }

    /** Completes as soon as a request of the upstream waits for the client (at once, if one does already). */
    synchronized CompletableFuture<Void> inputWanted() {
        if (!inputs.isEmpty()) return CompletableFuture.completedFuture(null);
        if (wanted.isDone()) wanted = new CompletableFuture<>();
        return wanted;
    }

    /** The open requests, as an {@code inputRequests} map: key to {@code {method, params}}. */
    synchronized ObjectNode inputRequests() {
        ObjectNode out = NODES.objectNode();
        inputs.forEach((key, input) -> out.putObject(key).put("method", input.method()).set("params", input.params()));
        return out;
    }

    /**
     * The client's {@code inputResponses}: each open request it answers gets its answer; keys it does not know are
     * ignored; requests it leaves unanswered stay open (and are asked again).
     *
     * @throws McpError -32602 when an answer is not an object (nothing is answered then)
     */
    synchronized void answer(JsonNode responses) {
        if (responses == null || responses.isNull()) return;
        if (!responses.isObject()) throw invalid("tools/call: \"inputResponses\" must be an object");
        for (String key : inputs.keySet()) {
            JsonNode response = responses.get(key);
            if (response != null && !response.isObject()) {
                throw invalid("tools/call: inputResponses[\"" + key + "\"] must be an object (the result of "
                        + inputs.get(key).method() + ")");
            }
        }
        inputs.entrySet().removeIf(e -> {
            JsonNode response = responses.get(e.getKey());
            if (response == null) return false;
            e.getValue().answer().complete(response);
            return true;
        });
    }

    /** A capability the upstream needed that the client did not declare, or null. */
    String missingCapability() { return missingCapability; }

    /** The client cancelled (closed the response): the upstream is told, and its open requests get an error. */
    void cancel() {
        if (!cancelled.compareAndSet(false, true)) return;
        cancelHooks.forEach(Runnable::run);
        abandon("the tool call was cancelled by the client");
    }

    /** The client will not answer (it went away, or its round expired): open requests get an error. */
    synchronized void abandon(String why) {
        inputs.values().forEach(i -> i.answer().completeExceptionally(new RelayException(McpError.INTERNAL_ERROR,
                why)));
        inputs.clear();
    }

    private static McpError invalid(String message) { return new McpError(McpError.INVALID_PARAMS, message); }
}
