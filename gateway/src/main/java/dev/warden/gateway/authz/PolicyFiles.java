package dev.warden.gateway.authz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The policy directory as loaded: Rego modules ({@code *_test.rego} left out: tests are for {@code warden policy
 * test}), base data from {@code data.json} files placed at their directory's path (as {@code opa run} does), and a
 * version that is a hash of all of it, so audit records say exactly which policy decided.
 */
record PolicyFiles(Map<String, String> modules, ObjectNode data, String version) {

    static PolicyFiles read(Path dir) {
        JsonMapper mapper = JsonMapper.builder().build();
        Map<String, String> modules = new LinkedHashMap<>();
        ObjectNode data = mapper.createObjectNode();
        MessageDigest digest = sha256();
        for (Path file : files(dir)) {
            String rel = dir.relativize(file).toString().replace('\\', '/');
            String name = file.getFileName().toString();
            boolean module = name.endsWith(".rego") && !name.endsWith("_test.rego");
            if (!module && !name.equals("data.json")) continue;
            String text = readString(file);
            digest.update(rel.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            if (module) {
                modules.put(file.toString(), text);
            } else {
                placeData(data, dir.relativize(file).getParent(), parseJson(mapper, file, text));
            }
        }
        if (modules.isEmpty()) {
            throw new PolicyLoadException("no .rego files in " + dir + "; put the policy (package mcp.gateway) there "
                    + "or point policy.dir at the shipped policies/ directory");
        }
        return new PolicyFiles(modules, data, HexFormat.of().formatHex(digest.digest()).substring(0, 12));
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new PolicyLoadException("cannot read the policy directory " + dir + ": " + e.getMessage());
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new PolicyLoadException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static JsonNode parseJson(JsonMapper mapper, Path file, String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (!node.isObject()) throw new PolicyLoadException(file + ": data files must hold a JSON object");
            return node;
        } catch (JacksonException e) {
            throw new PolicyLoadException(file + ": not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void placeData(ObjectNode root, Path relDir, JsonNode content) {
        ObjectNode target = root;
        if (relDir != null) {
            for (Path segment : relDir) {
                JsonNode child = target.get(segment.toString());
                target = child instanceof ObjectNode o ? o : target.putObject(segment.toString());
            }
        }
        target.setAll((ObjectNode) content);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
