package dev.warden.gateway.sark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle's implementation) in the PHC string format that other tools read:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, with OWASP's recommended minimum cost (19 MiB, two
 * passes). Verification reads the cost from the stored string, so raising it later keeps old hashes valid.
 *
 * <pre>{@code
 * String stored = PasswordHasher.hash("correct horse".toCharArray());
 * boolean ok = PasswordHasher.verify(stored, "correct horse".toCharArray()); // true
 * }</pre>
 */
public final class PasswordHasher {
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{16,})");
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private PasswordHasher() {}

    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] out = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, 32);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** True when {@code password} matches; false for a wrong password or a string that is not such a hash. */
    public static boolean verify(String stored, char[] password) {
        Matcher m = stored == null ? null : PHC.matcher(stored);
        if (m == null || !m.matches()) return false;
        byte[] salt = B64D.decode(m.group(4));
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(password, salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** True when {@code text} has the shape of a hash this class writes (checked when loading the users file). */
    public static boolean looksLikeHash(String text) { return text != null && PHC.matcher(text).matches(); }

    private static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memoryKib)
                .withIterations(iterations).withParallelism(parallelism).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        byte[] utf8 = new String(password).getBytes(StandardCharsets.UTF_8);
        generator.generateBytes(utf8, out);
        java.util.Arrays.fill(utf8, (byte) 0);
        return out;
    }
}
