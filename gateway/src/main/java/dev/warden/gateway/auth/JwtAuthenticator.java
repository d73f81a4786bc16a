package dev.warden.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.warden.gateway.config.WardenConfig.JwtSettings;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an {@code Authorization: Bearer …} header into a {@link Principal}, or refuses it with a reason that is
 * safe to show the caller. Only the configured algorithms are accepted (never {@code none}); {@code exp} is
 * required; {@code exp}, {@code nbf}, {@code iss}, {@code aud} are checked with the configured clock skew.
 * Thread-safe.
 *
 * <p>Verified tokens are remembered (up to {@value #CACHE_SIZE}, each for at most {@value #CACHE_MINUTES}
 * minutes), so a client that sends the same token on every request pays for parsing and the signature once.
 * A remembered token is still refused as soon as it expires ({@code exp} and {@code nbf} are checked on every
 * request); the time bound means a key withdrawn from a JWKS stops being honoured within that time. Only
 * successful verifications are remembered.
 *
 * <pre>{@code
 * JwtAuthenticator auth = new JwtAuthenticator(config.jwt(), Clock.systemUTC());
 * Principal p = auth.authenticate(request.header("Authorization")); // throws AuthenticationException
 * }</pre>
 */
public final class JwtAuthenticator {
    private final JwtSettings settings;
    private final Clock clock;
    private final Set<JWSAlgorithm> algorithms;
    static final int CACHE_SIZE = 10_000;
    static final int CACHE_MINUTES = 5;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(CACHE_SIZE)
            .expireAfterWrite(Duration.ofMinutes(CACHE_MINUTES)).build();

    /** A token that passed every check, with the times that decide whether it still does. */
    private record Verified(Principal principal, Instant expires, Instant notBefore) {}

    public JwtAuthenticator(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.algorithms = settings.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
        processor.setJWSKeySelector(KeySources.selector(settings, algorithms));
        // Identity providers issue access tokens typed "at+jwt" (RFC 9068); plain "JWT" and no type are common too.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        processor.setJWTClaimsSetVerifier((claims, context) -> verifyClaims(claims));
    }

    public Principal authenticate(String authorizationHeader) {
        String token = bearerToken(authorizationHeader);
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            Instant now = clock.instant();
            Duration skew = settings.clockSkew();
            if (!now.minus(skew).isAfter(known.expires())
                    && (known.notBefore() == null || !now.plus(skew).isBefore(known.notBefore()))) {
                return known.principal();
            }
            verified.invalidate(token); // verify afresh, which names what is wrong now
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw invalid("the token is not a well-formed JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw invalid("unsigned tokens (alg none) are not accepted");
        }
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!algorithms.contains(alg)) {
            throw invalid("tokens signed with " + alg + " are not accepted; allowed: " + settings.algorithms());
        }
        if (signed.getHeader().getCriticalParams() != null && !signed.getHeader().getCriticalParams().isEmpty()) {
            // Refused either way (no extension is understood here); named, instead of as a bad signature.
            throw invalid("the token names critical header parameters (crit), which this gateway does not accept");
        }
        try {
            // Read as sent, before the library reads them: it turns a numeric sub into text and an exp past the
            // year 292 million into a date in the past.
            rawClaims(signed.getPayload().toJSONObject());
            JWTClaimsSet claims = processor.process(signed, null);
            Principal principal = principal(claims);
            Date nbf = claims.getNotBeforeTime();
            verified.put(token, new Verified(principal, claims.getExpirationTime().toInstant(),
                    nbf == null ? null : nbf.toInstant()));
            return principal;
        } catch (BadJWTException e) {
            throw invalid(e.getMessage()); // our own claim messages, below
        } catch (KeySourceException e) {
            throw invalid("the signing keys could not be fetched to verify the token");
        } catch (BadJOSEException e) {
            String m = String.valueOf(e.getMessage());
            throw invalid(m.contains("matching key") ? "no known key matches the token's key id"
                    : m.contains("typ") ? "the token type (typ header) is not accepted"
                    : "the token signature is invalid");
        } catch (JOSEException e) {
            throw invalid("the token signature could not be verified");
        }
    }

    /** The latest time a token's {@code exp}, {@code nbf} or {@code iat} may name: the end of the year 9999. */
    private static final long MAX_EPOCH_SECONDS = 253_402_300_799L;

    /**
     * Refuses claims whose JSON type the library would silently convert: {@code sub} must be a string (RFC 7519:
     * StringOrURI), and the times must be numbers of seconds within the years 0 to 9999.
     */
    private static void rawClaims(Map<String, Object> json) {
        if (json == null) throw invalid("the token's payload is not a JSON object");
        Object sub = json.get("sub");
        if (sub != null && !(sub instanceof String)) throw invalid("the token's subject (sub) must be a string");
        for (String time : List.of("exp", "nbf", "iat")) {
            Object v = json.get(time);
            if (v == null) continue;
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0
                    || n.doubleValue() > MAX_EPOCH_SECONDS) {
                throw invalid("the token's " + time + " claim is not a valid time (seconds since 1970, up to the "
                        + "year 9999)");
            }
        }
    }

    private static String bearerToken(String header) {
        if (header == null || header.isBlank()) {
            throw new AuthenticationException("missing bearer token: send 'Authorization: Bearer <token>'", false);
        }
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.substring(7).isBlank()) {
            throw invalid("the Authorization header must be 'Bearer <token>'");
        }
        String token = h.substring(7).strip();
        if (token.indexOf(',') >= 0) { // two Authorization headers arrive joined, as HTTP joins a field's lines
            throw invalid("more than one credential: send one Authorization header with one bearer token");
        }
        return token;
    }

    private void verifyClaims(JWTClaimsSet claims) throws BadJWTException {
        Instant now = clock.instant();
        Duration skew = settings.clockSkew();
        Date exp = claims.getExpirationTime();
        if (exp == null) throw new BadJWTException("the token has no expiry (exp)");
        if (now.minus(skew).isAfter(exp.toInstant())) throw new BadJWTException("the token has expired");
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
            throw new BadJWTException("the token is not valid yet (nbf)");
        }
        if (settings.issuer() != null && !settings.issuer().equals(claims.getIssuer())) {
            throw new BadJWTException("the token issuer (iss) is not the one this gateway trusts");
        }
        if (settings.audience() != null
                && (claims.getAudience() == null || !claims.getAudience().contains(settings.audience()))) {
            throw new BadJWTException("the token audience (aud) does not include this gateway");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new BadJWTException("the token has no subject (sub)");
        }
    }

    private static Principal principal(JWTClaimsSet claims) {
        try {
            return new Principal(claims.getSubject(), claims.getStringClaim("email"), strings(claims, "roles"),
                    strings(claims, "teams"));
        } catch (ParseException e) {
            throw invalid("the token's email claim must be a string");
        }
    }

    private static List<String> strings(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        if (v == null) return List.of();
        if (v instanceof String s) return List.of(s);
        if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid("the token's " + name + " claim must be a list of strings");
    }

    private static AuthenticationException invalid(String reason) {
        return new AuthenticationException(reason, true);
    }
}
