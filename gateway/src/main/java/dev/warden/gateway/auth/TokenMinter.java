package dev.warden.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.gateway.config.WardenConfig.JwtSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Mints HS-signed tokens with the configured secret, for development and tests ({@code warden token}).
 *
 * <pre>{@code
 * String jwt = new TokenMinter(config.jwt(), Clock.systemUTC())
 *         .mint(new Principal("alice", "alice@example.com", List.of("developer"), List.of()), Duration.ofHours(1));
 * }</pre>
 */
public final class TokenMinter {
    private final JwtSettings settings;
    private final Clock clock;

    public TokenMinter(JwtSettings settings, Clock clock) {
        if (settings.secret() == null) {
            throw new IllegalStateException("minting needs an HS secret (jwt.secret / JWT_SECRET_KEY); this "
                    + "configuration verifies tokens with a public key, so mint them at your identity provider");
        }
        this.settings = settings;
        this.clock = clock;
    }

    public String mint(Principal who, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(who.subject())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", who.roles())
                .claim("teams", who.teams());
        if (who.email() != null) claims.claim("email", who.email());
        if (settings.issuer() != null) claims.issuer(settings.issuer());
        if (settings.audience() != null) claims.audience(settings.audience());
        JWSAlgorithm alg = JWSAlgorithm.parse(settings.algorithms().get(0));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new MACSigner(settings.secret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with " + alg + ": " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
