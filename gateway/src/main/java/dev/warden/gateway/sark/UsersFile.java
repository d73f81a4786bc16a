package dev.warden.gateway.sark;
import dev.warden.gateway.util.JacksonErrors;
import dev.warden.gateway.util.StrictYaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The login users of a small deployment, in a YAML file written by {@code warden user add}: {@code users: [{id,
 * email, password_hash, roles, teams}]}. Passwords are kept only as Argon2id hashes ({@link PasswordHasher}). The
 * file is read at each login, so added users can log in without a restart.
 *
 * <pre>{@code
 * UsersFile users = new UsersFile(Path.of("data/users.yaml"));
 * users.add(new UsersFile.User("alice", "alice@example.com", PasswordHasher.hash(pw), List.of("developer"), List.of()));
 * Optional<UsersFile.User> alice = users.byEmail("Alice@Example.com");
 * }</pre>
 */
public final class UsersFile {
    private static final YAMLMapper YAML = StrictYaml.MAPPER;

    private final Path file;

    public UsersFile(Path file) { this.file = file; }

    /** One login user. Emails compare case-insensitively. */
    public record User(String id, String email, String passwordHash, List<String> roles, List<String> teams) {
        public User {
            roles = List.copyOf(roles);
            teams = List.copyOf(teams);
        }
    }

    public Path file() { return file; }

    public Optional<User> byEmail(String email) {
        if (email == null) return Optional.empty();
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        return all().stream().filter(u -> u.email().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** Every user; an absent file is no users. Throws {@link IllegalStateException} naming a malformed entry. */
    public List<User> all() {
        if (!Files.isRegularFile(file)) return List.of();
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new IllegalStateException(file + ": not valid YAML: " + JacksonErrors.describe(e));
        }
        List<User> out = new ArrayList<>();
        JsonNode users = root == null ? null : root.get("users");
        if (users == null || users.isNull()) return out;
        if (!users.isArray()) throw new IllegalStateException(file + ": 'users' must be a list");
        int i = 0;
        for (JsonNode u : users) {
            String where = file + ": users[" + i++ + "]";
            String email = u.path("email").asString(null);
            String hash = u.path("password_hash").asString(null);
            if (email == null || email.isBlank()) throw new IllegalStateException(where + ".email is required");
            if (!PasswordHasher.looksLikeHash(hash)) {
                throw new IllegalStateException(where + ".password_hash must be an Argon2id hash written by "
                        + "`warden user add` (plain-text passwords are not accepted)");
            }
            out.add(new User(u.path("id").asString(email), email, hash, strings(u.get("roles")),
                    strings(u.get("teams"))));
        }
        return out;
    }

    /** Adds a user, or replaces the one with the same email; written atomically, readable by the owner only. */
    public synchronized void add(User user) {
        List<User> users = new ArrayList<>(all());
        users.removeIf(u -> u.email().equalsIgnoreCase(user.email()));
        users.add(user);
        ObjectNode root = YAML.createObjectNode();
        ArrayNode list = root.putArray("users");
        for (User u : users) {
            ObjectNode n = list.addObject();
            n.put("id", u.id());
            n.put("email", u.email());
            n.put("password_hash", u.passwordHash());
            u.roles().forEach(n.putArray("roles")::add);
            u.teams().forEach(n.putArray("teams")::add);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".users", ".yaml");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.writeString(tmp, YAML.writeValueAsString(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) node.forEach(v -> out.add(v.asString()));
        return out;
    }
}
