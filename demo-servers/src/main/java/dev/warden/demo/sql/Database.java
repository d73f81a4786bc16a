package dev.warden.demo.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.sqlite.ExtendedCommand;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The demo's SQLite database: created with sample tables on first start, then queried with any SQL. One
 * connection, used by one query at a time (tool calls may arrive concurrently).
 *
 * <p>A statement may run for {@link #STATEMENT_DEADLINE} at most; then it is interrupted (SQLite's
 * {@code sqlite3_interrupt}) and fails with a message saying so. Without this, one endless query (a recursive
 * CTE without a bound) would hold the connection for good, and every later call would wait behind it. The JDBC
 * query timeout is no help here: the driver applies it to waiting for locks, not to a running statement.
 */
final class Database implements AutoCloseable {

    /** Rows beyond this are dropped from a result and {@code truncated} is set. */
    static final int MAX_ROWS = 500;
    /** How long one statement may run before it is interrupted. */
    static final Duration STATEMENT_DEADLINE = Duration.ofSeconds(10);

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sql-statement-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Connection connection;
    private final Duration deadline;
    /** Guards {@link #running}: a deadline that fires as its statement ends must not reach the next one. */
    private final Object runningLock = new Object();
    /** The number of the statement running now, 0 when none; each statement gets the next number. */
    private long running;
    private long statements;

    private Database(Connection connection, Duration deadline) {
        this.connection = connection;
        this.deadline = deadline;
    }

    /** Opens (and on first use creates and fills) the database file. */
    static Database open(Path file) throws SQLException, IOException {
        return open(file, STATEMENT_DEADLINE);
    }

    /** As {@link #open(Path)}, interrupting statements that run longer than {@code deadline}. */
    static Database open(Path file, Duration deadline) throws SQLException, IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        Database db = new Database(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()), deadline);
        if (fresh) {
            db.seed();
        }
        return db;
    }

    private void seed() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String ddl : SampleData.SCHEMA) {
                st.execute(ddl);
            }
            st.execute(SampleData.USERS);
            st.execute(SampleData.PRODUCTS);
            st.execute(SampleData.ORDERS);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * Runs one SQL statement: a query yields columns and rows, anything else the number of rows changed. Refused
     * before it reaches SQLite: the driver's own {@code backup}/{@code restore} commands, and transaction control
     * (see {@link #refusal}).
     */
    synchronized Map<String, Object> execute(String sql) throws SQLException {
        String refused = refusal(sql);
        if (refused != null) throw new SQLException(refused);
        long number;
        synchronized (runningLock) {
            number = ++statements;
            running = number;
        }
        ScheduledFuture<?> stop = WATCHDOG.schedule(() -> interrupt(number), deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return run(sql);
        } catch (SQLException e) {
            if (e instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_INTERRUPT) {
                throw new SQLException("the statement ran longer than " + describe(deadline)
                        + " and was stopped; add a LIMIT, or a bound to a recursive query", e);
            }
            throw e;
        } finally {
            synchronized (runningLock) {
                running = 0;
            }
            stop.cancel(false);
        }
    }

    /** Statements that open, end or undo transactions, by their first keyword. */
    private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT",
            "RELEASE");

    /**
     * Why a statement is not run, or null. Two kinds are refused:
     * <ul>
     *   <li>{@code backup to FILE} and {@code restore from FILE}: not SQL but commands of the SQLite JDBC driver,
     *       which it runs itself on any {@code execute}. They copy the database to any path, or replace it with any
     *       SQLite file the process can read (another service's database included).</li>
     *   <li>Transaction control: every caller shares this one connection, so a transaction one caller opens would
     *       take in the others' statements, and its {@code ROLLBACK} would undo them. Each call is its own
     *       transaction.</li>
     * </ul>
     */
    static String refusal(String sql) throws SQLException {
        if (ExtendedCommand.parse(sql) != null) {
            return "'" + firstWord(sql).toLowerCase(Locale.ROOT) + "' is a command of the SQLite driver, not SQL; "
                    + "this server does not run it";
        }
        String keyword = firstWord(sql).toUpperCase(Locale.ROOT);
        if (TRANSACTION_CONTROL.contains(keyword)) {
            return "transaction control (" + keyword + ") is not available: each call runs as its own transaction, "
                    + "on a connection every caller shares";
        }
        return null;
    }

    /** The statement's first word, after any whitespace and SQL comments (line and block comments). */
    static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) i++;
        return sql.substring(start, i);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Stops statement {@code number} if it is still running. */
    private void interrupt(long number) {
        synchronized (runningLock) {
            if (running != number) return;
            try {
                connection.unwrap(SQLiteConnection.class).getDatabase().interrupt();
            } catch (SQLException e) {
                System.err.println("warden-demo-sql: could not interrupt a statement past its deadline: " + e.getMessage());
            }
        }
    }

    private Map<String, Object> run(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.setMaxRows(MAX_ROWS + 1);
            Map<String, Object> result = new LinkedHashMap<>();
            if (st.execute(sql)) {
                try (ResultSet rs = st.getResultSet()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnLabel(i));
                    }
                    List<Map<String, Object>> rows = new ArrayList<>();
                    while (rs.next() && rows.size() < MAX_ROWS + 1) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= columns.size(); i++) {
                            row.put(columns.get(i - 1), rs.getObject(i));
                        }
                        rows.add(row);
                    }
                    boolean truncated = rows.size() > MAX_ROWS;
                    List<Map<String, Object>> kept = truncated ? rows.subList(0, MAX_ROWS) : rows;
                    result.put("columns", columns);
                    result.put("rows", kept);
                    result.put("row_count", kept.size());
                    result.put("truncated", truncated);
                }
            } else {
                result.put("rows_affected", st.getUpdateCount());
            }
            return result;
        }
    }

    /** Every user table with its columns and row count. */
    synchronized List<Map<String, Object>> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        List<Map<String, Object>> tables = new ArrayList<>();
        for (String name : names) {
            String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
            List<Map<String, Object>> columns = new ArrayList<>();
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA table_info(" + quoted + ")")) {
                while (rs.next()) {
                    Map<String, Object> column = new LinkedHashMap<>();
                    column.put("name", rs.getString("name"));
                    column.put("type", rs.getString("type"));
                    column.put("primary_key", rs.getInt("pk") > 0);
                    columns.add(column);
                }
            }
            long count;
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + quoted)) {
                count = rs.next() ? rs.getLong(1) : 0;
            }
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("name", name);
            table.put("columns", columns);
            table.put("row_count", count);
            tables.add(table);
        }
        return tables;
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
