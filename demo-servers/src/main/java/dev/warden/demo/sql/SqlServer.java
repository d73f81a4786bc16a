package dev.warden.demo.sql;

import dev.warden.demo.ToolResults;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The demo SQL server's tools over an embedded SQLite database: {@code execute_query} runs any statement (the
 * gateway's policy decides who may run what), {@code list_tables} describes the schema.
 *
 * <pre>{@code
 * StdioServer.run("warden-demo-sql", SqlServer.tools(Path.of("data/demo.db")));
 * }</pre>
 */
public final class SqlServer {

    private SqlServer() {}

    /** Opens (creating if needed) the database at {@code dbFile} and returns the tools that use it. */
    public static List<SyncToolSpecification> tools(Path dbFile) {
        Database db;
        try {
            db = Database.open(dbFile);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open SQLite database " + dbFile + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + dbFile, e);
        }
        Tool executeQuery = Tool.builder("execute_query", Map.of(
                        "type", "object",
                        "properties", Map.of("query", Map.of("type", "string", "description", "One SQL statement (SQLite dialect)")),
                        "required", List.of("query"),
                        "additionalProperties", false))
                .title("Execute SQL")
                .description("Runs one SQL statement on the database and returns the rows as JSON "
                        + "(at most " + Database.MAX_ROWS + " rows), or the number of rows changed.")
                .annotations(new ToolAnnotations("Execute SQL", false, true, false, false, null))
                .build();
        Tool listTables = Tool.builder("list_tables", Map.of("type", "object", "properties", Map.of()))
                .title("List tables")
                .description("Lists the database's tables with their columns and row counts.")
                .annotations(new ToolAnnotations("List tables", true, false, true, false, null))
                .build();
        return List.of(
                SyncToolSpecification.builder().tool(executeQuery).callHandler((exchange, request) -> {
                    try {
                        return executeQuery(db, ToolResults.requireString(request.arguments(), "query"));
                    } catch (IllegalArgumentException e) {
                        return ToolResults.error(e.getMessage());
                    }
                }).build(),
                SyncToolSpecification.builder().tool(listTables).callHandler((exchange, request) -> {
                    try {
                        return ToolResults.json(Map.of("tables", db.tables()));
                    } catch (SQLException e) {
                        return ToolResults.error("listing tables failed: " + e.getMessage());
                    }
                }).build());
    }

    private static CallToolResult executeQuery(Database db, String sql) {
        try {
            return ToolResults.json(db.execute(sql));
        } catch (SQLException e) {
            return ToolResults.error("SQL error: " + e.getMessage());
        }
    }
}
