package dev.warden.demo.code;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Repositories, issues and pull requests of the demo code host: a read-only data set shipped in the jar, plus the
 * issues created through {@code create_issue}, kept in {@code created_issues.json} under the data directory so
 * that they survive a restart.
 */
final class CodeStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, List<Map<String, Object>>>> DATASET = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> ISSUES = new TypeReference<>() {};

    private final List<Map<String, Object>> repositories;
    private final List<Map<String, Object>> pullRequests;
    private final List<Map<String, Object>> shippedIssues;
    private final List<Map<String, Object>> createdIssues;
    private final Path createdFile;
    private final Clock clock;

    private CodeStore(Map<String, List<Map<String, Object>>> dataset, List<Map<String, Object>> created,
                      Path createdFile, Clock clock) {
        this.repositories = dataset.get("repositories");
        this.pullRequests = dataset.get("pull_requests");
        this.shippedIssues = dataset.get("issues");
        this.createdIssues = new ArrayList<>(created);
        this.createdFile = createdFile;
        this.clock = clock;
    }

    /** Loads the shipped data set and the issues created earlier under {@code dataDir}. */
    static CodeStore open(Path dataDir, Clock clock) {
        try (InputStream in = CodeStore.class.getResourceAsStream("dataset.json")) {
            Objects.requireNonNull(in, "dataset.json missing from the jar");
            Map<String, List<Map<String, Object>>> dataset = JSON.readValue(in, DATASET);
            Files.createDirectories(dataDir);
            Path createdFile = dataDir.resolve("created_issues.json");
            List<Map<String, Object>> created = Files.exists(createdFile)
                    ? JSON.readValue(createdFile.toFile(), ISSUES) : List.of();
            return new CodeStore(dataset, created, createdFile, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the code data set under " + dataDir, e);
        }
    }

    synchronized Optional<Map<String, Object>> repository(String fullName) {
        return repositories.stream().filter(r -> fullName.equals(r.get("full_name"))).findFirst();
    }

    /** Issues of a repository with {@code state} (open, closed or all) and, if given, the label. */
    synchronized List<Map<String, Object>> issues(String fullName, String state, String label) {
        return allIssues()
                .filter(i -> fullName.equals(i.get("repo")))
                .filter(i -> state.equals("all") || state.equals(i.get("state")))
                .filter(i -> label == null || ((List<?>) i.getOrDefault("labels", List.of())).contains(label))
                .toList();
    }

    synchronized Optional<Map<String, Object>> pullRequest(String fullName, long number) {
        return pullRequests.stream()
                .filter(p -> fullName.equals(p.get("repo")) && ((Number) p.get("number")).longValue() == number)
                .findFirst();
    }

    /** Creates an open issue numbered after everything in the repository and saves it to the data directory. */
    synchronized Map<String, Object> createIssue(String fullName, String title, String body, List<String> labels,
                                                 String author) {
        long next = 1 + Stream.concat(allIssues(), pullRequests.stream())
                .filter(x -> fullName.equals(x.get("repo")))
                .mapToLong(x -> ((Number) x.get("number")).longValue())
                .max().orElse(0);
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("repo", fullName);
        issue.put("number", next);
        issue.put("title", title);
        issue.put("state", "open");
        issue.put("author", author);
        issue.put("labels", List.copyOf(labels));
        issue.put("assignees", List.of());
        issue.put("body", body == null ? "" : body);
        issue.put("created_at", clock.instant().toString());
        issue.put("comments", 0);
        createdIssues.add(issue);
        save();
        return issue;
    }

    private Stream<Map<String, Object>> allIssues() {
        return Stream.concat(shippedIssues.stream(), createdIssues.stream());
    }

    private void save() {
        try {
            Path tmp = createdFile.resolveSibling(createdFile.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), createdIssues);
            Files.move(tmp, createdFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save created issues to " + createdFile, e);
        }
    }
}
