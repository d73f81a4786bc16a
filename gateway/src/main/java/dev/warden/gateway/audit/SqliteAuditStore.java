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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded audit store: one SQLite file (default {@code data/audit.db}), created with its directory.
 * {@link #append} returns only after the record is committed, so an acknowledged call always has its record.
 * The database runs in WAL mode with {@code synchronous=NORMAL}: a commit survives a crash of the gateway
 * process; only an operating-system crash can lose the last few. Queries use their own connection and do not
 * block writers.
 *
 * <p>Writes go through one writer thread with group commit: every record waiting when the writer becomes free is
 * inserted in one transaction, and each caller is released when that transaction commits. Under load this turns
 * many small commits into a few large ones; a caller alone waits for its own commit only. The writer is a
 * platform thread so that SQLite's native calls never occupy the few carrier threads of the request handlers'
 * virtual threads. If a batch fails, its records are retried one by one, so one bad record fails alone.
 *
 * <pre>{@code
 * try (SqliteAuditStore store = SqliteAuditStore.open(Path.of("data/audit.db"))) { store.append(event); }
 * }</pre>
 */
public final class SqliteAuditStore implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "audit_id, time, time_ms, event_type, request_id, subject, email, roles, "
            + "action, server, tool, parameters, decision, reason, policy_version, upstream_status, latency_ms";
    /** Most records in one transaction; more waiting records go into the next. */
    private static final int MAX_BATCH = 512;
    /** Records accepted but not yet written; beyond this, callers wait for room (back-pressure, nothing lost). */
    private static final int QUEUE_CAPACITY = 16_384;

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final PreparedStatement insert;
    private final BlockingQueue<Write> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writerThread;
    private volatile boolean closed;
    /** Whether the last write failed; cleared by the next that succeeds. */
    private volatile boolean lastWriteFailed;

    /** One request to the writer: a record to insert, or (event null) a check that a transaction can start. */
    private record Write(AuditEvent event, CompletableFuture<Boolean> done) {}

    private SqliteAuditStore(Path file, Connection writer, Connection reader) throws SQLException {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        this.insert = writer.prepareStatement("INSERT INTO audit_events (" + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        this.writerThread = Thread.ofPlatform().name("audit-writer").daemon(true).start(this::writeLoop);
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

    /** Writes one record and returns once it is committed. */
    public void append(AuditEvent e) {
        await(submit(e), "write to");
    }

    /**
     * Queues one record and returns at once; {@link Pending#await()} returns once it is committed. Records are
     * committed in the order they were queued. While the last write failed, this writes synchronously instead, so
     * that a failing store stops a request before it goes any further.
     */
    public Pending appendLater(AuditEvent e) {
        if (lastWriteFailed) {
            append(e);
            return () -> { };
        }
        CompletableFuture<Boolean> done = submit(e);
        return () -> await(done, "write to");
    }

    /** A record on its way to the database. */
    @FunctionalInterface
    public interface Pending {
        /** Returns once the record is committed; throws {@link AuditStoreException} when it could not be. */
        void await();
    }

    /** True when a write transaction can be started right now (used by {@code /health}). */
    public boolean isWritable() {
        try {
            return Boolean.TRUE.equals(submit(null).get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private CompletableFuture<Boolean> submit(AuditEvent e) {
        if (closed) throw new AuditStoreException("the audit database " + file + " is closed", null);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            queue.put(new Write(e, done));
            if (closed) { // closed meanwhile: the writer may have stopped before it saw this record
                writerThread.join();
                failLeftovers();
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new AuditStoreException("interrupted before the audit record was written", ie);
        }
        return done;
    }

    private void await(CompletableFuture<Boolean> done, String what) {
        try {
            done.get(); // untimed: the writer completes every future it takes, and close() fails those left over
        } catch (InterruptedException ie) {
            // The record is already queued and will be written; only this caller stops waiting for it.
            Thread.currentThread().interrupt();
            throw new AuditStoreException("interrupted while the audit record was being written", ie);
        } catch (ExecutionException ee) {
            Throwable cause = ee.getCause();
            if (cause instanceof AuditStoreException ase) throw ase;
            throw new AuditStoreException("cannot " + what + " the audit database " + file + ": " + cause.getMessage(),
                    cause);
        }
    }

    // ---- the writer thread -------------------------------------------------------------------------------

    private void writeLoop() {
        List<Write> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed && queue.isEmpty()) return;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                if (closed && queue.isEmpty()) return;
            } catch (RuntimeException | Error e) {
                batch.forEach(w -> w.done().completeExceptionally(e)); // never leave a caller waiting
            } finally {
                batch.clear();
            }
        }
    }

    private void writeBatch(List<Write> batch) {
        int records = 0;
        for (Write w : batch) if (w.event() != null) records++;
        if (records <= 1) {
            for (Write w : batch) writeOne(w);
            return;
        }
        try {
            writer.setAutoCommit(false);
            try {
                for (Write w : batch) {
                    if (w.event() != null) {
                        bind(w.event());
                        insert.executeUpdate();
                    }
                }
                writer.commit();
            } catch (SQLException e) {
                writer.rollback();
                writer.setAutoCommit(true);
                for (Write w : batch) writeOne(w); // find the record that failed; the others still commit
                return;
            } finally {
                if (!writer.getAutoCommit()) writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            lastWriteFailed = true;
            batch.forEach(w -> w.done().completeExceptionally(failure(e)));
            return;
        }
        lastWriteFailed = false;
        for (Write w : batch) {
            if (w.event() == null) w.done().complete(probe());
            else w.done().complete(true);
        }
    }

    private void writeOne(Write w) {
        if (w.done().isDone()) return;
        if (w.event() == null) {
            w.done().complete(probe());
            return;
        }
        try {
            bind(w.event());
            insert.executeUpdate();
            lastWriteFailed = false;
            w.done().complete(true);
        } catch (SQLException e) {
            lastWriteFailed = true;
            w.done().completeExceptionally(failure(e));
        }
    }

    private boolean probe() {
        try (Statement s = writer.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("ROLLBACK");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private AuditStoreException failure(SQLException e) {
        return new AuditStoreException("cannot write to the audit database " + file + ": " + e.getMessage(), e);
    }

    private void bind(AuditEvent e) throws SQLException {
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

    /** Fails the records the writer will not take any more (it stopped), so that nobody waits for them forever. */
    private void failLeftovers() {
        Write left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new AuditStoreException("the audit database " + file
                    + " closed before the record was written", null));
        }
    }

    /** Writes every record already accepted, then closes the database. */
    @Override
    public void close() {
        closed = true;
        try {
            writerThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failLeftovers();
        try {
            insert.close();
            writer.close();
            synchronized (reader) {
                reader.close();
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot close the audit database " + file + ": " + e.getMessage(), e);
        }
    }
}
