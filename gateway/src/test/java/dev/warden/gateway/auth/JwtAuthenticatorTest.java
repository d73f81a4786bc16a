package dev.warden.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.warden.gateway.config.WardenConfig.JwtSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthenticatorTest {
    static final String SECRET = "an-hs256-secret-that-is-long-enough-for-tests";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    static JwtSettings hs() {
        return new JwtSettings(List.of("HS256"), SECRET, null, null, "warden", "gateway", Duration.ofSeconds(30));
    }

    static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject("alice").issuer("warden").audience("gateway")
                .expirationTime(Date.from(NOW.plusSeconds(600))).claim("email", "alice@example.com")
                .claim("roles", List.of("developer")).claim("teams", List.of("eng"));
    }

    static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    static String hsToken(JWTClaimsSet claims) throws Exception {
        return sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, null, claims);
    }

    /** A clock the test moves by setting {@code now}. */
    private static Clock movingClock(AtomicReference<Instant> now) {
        return new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
    }

    private static void refused(JwtAuthenticator auth, String token, String reason) {
        assertThatThrownBy(() -> auth.authenticate("Bearer " + token))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(token));
    }

    @Test
    void aValidTokenBecomesAnImmutablePrincipal() throws Exception {
        Principal p = new JwtAuthenticator(hs(), CLOCK).authenticate("Bearer " + hsToken(claims().build()));
        assertThat(p).isEqualTo(new Principal("alice", "alice@example.com", List.of("developer"), List.of("eng")));
        assertThatThrownBy(() -> p.roles().add("admin")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void expiryAndNotBeforeAreCheckedWithTheBoundedSkew() throws Exception {
        JwtAuthenticator auth = new JwtAuthenticator(hs(), CLOCK);
        refused(auth, hsToken(claims().expirationTime(Date.from(NOW.minusSeconds(31))).build()), "expired");
        assertThat(auth.authenticate("Bearer " + hsToken(claims().expirationTime(Date.from(NOW.minusSeconds(29)))
                .build())).subject()).isEqualTo("alice");
        refused(auth, hsToken(claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build()), "not valid yet");
        refused(auth, hsToken(claims().expirationTime(null).build()), "no expiry");
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock moving = movingClock(now);
        JwtAuthenticator auth = new JwtAuthenticator(hs(), moving);
        String token = hsToken(claims().expirationTime(Date.from(NOW.plusSeconds(60))).build());
        assertThat(auth.authenticate("Bearer " + token).subject()).isEqualTo("alice");
        assertThat(auth.authenticate("Bearer " + token).subject()).isEqualTo("alice"); // from the cache

        now.set(NOW.plusSeconds(60 + 31)); // past exp and the 30 s skew
        refused(auth, token, "expired");
    }

    @Test
    void aRememberedTokenIsNotValidYetBeforeItsNotBefore() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(NOW.plusSeconds(120));
        Clock moving = movingClock(now);
        JwtAuthenticator auth = new JwtAuthenticator(hs(), moving);
        String token = hsToken(claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build());
        assertThat(auth.authenticate("Bearer " + token).subject()).isEqualTo("alice");

        now.set(NOW); // a clock stepped back: the remembered token must not be honoured early
        refused(auth, token, "not valid yet");
    }

    @Test
    void wrongIssuerAudienceOrMissingSubjectAreRefused() throws Exception {
        JwtAuthenticator auth = new JwtAuthenticator(hs(), CLOCK);
        refused(auth, hsToken(claims().issuer("someone-else").build()), "issuer");
        refused(auth, hsToken(claims().audience("another-service").build()), "audience");
        refused(auth, hsToken(claims().subject(null).build()), "no subject");
    }

    @Test
    void aNumericSubjectOrATimeOutOfRangeIsRefusedNamingTheClaim() throws Exception {
        JwtAuthenticator auth = new JwtAuthenticator(hs(), CLOCK);
        refused(auth, hsToken(claims().subject(null).claim("sub", 12345).build()), "subject (sub) must be a string");
        refused(auth, hsToken(claims().expirationTime(null).claim("exp", 1e30).build()),
                "exp claim is not a valid time");
        refused(auth, hsToken(claims().claim("nbf", -5).build()), "nbf claim is not a valid time");
        refused(auth, hsToken(claims().claim("iat", "yesterday").build()), "iat claim is not a valid time");
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        String token = hsToken(claims().build());
        String[] parts = token.split("\\.");
        String forged = Base64URL.encode(claims().claim("roles", List.of("admin")).build().toString()).toString();
        refused(new JwtAuthenticator(hs(), CLOCK), parts[0] + "." + forged + "." + parts[2], "signature is invalid");
    }

    @Test
    void aTokenNamingAKeyIdIsVerifiedWithTheOneConfiguredSecretOrPemKey() throws Exception {
        MACSigner hmac = new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(new JwtAuthenticator(hs(), CLOCK).authenticate("Bearer " + sign(hmac, JWSAlgorithm.HS256,
                "key-2026", claims().build())).subject()).isEqualTo("alice");
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        JwtSettings rs = new JwtSettings(List.of("RS256"), null, writePem(rsa.toPublicKey()), null, "warden",
                "gateway", Duration.ofSeconds(30));
        assertThat(new JwtAuthenticator(rs, CLOCK).authenticate("Bearer " + sign(new RSASSASigner(rsa),
                JWSAlgorithm.RS256, "rsa-1", claims().build())).subject()).isEqualTo("alice");
        RSAKey other = new RSAKeyGenerator(2048).generate();
        refused(new JwtAuthenticator(rs, CLOCK), sign(new RSASSASigner(other), JWSAlgorithm.RS256, "rsa-1",
                claims().build()), "signature is invalid");
    }

    @Test
    void aTokenWithCriticalHeaderParametersIsRefusedNamingThem() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT)
                .customParam("exp-policy", "strict").criticalParams(java.util.Set.of("exp-policy")).build(),
                claims().build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        refused(new JwtAuthenticator(hs(), CLOCK), jwt.serialize(), "critical header parameters (crit)");
    }

    @Test
    void unsignedTokensAndMalformedHeadersAreRefused() {
        JwtAuthenticator auth = new JwtAuthenticator(hs(), CLOCK);
        refused(auth, new PlainJWT(claims().build()).serialize(), "alg none");
        refused(auth, "not-a-jwt", "not a well-formed JWT");
        assertThatThrownBy(() -> auth.authenticate("Basic dXNlcjpwYXNz")).hasMessageContaining("Bearer <token>");
        assertThatThrownBy(() -> auth.authenticate("Bearer a.b.c, Bearer d.e.f"))
                .hasMessageContaining("more than one credential");
        assertThatThrownBy(() -> auth.authenticate(null)).isInstanceOf(AuthenticationException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).credentialsPresent()).isFalse());
    }

    @Test
    void accessTokensTypedAtJwtAreAcceptedButOtherTypesAreNot() throws Exception {
        MACSigner signer = new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8));
        SignedJWT at = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .build(), claims().build());
        at.sign(signer);
        JwtAuthenticator auth = new JwtAuthenticator(hs(), CLOCK);
        assertThat(auth.authenticate("Bearer " + at.serialize()).subject()).isEqualTo("alice");
        SignedJWT logout = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                .type(new JOSEObjectType("logout+jwt")).build(), claims().build());
        logout.sign(signer);
        refused(auth, logout.serialize(), "token type");
    }

    @Test
    void anAlgorithmOutsideTheAllowListIsRefused() throws Exception {
        String hs512 = sign(new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS512,
                null, claims().build());
        refused(new JwtAuthenticator(hs(), CLOCK), hs512, "HS512 are not accepted");
    }

    @Test
    void anHsTokenSignedWithTheRsaPublicKeyIsRefused() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        Path pem = writePem(rsa.toPublicKey());
        JwtSettings rs = new JwtSettings(List.of("RS256"), null, pem, null, "warden", "gateway", Duration.ofSeconds(30));
        JwtAuthenticator auth = new JwtAuthenticator(rs, CLOCK);
        assertThat(auth.authenticate("Bearer " + sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, null,
                claims().build())).subject()).isEqualTo("alice");
        // The classic confusion attack: HMAC keyed with the public key's bytes.
        byte[] publicBytes = Files.readAllBytes(pem);
        refused(auth, sign(new MACSigner(publicBytes), JWSAlgorithm.HS256, null, claims().build()),
                "HS256 are not accepted");
    }

    @Test
    void es256WorksFromAPemPublicKey() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        JwtSettings es = new JwtSettings(List.of("ES256"), null, writePem(ec.toPublicKey()), null, null, null,
                Duration.ofSeconds(5));
        String token = sign(new ECDSASigner(ec), JWSAlgorithm.ES256, null, claims().build());
        assertThat(new JwtAuthenticator(es, CLOCK).authenticate("Bearer " + token).email())
                .isEqualTo("alice@example.com");
    }

    @Test
    void jwksKeysAreCachedRefreshedOnAnUnknownKidAndRefreshesAreRateLimited() throws Exception {
        RSAKey k1 = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey k2 = new RSAKeyGenerator(2048).keyID("k2").generate();
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(k1.toPublicJWK()));
        AtomicInteger fetches = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks.json", ex -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json");
            JwtSettings settings = new JwtSettings(List.of("RS256"), null, null, url, "warden", "gateway",
                    Duration.ofSeconds(30));
            // The JWKS cache and rate limit run on the real clock, while claims use the fixed one.
            JwtAuthenticator auth = new JwtAuthenticator(settings, CLOCK);
            String t1 = sign(new RSASSASigner(k1), JWSAlgorithm.RS256, "k1", claims().build());
            assertThat(auth.authenticate("Bearer " + t1).subject()).isEqualTo("alice");
            assertThat(auth.authenticate("Bearer " + t1).subject()).isEqualTo("alice");
            assertThat(fetches.get()).as("second token verified from the cache").isEqualTo(1);

            published.set(new JWKSet(List.of(k1.toPublicJWK(), k2.toPublicJWK())));
            String t2 = sign(new RSASSASigner(k2), JWSAlgorithm.RS256, "k2", claims().build());
            assertThat(auth.authenticate("Bearer " + t2).subject()).isEqualTo("alice");
            assertThat(fetches.get()).as("an unknown kid triggers one refresh").isEqualTo(2);

            RSAKey rogue = new RSAKeyGenerator(2048).keyID("rogue").generate();
            String t3 = sign(new RSASSASigner(rogue), JWSAlgorithm.RS256, "rogue", claims().build());
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> auth.authenticate("Bearer " + t3)).isInstanceOf(AuthenticationException.class);
            }
            assertThat(fetches.get()).as("made-up kids cannot make the gateway hammer the issuer").isLessThanOrEqualTo(3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void mintedTokensVerify() {
        String token = new TokenMinter(hs(), CLOCK).mint(new Principal("bob", null, List.of("admin"), List.of()),
                Duration.ofHours(1));
        Principal p = new JwtAuthenticator(hs(), CLOCK).authenticate("Bearer " + token);
        assertThat(p.subject()).isEqualTo("bob");
        assertThat(p.roles()).containsExactly("admin");
        assertThat(p.email()).isNull();
    }

    private Path writePem(PublicKey key) throws IOException {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        Path file = Files.createTempFile(dir, "key", ".pem");
        Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n");
        return file;
    }
}
