package dev.warden.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import dev.warden.gateway.config.ConfigException;
import dev.warden.gateway.config.WardenConfig.JwtSettings;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/** Where verification keys come from: an HS secret, a PEM public key file, or a JWKS URL. */
final class KeySources {
    /** How long a fetched JWKS is trusted before it is fetched again. */
    static final Duration JWKS_TTL = Duration.ofMinutes(5);
    /** At most two fetches per interval, so a stream of tokens with made-up {@code kid}s cannot flood the issuer. */
    static final Duration JWKS_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private KeySources() {}

    /**
     * How a token's verification key is chosen. A configured secret or PEM key is the only key there is, so it is
     * used whatever key id ({@code kid}) the token names: some identity providers add one to tokens they sign with
     * a single HS secret, and those tokens were refused with "no known key matches the token's key id". Keys from
     * a JWKS are chosen by key id and algorithm.
     */
    static JWSKeySelector<SecurityContext> selector(JwtSettings jwt, Set<JWSAlgorithm> algorithms) {
        if (jwt.secret() != null) {
            return only(algorithms, JWSAlgorithm.Family.HMAC_SHA,
                    new SecretKeySpec(jwt.secret().getBytes(StandardCharsets.UTF_8), "HMAC"));
        }
        if (jwt.publicKeyFile() != null) {
            JWK jwk = pemKey(jwt.publicKeyFile());
            try {
                return jwk instanceof RSAKey rsa ? only(algorithms, JWSAlgorithm.Family.RSA, rsa.toRSAPublicKey())
                        : only(algorithms, JWSAlgorithm.Family.EC, ((ECKey) jwk).toECPublicKey());
            } catch (JOSEException e) {
                throw new ConfigException("jwt.public_key_file: cannot use the key in " + jwt.publicKeyFile());
            }
        }
        return new JWSVerificationKeySelector<>(algorithms, jwks(jwt));
    }

    private static JWSKeySelector<SecurityContext> only(Set<JWSAlgorithm> algorithms, Set<JWSAlgorithm> family,
                                                        Key key) {
        return (header, context) -> algorithms.contains(header.getAlgorithm())
                && family.contains(header.getAlgorithm()) ? List.of(key) : List.of();
    }

    /** The issuer's key set, fetched, cached and refreshed on an unknown key id (rate-limited). */
    private static JWKSource<SecurityContext> jwks(JwtSettings jwt) {
        if (jwt.jwksUrl() == null) {
            throw new ConfigException("jwt: no key source; set jwt.secret, jwt.public_key_file or jwt.jwks_url");
        }
        try {
            return JWKSourceBuilder.<SecurityContext>create(jwt.jwksUrl().toURL())
                    .cache(JWKS_TTL.toMillis(), Duration.ofSeconds(15).toMillis())
                    .rateLimited(JWKS_MIN_REFRESH_INTERVAL.toMillis())
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new ConfigException("jwt.jwks_url: not a valid URL");
        }
    }

    /** Reads an X.509 {@code PUBLIC KEY} PEM holding an RSA or EC key. */
    static JWK pemKey(Path file) {
        try {
            String pem = Files.readString(file);
            int begin = pem.indexOf("-----BEGIN PUBLIC KEY-----");
            int end = pem.indexOf("-----END PUBLIC KEY-----");
            if (begin < 0 || end < begin) {
                throw new ConfigException("jwt.public_key_file: " + file + " holds no '-----BEGIN PUBLIC KEY-----' "
                        + "block; export the key with `openssl pkey -pubout`");
            }
            String body = pem.substring(begin + 26, end).replaceAll("\\s", "");
            X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(body));
            PublicKey key = decode(spec);
            if (key instanceof RSAPublicKey rsa) return new RSAKey.Builder(rsa).build();
            ECPublicKey ec = (ECPublicKey) key;
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("jwt.public_key_file: cannot read a public key from " + file);
        }
    }

    private static PublicKey decode(X509EncodedKeySpec spec) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (GeneralSecurityException ignored) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException("neither an RSA nor an EC public key");
    }
}
