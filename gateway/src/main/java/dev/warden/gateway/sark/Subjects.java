package dev.warden.gateway.sark;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.http.ApiException;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.Caller;
import dev.warden.gateway.http.ErrorCode;
import dev.warden.gateway.http.JsonBodies;
import dev.warden.gateway.http.RestApi;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whom a SARK API question is about. The caller authenticates with a JWT; a token holding the service role
 * ({@code sark_api.service_role}, default {@code admin}) is a gateway and may ask about any user it names, while
 * any other token is asked about itself only, whatever the body says, so that nobody probes another user's
 * permissions.
 */
final class Subjects {
    private final ApiServices services;
    private final Caller caller;
    private final ApiKeys apiKeys;
    private final UsersFile users;

    Subjects(ApiServices services) {
        this.services = services;
        this.caller = new Caller(services);
        this.apiKeys = new ApiKeys(services.config().authz().apiKeysDb(), services.clock());
        this.users = new UsersFile(services.config().authz().usersFile());
    }

    /**
     * The authenticated caller (401, audited, when the credentials are refused): a gateway API key (as bearer
     * token or {@code X-Gateway-Api-Key}), which acts with the service role, or else a JWT.
     */
    Principal caller(Context ctx, String action, String server, String tool, JsonNode parameters) {
        String auth = ctx.header("Authorization");
        String bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        String header = ctx.header("X-Gateway-Api-Key");
        String key = bearer != null && bearer.startsWith(ApiKeys.PREFIX) ? bearer
                : header != null && header.strip().startsWith(ApiKeys.PREFIX) ? header.strip() : null;
        if (key == null) return caller.authenticate(ctx, action, server, tool, parameters);
        // Two keys (two headers, or two Authorization lines joined with a comma): which one was meant?
        String why = key.indexOf(',') >= 0 || java.util.Collections.list(ctx.req().getHeaders("X-Gateway-Api-Key"))
                .size() > 1 ? "more than one credential: send one API key, in one header" : null;
        ApiKeys.Key found = why != null ? null : apiKeys.verify(key).orElse(null);
        if (found == null) {
            if (why == null) {
                why = ApiKeys.looksLikeKey(key) ? "unknown or revoked API key"
                        : "malformed API key: expected sark_gw_ followed by 32 hex characters";
            }
            services.audit().record(AuditEvent.builder(AuditEvent.Type.AUTHENTICATION, RestApi.requestId(ctx))
                    .target(action, server, tool).parameters(parameters).decision("deny", why, null),
                    RestApi.startNanos(ctx));
            throw new ApiException(ErrorCode.UNAUTHORIZED, why);
        }
        return new Principal("apikey:" + found.name(), null, List.of(services.config().authz().serviceRole()),
                List.of());
    }

    boolean isService(Principal who) { return who.hasRole(services.config().authz().serviceRole()); }

    /**
     * The body's {@code user} for a service caller (required then: a gateway that left it out was decided as
     * itself, with the service role, until 26 Nov); the caller itself for anyone else.
     */
    Principal about(Principal who, ObjectNode body) {
        if (!isService(who)) return who;
        JsonNode user = body.get("user");
        if (user == null || user.isNull()) {
            throw ApiException.invalid("user", "required: a service caller names the user it asks about");
        }
        if (!(user instanceof ObjectNode u)) throw ApiException.invalid("user", "must be an object, got "
                + JsonBodies.kind(user));
        String id = text(u, "id", true);
        return new Principal(id, text(u, "email", false), strings(u, "roles"), strings(u, "teams"));
    }

    /**
     * A user named only by id ({@code ?user_id=}): a service caller's choice, else the caller itself. Its email,
     * roles and teams come from the login users file ({@code sark_api.users_file}) when the id is there; otherwise
     * the policy sees a user with no roles (until 26 Nov every named user had none, so a developer's servers were
     * listed as none).
     */
    Principal aboutId(Principal who, String userId) {
        if (userId == null || userId.isBlank() || !isService(who) || userId.equals(who.subject())) return who;
        try {
            for (UsersFile.User u : users.all()) {
                if (u.id().equals(userId)) return new Principal(u.id(), u.email(), u.roles(), u.teams());
            }
        } catch (IllegalStateException e) {
            throw new ApiException(ErrorCode.GATEWAY_NOT_ENABLED, "the users file is invalid, so the roles of user '"
                    + userId + "' cannot be read");
        }
        return new Principal(userId, null, List.of(), List.of());
    }

    private static String text(ObjectNode u, String field, boolean required) {
        JsonNode v = u.get(field);
        if (v == null || v.isNull()) {
            if (required) throw ApiException.invalid("user." + field, "required");
            return null;
        }
        if (!v.isString() || v.asString().isBlank()) {
            throw ApiException.invalid("user." + field, "must be a non-empty string, got " + JsonBodies.kind(v));
        }
        return v.asString();
    }

    private static List<String> strings(ObjectNode u, String field) {
        JsonNode v = u.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (!v.isArray()) throw ApiException.invalid("user." + field, "must be an array of strings");
        for (JsonNode item : v) {
            if (!item.isString()) throw ApiException.invalid("user." + field, "must be an array of strings");
            out.add(item.asString());
        }
        return out;
    }

    static ApiException forbidden(String message) { return new ApiException(ErrorCode.FORBIDDEN, message); }
}
