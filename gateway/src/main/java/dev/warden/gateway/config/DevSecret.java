package dev.warden.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development-only HS secret: generated at first start and kept in a file, so that tokens minted with
 * {@code warden token} keep working across restarts. Never used outside {@code environment: development}.
 */
final class DevSecret {
    private static final Logger log = LoggerFactory.getLogger(DevSecret.class);

    private DevSecret() {}

    static String loadOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                String existing = Files.readString(file).strip();
                if (existing.length() >= JwtReader.MIN_SECRET_LENGTH) {
                    log.warn("using the development JWT secret from {}: for development only, set JWT_SECRET_KEY "
                            + "in production", file);
                    return existing;
                }
            }
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, secret + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the file keeps its default permissions
            }
            log.warn("generated a development JWT secret in {}: for development only, set JWT_SECRET_KEY in "
                    + "production", file);
            return secret;
        } catch (IOException e) {
            throw new ConfigException("jwt.dev_secret_file: cannot read or create " + file + " (" + e.getMessage()
                    + "); make its directory writable or set JWT_SECRET_KEY");
        }
    }
}
