package dev.warden.demo;

import static dev.warden.demo.DemoServerProcess.structured;
import static dev.warden.demo.DemoServerProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class CodeServerTest {

    @TempDir
    Path data;

    @Test
    void readsRepositoriesIssuesAndPullRequests() {
        try (var server = new DemoServerProcess("code", "--data", data.toString())) {
            assertThat(server.client.listTools().tools()).extracting(Tool::name)
                    .containsExactly("get_repo", "list_issues", "get_pull_request", "create_issue");

            JsonNode repo = structured(server.call("get_repo", Map.of("owner", "acme", "repo", "payments-api")));
            assertThat(repo.get("default_branch").asString()).isEqualTo("main");

            JsonNode open = structured(server.call("list_issues", Map.of("owner", "acme", "repo", "payments-api")));
            assertThat(open.get("issues").findValuesAsString("title")).hasSize(3)
                    .contains("Refunds over 10,000 EUR time out");
            JsonNode bugs = structured(server.call("list_issues",
                    Map.of("owner", "acme", "repo", "payments-api", "state", "all", "label", "bug")));
            assertThat(bugs.get("total_count").asInt()).isEqualTo(2);

            JsonNode pr = structured(server.call("get_pull_request", Map.of("owner", "acme", "repo", "payments-api", "number", 105)));
            assertThat(pr.get("head").asString()).isEqualTo("fix/async-fraud-check");
        }
    }

    @Test
    void unknownThingsAreToolErrors() {
        try (var server = new DemoServerProcess("code", "--data", data.toString())) {
            CallToolResult missing = server.call("get_repo", Map.of("owner", "acme", "repo", "nope"));
            assertThat(missing.isError()).isTrue();
            assertThat(text(missing)).isEqualTo("repository acme/nope not found");
            CallToolResult pr = server.call("get_pull_request", Map.of("owner", "acme", "repo", "infra", "number", 1));
            assertThat(text(pr)).isEqualTo("pull request #1 not found in acme/infra");
            CallToolResult bad = server.call("list_issues", Map.of("owner", "acme", "repo", "infra", "state", "merged"));
            assertThat(bad.isError()).isTrue();
            assertThat(text(bad)).contains("/state").contains("enumeration");
        }
    }

    @Test
    void createdIssuesAreNumberedAfterEverythingAndSurviveARestart() throws Exception {
        try (var server = new DemoServerProcess("code", "--data", data.toString())) {
            JsonNode created = structured(server.call("create_issue", Map.of("owner", "acme", "repo", "payments-api",
                    "title", "Document the refund API", "labels", List.of("docs"))));
            assertThat(created.get("number").asInt()).isEqualTo(108);
            assertThat(created.get("state").asString()).isEqualTo("open");
        }
        assertThat(Files.readString(data.resolve("created_issues.json"))).contains("Document the refund API");
        try (var server = new DemoServerProcess("code", "--data", data.toString())) {
            JsonNode docs = structured(server.call("list_issues",
                    Map.of("owner", "acme", "repo", "payments-api", "label", "docs")));
            assertThat(docs.get("issues").get(0).get("number").asInt()).isEqualTo(108);
        }
    }
}
