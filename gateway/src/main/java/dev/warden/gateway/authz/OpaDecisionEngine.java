package dev.warden.gateway.authz;

import dev.warden.gateway.util.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks an OPA server's data API for every decision: {@code POST {url}/v1/data/mcp/gateway} with {@code {"input":
 * …}} (the same input document the embedded engine evaluates), reading {@code allow}, {@code reason},
 * {@code filtered_parameters}, {@code cache_ttl} and {@code deny} from {@code result}. Fails closed like
 * {@link SarkDecisionEngine}: no answer, a status but 200, or no {@code result} (the package is not loaded there)
 * is {@link Decision#unavailable}.
 *
 * <pre>{@code
 * PolicyDecisionPoint pdp = new OpaDecisionEngine(URI.create("http://localhost:8181"), Duration.ofSeconds(2));
 * }</pre>
 */
public final class OpaDecisionEngine implements PolicyDecisionPoint, RemoteEngine {
    static final String PATH = "/v1/data/mcp/gateway";
    private static final Logger log = LoggerFactory.getLogger(OpaDecisionEngine.class);

    private final String base;
    private final String shown;
    private final DecisionHttp http;
    private volatile String lastFailure;
    private final Map<String, String> headers;

    public OpaDecisionEngine(URI url, Duration timeout) { this(url, timeout, null); }

    /** @param token sent as {@code Authorization: Bearer} (OPA's token authentication); null: none */
    public OpaDecisionEngine(URI url, Duration timeout, String token) {
        this.base = url.toString().replaceAll("/+$", "");
        this.shown = Urls.withoutCredentials(base); // what answers, /health and the log may name
        this.http = new DecisionHttp(timeout, "OPA at " + shown);
        this.headers = token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    }

    @Override
    public Decision decide(DecisionRequest request) {
        ObjectNode body = DecisionHttp.JSON.createObjectNode();
        body.set("input", PolicyInput.of(request));
        try {
            DecisionHttp.Answer a = http.post(URI.create(base + PATH), body, headers);
            if (a.status() != 200) return failure(http.statusFailure(a));
            JsonNode result = a.body() == null ? null : a.body().get("result");
            if (result == null || !result.isObject()) {
                return failure("OPA at " + shown + " has no decision at data.mcp.gateway (is the policy loaded?)");
            }
            Decision d = DecisionDocument.read(result, policyVersion());
            lastFailure = null;
            // A loaded package with no allow rule matching is a plain denial, as in the embedded engine.
            return d != null ? d : Decision.deny("denied by policy (no rule allowed this request)", policyVersion());
        } catch (DecisionHttp.Failure f) {
            return failure(f.getMessage());
        }
    }

    @Override
    public String lastFailure() { return lastFailure; }

    private Decision failure(String reason) {
        log.warn("denying: {}", reason);
        lastFailure = reason;
        return Decision.unavailable("policy engine unavailable: " + reason + "; denied", policyVersion());
    }

    @Override
    public String policyVersion() { return "opa"; }

    @Override
    public String engine() { return "opa"; }
}
