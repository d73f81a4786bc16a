package dev.warden.gateway.authz;

import dev.warden.gateway.config.WardenConfig.SarkSettings;
import dev.warden.gateway.util.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks a remote SARK-compatible service ({@code POST {SARK_URL}/api/v1/gateway/authorize}) for every decision,
 * tolerating what real SARK does differently from its documentation ({@code null} filtered parameters, a missing
 * audit id, FastAPI's {@code {"detail": ...}} errors, bare-array server lists). Fails closed: a connection error,
 * a timeout, any status but 200 or a body without a boolean {@code allow} is {@link Decision#unavailable}, which
 * the REST layer answers with 503 and records with the reason.
 *
 * <pre>{@code
 * PolicyDecisionPoint pdp = new SarkDecisionEngine(config.sark());
 * Decision d = pdp.decide(request);   // d.unavailable() when SARK could not be asked
 * }</pre>
 */
public final class SarkDecisionEngine implements PolicyDecisionPoint, RemoteEngine {
    static final String AUTHORIZE = "/api/v1/gateway/authorize";
    static final String SERVERS = "/api/v1/gateway/servers";
    private static final Logger log = LoggerFactory.getLogger(SarkDecisionEngine.class);

    private final SarkSettings settings;
    private final String base;
    private final String shown;
    private final DecisionHttp http;
    private volatile String lastFailure;

    public SarkDecisionEngine(SarkSettings settings) {
        if (settings.url() == null) throw new IllegalArgumentException("the sark engine needs sark.url (SARK_URL)");
        this.settings = settings;
        this.base = settings.url().toString().replaceAll("/+$", "");
        this.shown = Urls.withoutCredentials(base); // what answers, /health and the log may name
        this.http = new DecisionHttp(settings.timeout(), "SARK at " + shown);
    }

    /** A server SARK lets a user access, from either of the list's shapes. */
    public record RemoteServer(String name, String url, String description, String sensitivityLevel) {}

    @Override
    public Decision decide(DecisionRequest request) {
        ObjectNode body = PolicyInput.of(request);
        body.remove("server"); // registry metadata is ours; SARK knows its own servers
        // SARK's body names a resource or prompt in tool_name alone, which PolicyInput fills for every action.
        body.remove(List.of("resource_uri", "prompt_name"));
        try {
            DecisionHttp.Answer a = http.post(URI.create(base + AUTHORIZE), body, headers(true));
            if (a.status() != 200) return failure(http.statusFailure(a));
            Decision d = DecisionDocument.read(a.body(), version(a.body()));
            if (d == null) {
                return failure("SARK at " + shown + " answered without a boolean 'allow': "
                        + DecisionHttp.excerpt(a.text()));
            }
            lastFailure = null;
            return d;
        } catch (DecisionHttp.Failure f) {
            return failure(f.getMessage());
        }
    }

    /**
     * The servers SARK lets {@code userId} access ({@code GET /servers}), accepting both {@code {"servers":
     * [{name, url}]}} and a bare array of {@code {server_name, server_url, sensitivity_level}}.
     *
     * @throws IllegalStateException naming the reason when SARK cannot be asked or answers something unusable
     */
    public List<RemoteServer> servers(String userId) {
        String query = userId == null ? "" : "?user_id=" + URLEncoder.encode(userId, StandardCharsets.UTF_8);
        DecisionHttp.Answer a;
        try {
            a = http.get(URI.create(base + SERVERS + query), headers(false));
        } catch (DecisionHttp.Failure f) {
            throw new IllegalStateException(f.getMessage());
        }
        if (a.status() != 200) throw new IllegalStateException(http.statusFailure(a));
        JsonNode list = a.body() != null && a.body().isArray() ? a.body()
                : a.body() != null ? a.body().get("servers") : null;
        if (list == null || !list.isArray()) {
            throw new IllegalStateException("SARK at " + shown + " answered a server list in an unknown shape: "
                    + DecisionHttp.excerpt(a.text()));
        }
        List<RemoteServer> out = new ArrayList<>();
        for (JsonNode s : list) {
            String name = text(s, "name", "server_name");
            if (name == null) continue; // an entry without a name cannot be used; skip it rather than fail all
            out.add(new RemoteServer(name, text(s, "url", "server_url"), text(s, "description", null),
                    text(s, "sensitivity_level", null)));
        }
        return out;
    }

    private static String text(JsonNode node, String name, String alternative) {
        JsonNode v = node.get(name);
        if ((v == null || !v.isString()) && alternative != null) v = node.get(alternative);
        return v != null && v.isString() ? v.asString() : null;
    }

    @Override
    public String lastFailure() { return lastFailure; }

    private Decision failure(String reason) {
        log.warn("denying: {}", reason);
        lastFailure = reason;
        return Decision.unavailable("authorization service unavailable: " + reason + "; denied", policyVersion());
    }

    /** SARK's {@code metadata.policy_version} when it gives one. */
    private String version(JsonNode body) {
        JsonNode v = body == null ? null : body.path("metadata").get("policy_version");
        return v != null && v.isString() && !v.asString().isBlank() ? v.asString() : policyVersion();
    }

    private Map<String, String> headers(boolean post) {
        Map<String, String> h = new LinkedHashMap<>();
        if (settings.apiKey() != null) {
            h.put("Authorization", "Bearer " + settings.apiKey());
            h.put("X-Gateway-Api-Key", settings.apiKey());
        }
        if (post && settings.csrfToken() != null) h.put("X-CSRF-Token", settings.csrfToken());
        return h;
    }

    @Override
    public String policyVersion() { return "sark"; }

    @Override
    public String engine() { return "sark"; }
}
