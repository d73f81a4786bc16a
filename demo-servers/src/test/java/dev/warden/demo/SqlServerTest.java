package dev.warden.demo;

import static dev.warden.demo.DemoServerProcess.structured;
import static dev.warden.demo.DemoServerProcess.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SqlServerTest {

    @TempDir
    static Path dir;
    static DemoServerProcess server;

    @BeforeAll
    static void start() {
        server = new DemoServerProcess("sql", "--db", dir.resolve("nested/demo.db").toString());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void offersExecuteQueryAndListTablesWithSchemas() {
        assertThat(server.client.listTools().tools()).extracting(Tool::name).containsExactly("execute_query", "list_tables");
        Tool query = server.client.listTools().tools().get(0);
        assertThat(query.inputSchema()).containsEntry("required", java.util.List.of("query"));
    }

    @Test
    void createsTheSampleDatabaseOnFirstStart() {
        assertThat(Files.exists(dir.resolve("nested/demo.db"))).isTrue();
        JsonNode tables = structured(server.call("list_tables", Map.of())).get("tables");
        assertThat(tables.findValuesAsString("name")).contains("orders", "products", "users");
        assertThat(tables.get(2).get("row_count").asInt()).isEqualTo(8);
    }

    @Test
    void selectReturnsRealRowsAsTextAndStructuredContent() {
        CallToolResult result = server.call("execute_query",
                Map.of("query", "SELECT username, role FROM users WHERE team = 'platform' ORDER BY id"));
        assertThat(result.isError()).isFalse();
        JsonNode s = structured(result);
        assertThat(s.get("columns").toString()).isEqualTo("[\"username\",\"role\"]");
        assertThat(s.get("row_count").asInt()).isEqualTo(2);
        assertThat(s.get("rows").get(0).get("username").asString()).isEqualTo("alice");
        assertThat(text(result)).contains("\"username\":\"heidi\"");
    }

    @Test
    void joinsAcrossTheSampleTables() {
        JsonNode s = structured(server.call("execute_query", Map.of("query", """
                SELECT u.username, SUM(o.total_cents) AS spent FROM orders o JOIN users u ON u.id = o.user_id
                WHERE o.status <> 'cancelled' GROUP BY u.username ORDER BY spent DESC LIMIT 1""")));
        assertThat(s.get("rows").get(0).get("username").asString()).isEqualTo("dave");
    }

    @Test
    void writeStatementsReportRowsAffected() {
        JsonNode s = structured(server.call("execute_query",
                Map.of("query", "UPDATE products SET stock = stock + 1 WHERE category = 'furniture'")));
        assertThat(s.get("rows_affected").asInt()).isEqualTo(2);
    }

    @Test
    void sqlErrorsAreToolErrorsNotProtocolErrors() {
        CallToolResult result = server.call("execute_query", Map.of("query", "SELEC nonsense"));
        assertThat(result.isError()).isTrue();
        assertThat(text(result)).startsWith("SQL error:").contains("syntax error");
    }

    @Test
    void aMissingOrBlankQueryIsNamed() {
        CallToolResult missing = server.call("execute_query", Map.of());
        assertThat(missing.isError()).isTrue();
        assertThat(text(missing)).contains("required property 'query' not found");
        CallToolResult blank = server.call("execute_query", Map.of("query", "  "));
        assertThat(blank.isError()).isTrue();
        assertThat(text(blank)).isEqualTo("argument 'query' is required and must be a non-empty string");
    }
}
