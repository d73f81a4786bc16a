package dev.warden.gateway.sark;

import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.authz.DataApiEngine;
import dev.warden.gateway.http.ApiException;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.ErrorCode;
import dev.warden.gateway.http.JsonBodies;
import dev.warden.rego.RegoException;
import dev.warden.gateway.util.JacksonErrors;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OPA's data API over the embedded engine, so that tools written for an OPA sidecar can ask Warden: {@code POST
 * /v1/data/{path}} with {@code {"input": ...}} and {@code GET /v1/data/{path}?input=<json>}, answering {@code
 * {"result": ...}} or {@code {}} when the document is undefined, as OPA does. Same switch and authentication as
 * the SARK API; only service-role callers may ask, since the input is whatever the caller claims.
 */
final class OpaDataApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiServices services;
    private final Subjects subjects;
    private final Supplier<DataApiEngine> engine;

    OpaDataApi(ApiServices services, Subjects subjects, Supplier<DataApiEngine> engine) {
        this.services = services;
        this.subjects = subjects;
        this.engine = engine;
    }

    void post(Context ctx) {
        ObjectNode body = ctx.req().getContentLengthLong() == 0 ? JSON.createObjectNode()
                : JsonBodies.object(ctx, services.config().gateway().maxBodyBytes(), Set.of("input"));
        answer(ctx, body.get("input"));
    }

    void get(Context ctx) {
        String input = ctx.queryParam("input");
        JsonNode parsed = null;
        if (input != null) {
            try {
                parsed = JSON.readTree(input);
            } catch (JacksonException e) {
                throw ApiException.invalid("input", "not valid JSON: " + JacksonErrors.describe(e));
            }
        }
        answer(ctx, parsed);
    }

    private void answer(Context ctx, JsonNode input) {
        List<String> path = path(ctx);
        Principal caller = subjects.caller(ctx, "opa:data:read", null, String.join("/", path), null);
        if (!subjects.isService(caller)) {
            throw Subjects.forbidden("the data API needs the '" + services.config().authz().serviceRole()
                    + "' role (sark_api.service_role) or a gateway API key");
        }
        DataApiEngine data = engine.get();
        if (data == null) {
            throw new ApiException(ErrorCode.GATEWAY_NOT_ENABLED, "the data API needs authz.engine: embedded");
        }
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            data.evaluate(path, input).ifPresent(v -> out.put("result", v));
            ctx.json(out);
        } catch (RegoException e) {
            throw new ApiException(ErrorCode.POLICY_EVALUATION_ERROR, "policy evaluation failed: " + e.getMessage(),
                    Map.of("rego_code", e.code()));
        }
    }

    private static List<String> path(Context ctx) {
        String raw = ctx.path().substring("/v1/data".length());
        List<String> path = Arrays.stream(raw.split("/")).filter(s -> !s.isEmpty()).toList();
        if (!DataApiEngine.validPath(path)) {
            throw ApiException.invalid("path", "each segment of the data path must be an identifier "
                    + "([A-Za-z_][A-Za-z0-9_]*), got '" + raw + "'");
        }
        return path;
    }
}
