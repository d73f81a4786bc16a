package dev.warden.gateway.config;

import dev.warden.gateway.config.WardenConfig.JwtSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads and checks the {@code jwt:} section: algorithms, exactly one fitting key source, skew bound. */
final class JwtReader {
    static final Set<String> HMAC = Set.of("HS256", "HS384", "HS512");
    static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512");
    static final int MIN_SECRET_LENGTH = 32;
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    static final String DEFAULT_ISSUER = "warden";
    static final String DEFAULT_AUDIENCE = "warden-gateway";
    private static final String SECRET_FIX = "set JWT_SECRET_KEY (or jwt.secret) to a random string of at least "
            + MIN_SECRET_LENGTH + " characters, e.g. the output of `openssl rand -base64 48`";

    private final Fields f;
    private final Path workDir;
    private final boolean development;

    JwtReader(Fields f, Path workDir, boolean development) {
        this.f = f;
        this.workDir = workDir;
        this.development = development;
    }

    JwtSettings read() {
        f.allowOnly(Set.of("algorithms", "secret", "public_key_file", "jwks_url", "issuer", "audience",
                "clock_skew", "dev_secret_file"));
        List<String> algorithms = algorithms();
        boolean hmac = algorithms.stream().anyMatch(HMAC::contains);
        boolean asymmetric = algorithms.stream().anyMatch(ASYMMETRIC::contains);
        if (hmac && asymmetric) {
            f.problem("algorithms", "mixes HMAC (HS*) with RS*/ES* algorithms, which opens the door to "
                    + "algorithm-confusion attacks; allow one family only");
        }
        String secret = hmac ? secret() : null;
        Path keyFile = null;
        URI jwks = null;
        if (asymmetric) {
            String file = f.string("public_key_file", null);
            String url = f.string("jwks_url", null);
            if ((file == null) == (url == null)) {
                f.problem("public_key_file", "RS*/ES* algorithms need exactly one of jwt.public_key_file (a PEM "
                        + "public key) or jwt.jwks_url");
            } else if (file != null) {
                keyFile = workDir.resolve(file);
                if (!Files.isRegularFile(keyFile)) {
                    f.problem("public_key_file", "file " + keyFile + " does not exist; point it at a PEM public key");
                }
            } else {
                jwks = ConfigLoader.httpUri(f, "jwks_url", url, "jwt.jwks_url");
            }
        }
        Duration skew = f.duration("clock_skew", Duration.ofSeconds(30));
        if (skew.compareTo(MAX_SKEW) > 0) {
            f.problem("clock_skew", "must be at most " + MAX_SKEW.toMinutes() + "m; a larger skew keeps expired "
                    + "tokens alive");
            skew = MAX_SKEW;
        }
        // iss and aud are always checked: a token minted for another service must not work here.
        return new JwtSettings(algorithms, secret, keyFile, jwks, f.string("issuer", DEFAULT_ISSUER),
                f.string("audience", DEFAULT_AUDIENCE), skew);
    }

    private List<String> algorithms() {
        List<String> algorithms = f.strings("algorithms", List.of("HS256")).stream()
                .map(a -> a.toUpperCase(Locale.ROOT)).distinct().toList();
        if (algorithms.isEmpty()) {
            f.problem("algorithms", "must list at least one algorithm (JWT_ALGORITHM), e.g. HS256");
            return List.of("HS256");
        }
        for (String a : algorithms) {
            if (a.equals("NONE")) {
                f.problem("algorithms", "'none' is never accepted: unsigned tokens prove nothing; use HS256, "
                        + "RS256 or ES256");
            } else if (!HMAC.contains(a) && !ASYMMETRIC.contains(a)) {
                f.problem("algorithms", "unknown algorithm '" + a + "' (JWT_ALGORITHM); use one of HS256, HS384, "
                        + "HS512, RS256, RS384, RS512, ES256, ES384, ES512");
            }
        }
        return algorithms;
    }

    private String secret() {
        String secret = f.string("secret", null);
        if (secret == null && development) {
            String devFile = f.string("dev_secret_file", null);
            if (devFile != null) return DevSecret.loadOrCreate(workDir.resolve(devFile));
        }
        if (secret == null) {
            f.problem("secret", "not set; " + SECRET_FIX);
        } else if (isPlaceholder(secret)) {
            f.problem("secret", "is still the placeholder from the example; " + SECRET_FIX);
        } else if (secret.length() < MIN_SECRET_LENGTH) {
            f.problem("secret", "is " + secret.length() + " characters, shorter than " + MIN_SECRET_LENGTH + "; "
                    + SECRET_FIX);
        }
        return secret;
    }

    static boolean isPlaceholder(String secret) {
        String s = secret.toLowerCase(Locale.ROOT);
        return s.startsWith("<") || s.startsWith("${") || s.contains("your-secret") || s.contains("your_secret")
                || s.contains("change-me") || s.contains("changeme") || s.contains("change_me")
                || s.contains("replace-me") || s.contains("placeholder") || s.contains("example-secret");
    }
}
