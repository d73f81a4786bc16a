package dev.warden.gateway.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded audit store: one SQLite file (default {@code data/audit.db}), created with its directory.
 * {@link #append} returns only after the record is committed, so an acknowledged call always has its record.
 * The database runs in WAL mode with {@code synchronous=NORMAL}: a commit survives a crash of the gateway
 * process; only an operating-system crash can lose the last few. Writes are serialized (SQLite allows one writer);
 * queries use their own connection and do not block writers.
 *
 * <pre>{@code
 * try (SqliteAuditStore store = SqliteAuditStore.open(Path.of("data/audit.db"))) { store.append(event); }
 * }</pre>
 */
public final class SqliteAuditStore implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "audit_id, time, time_ms, event_type, request_id, subject, email, roles, "
            + "action, server, tool, parameters, decision, reason, policy_version, upstream_status, latency_ms";

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final PreparedStatement insert;
    private final ReentrantLock writeLock = new ReentrantLock();

    private SqliteAuditStore(Path file, Connection writer, Connection reader) throws SQLException {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        this.insert = writer.prepareStatement("INSERT INTO audit_events (" + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    }

    /** Opens (creating if needed) the database; throws {@link AuditStoreException} naming the file. */
    public static SqliteAuditStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            Connection writer = DriverManager.getConnection(url);
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS audit_events (audit_id TEXT PRIMARY KEY, time TEXT NOT NULL, "
                        + "time_ms INTEGER NOT NULL, event_type TEXT NOT NULL, request_id TEXT, subject TEXT, "
                        + "email TEXT, roles TEXT, action TEXT, server TEXT, tool TEXT, parameters TEXT, "
                        + "decision TEXT, reason TEXT, policy_version TEXT, upstream_status TEXT, latency_ms INTEGER)");
                s.execute("CREATE INDEX IF NOT EXISTS audit_events_time ON audit_events (time_ms)");
                s.execute("CREATE INDEX IF NOT EXISTS audit_events_subject ON audit_events (subject, time_ms)");
            }
            Connection reader = DriverManager.getConnection(url);
            try (Statement s = reader.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
            }
            return new SqliteAuditStore(file, writer, reader);
        } catch (IOException | SQLException e) {
            throw new AuditStoreException("cannot open the audit database " + file + " (" + e.getMessage()
                    + "); check that audit.db_path is in a writable directory", e);
        }
    }

    /** Writes and commits one record (auto-commit: each statement is its own transaction). */
    public void append(AuditEvent e) {
        writeLock.lock();
        try {
            int i = 0;
            insert.setString(++i, e.auditId());
            insert.setString(++i, e.time().toString());
            insert.setLong(++i, e.time().toEpochMilli());
            insert.setString(++i, e.type().wireName());
            insert.setString(++i, e.requestId());
            insert.setString(++i, e.subject());
            insert.setString(++i, e.email());
            insert.setString(++i, JSON.writeValueAsString(e.roles()));
            insert.setString(++i, e.action());
            insert.setString(++i, e.server());
            insert.setString(++i, e.tool());
            insert.setString(++i, e.parameters() == null ? null : JSON.writeValueAsString(e.parameters()));
            insert.setString(++i, e.decision());
            insert.setString(++i, e.reason());
            insert.setString(++i, e.policyVersion());
            insert.setString(++i, e.upstreamStatus());
            insert.setLong(++i, e.latencyMs());
            insert.executeUpdate();
        } catch (SQLException ex) {
            throw new AuditStoreException("cannot write to the audit database " + file + ": " + ex.getMessage(), ex);
        } finally {
            writeLock.unlock();
        }
    }

    /** Records matching the query, newest first. */
    public List<AuditEvent> query(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_events WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.user() != null) {
            sql.append(" AND (subject = ? OR email = ?)");
            args.add(q.user());
            args.add(q.user());
        }
        if (q.server() != null) {
            sql.append(" AND server = ?");
            args.add(q.server());
        }
        if (q.decision() != null) {
            sql.append(" AND decision = ?");
            args.add(q.decision());
        }
        if (q.since() != null) {
            sql.append(" AND time_ms >= ?");
            args.add(q.since().toEpochMilli());
        }
        sql.append(" ORDER BY time_ms DESC, rowid DESC LIMIT ?");
        args.add(q.limit());
        synchronized (reader) {
            try (PreparedStatement ps = reader.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                List<AuditEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(row(rs));
                }
                return out;
            } catch (SQLException ex) {
                throw new AuditStoreException("cannot read the audit database " + file + ": " + ex.getMessage(), ex);
            }
        }
    }

    /** True when a write transaction can be started right now (used by {@code /health}). */
    public boolean isWritable() {
        writeLock.lock();
        try (Statement s = writer.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("ROLLBACK");
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            writeLock.unlock();
        }
    }

    public Path file() { return file; }

    private static AuditEvent row(ResultSet rs) throws SQLException {
        String params = rs.getString("parameters");
        List<String> roles = List.of(JSON.readValue(rs.getString("roles"), String[].class));
        JsonNode parameters = params == null ? null : JSON.readTree(params);
        return new AuditEvent(rs.getString("audit_id"), Instant.parse(rs.getString("time")),
                AuditEvent.Type.valueOf(rs.getString("event_type").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("request_id"), rs.getString("subject"), rs.getString("email"), roles,
                rs.getString("action"), rs.getString("server"), rs.getString("tool"), parameters,
                rs.getString("decision"), rs.getString("reason"), rs.getString("policy_version"),
                rs.getString("upstream_status"), rs.getLong("latency_ms"));
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            insert.close();
            writer.close();
            synchronized (reader) {
                reader.close();
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot close the audit database " + file + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }
}
