package dev.warden.gateway.sark;

import dev.warden.gateway.audit.AuditEvent;
import dev.warden.gateway.auth.Principal;
import dev.warden.gateway.auth.TokenMinter;
import dev.warden.gateway.http.ApiException;
import dev.warden.gateway.http.ApiServices;
import dev.warden.gateway.http.ErrorCode;
import dev.warden.gateway.http.JsonBodies;
import dev.warden.gateway.http.RestApi;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/auth/login {email, password}} → {@code {access_token, token_type: "Bearer", expires_in:
 * 3600}}, for small deployments without an identity provider: users come from {@code sark_api.users_file}
 * (Argon2id hashes), tokens are signed with the configured HS key. Attempts are rate-limited per address and
 * failures per account (429 with {@code retry_after} and {@code X-RateLimit-*} headers); every outcome is audited
 * with the email and never the password. Off with {@code sark_api.login: false}.
 */
final class LoginEndpoint {
    static final Duration TOKEN_TTL = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(LoginEndpoint.class);
    /**
     * Verified against when the email is unknown, so that both failures take the same time; made at first use
     * (an Argon2id hash costs tens of milliseconds, which startup should not pay).
     */
    private static final class Decoy {
        static final String HASH = PasswordHasher.hash("decoy-password".toCharArray());
    }

    private final ApiServices services;
    private final UsersFile users;
    private final LoginLimiter limiter;

    LoginEndpoint(ApiServices services) {
        this.services = services;
        this.users = new UsersFile(services.config().authz().usersFile());
        this.limiter = new LoginLimiter(services.clock());
    }

    void handle(Context ctx) {
        ObjectNode body = JsonBodies.object(ctx, services.config().gateway().maxBodyBytes(), Set.of("email", "password"));
        String email = JsonBodies.requiredString(body, "email").strip();
        char[] password = JsonBodies.requiredString(body, "password").toCharArray();
        String address = ctx.ip();

        LoginLimiter.Refusal refusal = limiter.attempt(address, email);
        if (refusal != null) {
            Instant now = services.clock().instant();
            long retry = refusal.retryAfterSeconds(now);
            ctx.header("Retry-After", Long.toString(retry));
            ctx.header("X-RateLimit-Limit", Integer.toString(refusal.limit()));
            ctx.header("X-RateLimit-Remaining", "0");
            ctx.header("X-RateLimit-Reset", Long.toString(refusal.reset().getEpochSecond()));
            record(ctx, email, "deny", "login rate limit: " + refusal.message());
            throw new ApiException(ErrorCode.RATE_LIMIT_EXCEEDED, refusal.message(), Map.of("retry_after", retry));
        }
        ctx.header("X-RateLimit-Limit", Integer.toString(LoginLimiter.PER_ADDRESS));
        ctx.header("X-RateLimit-Remaining", Integer.toString(limiter.remaining(address)));
        ctx.header("X-RateLimit-Reset", Long.toString(limiter.reset(address).getEpochSecond()));

        UsersFile.User user;
        boolean ok = false;
        boolean checked = false; // a users file that cannot be read is no failed login
        try {
            try {
                user = users.byEmail(email).orElse(null);
            } catch (IllegalStateException e) {
                log.error("login refused: the users file is unusable: {}", e.getMessage());
                throw new ApiException(ErrorCode.GATEWAY_NOT_ENABLED,
                        "login is unavailable: the users file is invalid");
            }
            ok = PasswordHasher.verify(user == null ? Decoy.HASH : user.passwordHash(), password) && user != null;
            checked = true;
        } finally {
            Arrays.fill(password, '\0');
            limiter.finished(email, checked && !ok);
        }
        if (!ok) {
            log.warn("failed login for {} from {}", email, address);
            record(ctx, email, "deny", "login failed: invalid email or password");
            throw new ApiException(ErrorCode.UNAUTHORIZED, "invalid email or password");
        }
        TokenMinter minter;
        try {
            minter = new TokenMinter(services.config().jwt(), services.clock());
        } catch (IllegalStateException e) {
            throw new ApiException(ErrorCode.GATEWAY_NOT_ENABLED, "login needs an HS signing secret (jwt.secret); "
                    + "with public-key verification, tokens come from your identity provider");
        }
        Principal who = new Principal(user.id(), user.email(), user.roles(), user.teams());
        String token = minter.mint(who, TOKEN_TTL);
        record(ctx, email, "allow", "login");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token);
        out.put("token_type", "Bearer");
        out.put("expires_in", TOKEN_TTL.toSeconds());
        ctx.json(out);
    }

    private void record(Context ctx, String email, String decision, String reason) {
        services.audit().record(AuditEvent.builder(AuditEvent.Type.AUTHENTICATION, RestApi.requestId(ctx))
                .principal(new Principal(email, email, List.of(), List.of()))
                .target("auth:login", null, null).decision(decision, reason, null), RestApi.startNanos(ctx));
    }
}
