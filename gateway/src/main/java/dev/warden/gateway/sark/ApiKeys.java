package dev.warden.gateway.sark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gateway API keys ({@code sark_gw_} followed by 32 hex characters) in SQLite. Only a SHA-256 hash of each key is
 * stored, so the database never holds a usable key; the key itself is shown once, at creation. Every operation
 * opens its own connection, so that a key revoked from the command line is refused by a running server at once.
 *
 * <pre>{@code
 * ApiKeys keys = new ApiKeys(Path.of("data/api-keys.db"), Clock.systemUTC());
 * ApiKeys.Created created = keys.create("edge-gateway");   // created.key() is shown to the operator once
 * keys.verify(created.key());                               // Optional[Key[id=..., name=edge-gateway, ...]]
 * keys.revoke(created.id());
 * }</pre>
 */
public final class ApiKeys {
    public static final String PREFIX = "sark_gw_";
    private static final Pattern FORMAT = Pattern.compile("sark_gw_[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Clock clock;

    public ApiKeys(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** A stored key, without its secret. */
    public record Key(String id, String name, Instant createdAt, Instant revokedAt) {
        public boolean active() { return revokedAt == null; }
    }

    /** A new key: the only time its secret is available. */
    public record Created(String id, String name, String key) {}

    /** True when {@code text} has the shape of a gateway API key (it may still be unknown or revoked). */
    public static boolean looksLikeKey(String text) { return text != null && FORMAT.matcher(text).matches(); }

    public Created create(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an API key needs a name, e.g. --name edge-gateway");
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        String key = PREFIX + HexFormat.of().formatHex(secret);
        byte[] idBytes = new byte[4];
        RANDOM.nextBytes(idBytes);
        String id = "key_" + HexFormat.of().formatHex(idBytes);
        run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (?,?,?,?)")) {
                s.setString(1, id);
                s.setString(2, name.strip());
                s.setString(3, hash(key));
                s.setString(4, clock.instant().toString());
                s.executeUpdate();
            }
            return null;
        });
        return new Created(id, name.strip(), key);
    }

    /** The active key matching {@code presented}, if any. */
    public Optional<Key> verify(String presented) {
        if (!looksLikeKey(presented)) return Optional.empty();
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, name, created_at, revoked_at FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
                s.setString(1, hash(presented));
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(key(rs)) : Optional.<Key>empty();
                }
            }
        });
    }

    public List<Key> list() {
        return run(c -> {
            List<Key> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY created_at, id")) {
                while (rs.next()) out.add(key(rs));
            }
            return out;
        });
    }

    /** Revokes the key with this id (or name); false when there is no such active key. */
    public boolean revoke(String idOrName) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE api_keys SET revoked_at = ? WHERE (id = ? OR name = ?) AND revoked_at IS NULL")) {
                s.setString(1, clock.instant().toString());
                s.setString(2, idOrName);
                s.setString(3, idOrName);
                return s.executeUpdate() > 0;
            }
        });
    }

    private static Key key(ResultSet rs) throws SQLException {
        String revoked = rs.getString(4);
        return new Key(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3)),
                revoked == null ? null : Instant.parse(revoked));
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T run(Work<T> work) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout=5000");
                    s.execute("CREATE TABLE IF NOT EXISTS api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                            + "key_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)");
                }
                return work.apply(c);
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot use the API key database " + file + " (" + e.getMessage()
                    + "); check sark_api.api_keys_db", e);
        }
    }
}
