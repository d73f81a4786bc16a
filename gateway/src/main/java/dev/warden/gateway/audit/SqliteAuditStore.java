package dev.warden.gateway.audit;

import dev.warden.gateway.util.IsoInstants;
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
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded audit store: one SQLite file (default {@code data/audit.db}), created with its directory.
 * {@link #append} returns only after the record is committed, so an acknowledged call always has its record.
 * The database runs in WAL mode with {@code synchronous=NORMAL}: a commit survives a crash of the gateway
 * process; only an operating-system crash can lose the last few. Queries use their own connection and do not
 * block writers.
 *
 * <p>Group commit without a writer thread: a caller queues its record, then, if no one is writing, writes every
 * queued record itself in one transaction and releases the callers whose records it committed; if someone is
 * writing, it waits to be released. A caller alone therefore commits on its own thread, with no hand-off to
 * another thread and back (two thread wake-ups per record on the latency path); under load, many small commits
 * become a few large ones. The writer that finishes looks at the queue again after releasing the lock, so a record
 * queued while it wrote is never left waiting. A writer on a virtual thread yields once before it takes the queue,
 * so that records about to be queued by runnable requests join its commit. If a batch fails, its records are retried one by one, so one bad
 * record fails alone.
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
    /** Held by the caller that is writing queued records; SQLite allows one writer at a time anyway. */
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean closed;
    /** Set under the lock once the connection is closed: records found afterwards are failed, not written. */
    private boolean insertClosed;
    /** Whether the last write failed; cleared by the next that succeeds. */
    private volatile boolean lastWriteFailed;
    /**
     * The roles column of the last record written: the records of one call, and most calls, carry the same roles, and
     * writing them as JSON is a serialiser round per record inside the writer's lock.
     */
    private RolesText lastRoles = new RolesText(List.of(), "[]");

    /** A list of roles and its JSON text. */
    private record RolesText(List<String> roles, String json) {}

    /**
     * One request to the writer: a record to insert (with its parameters as JSON text), or (event null) a check that
     * a transaction can start.
     */
    private record Write(AuditEvent event, String parametersJson, CompletableFuture<Boolean> done) {}

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
            // Without this, the driver follows every INSERT with a second query for the generated row id, which
            // nothing here reads: a third of each insert's cost under load.
            java.util.Properties options = new java.util.Properties();
            options.setProperty("jdbc.get_generated_keys", "false");
            Connection writer = DriverManager.getConnection(url, options);
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
                // One index, on time: every query reads newest first and stops at its limit. Each index is another
                // B-tree that every insert changes and every commit writes pages of; the audit id (a v7 UUID, unique
                // by construction) and the subject (queries match subject OR email, which no single index serves)
                // were indexed by earlier versions: an existing file loses the subject index; the audit id's is part of
                // its table and stays.
                s.execute("CREATE TABLE IF NOT EXISTS audit_events (audit_id TEXT NOT NULL CHECK (audit_id <> ''), "
                        + "time TEXT NOT NULL, "
                        + "time_ms INTEGER NOT NULL, event_type TEXT NOT NULL, request_id TEXT, subject TEXT, "
                        + "email TEXT, roles TEXT, action TEXT, server TEXT, tool TEXT, parameters TEXT, "
                        + "decision TEXT, reason TEXT, policy_version TEXT, upstream_status TEXT, latency_ms INTEGER)");
                s.execute("CREATE INDEX IF NOT EXISTS audit_events_time ON audit_events (time_ms)");
                s.execute("DROP INDEX IF EXISTS audit_events_subject");
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
        append(e, parametersJson(e));
    }

    /** As {@link #append(AuditEvent)}, with the parameters already written by the caller ({@link #parametersJson}). */
    void append(AuditEvent e, String parametersJson) {
        await(submit(e, parametersJson));
    }

    /**
     * Queues one record and returns at once; {@link Pending#await()} returns once it is committed. Records are
     * committed in the order they were queued. While the last write failed, this writes synchronously instead, so
     * that a failing store stops a request before it goes any further.
     */
    public Pending appendLater(AuditEvent e) {
        return appendLater(e, parametersJson(e));
    }

    /** As {@link #appendLater(AuditEvent)}, with the parameters already written as JSON ({@link #parametersJson}). */
    Pending appendLater(AuditEvent e, String parametersJson) {
        if (lastWriteFailed) {
            append(e, parametersJson);
            return () -> { };
        }
        CompletableFuture<Boolean> done = submit(e, parametersJson);
        return () -> await(done);
    }

    /** A record's (redacted) parameters as the JSON text the store keeps, or null; the log line shows the same text. */
    static String parametersJson(AuditEvent e) {
        return e.parameters() == null ? null : JSON.writeValueAsString(e.parameters());
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
            CompletableFuture<Boolean> done = submit(null, null);
            commitUntil(done);
            return Boolean.TRUE.equals(done.getNow(false));
        } catch (AuditStoreException | java.util.concurrent.CompletionException e) {
            return false;
        }
    }

    private CompletableFuture<Boolean> submit(AuditEvent e, String parametersJson) {
        if (closed) throw closedFailure();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Write w = new Write(e, parametersJson, done);
        while (!queue.offer(w)) {
            writeQueued(true); // full: make room by writing, rather than wait for someone who may never come
        }
        if (closed) writeQueued(true); // closed meanwhile: fail what close() did not see
        return done;
    }

    /**
     * Returns once {@code done} is complete (normally or not), having written the queued records, its own among
     * them, if no one else was writing. When {@link #writeQueued} returns, this record has been written, or is being
     * written by the lock's holder, or will be by whoever holds it next (every writer looks at the queue again after
     * unlocking): waiting cannot be forever, and it never spins.
     */
    private void commitUntil(CompletableFuture<Boolean> done) {
        if (!done.isDone()) writeQueued(false);
        try {
            done.get();
        } catch (InterruptedException ie) {
            // The record stays queued and is written by the next writer; only this caller stops waiting for it.
            Thread.currentThread().interrupt();
            throw new AuditStoreException("interrupted while the audit record was being written", ie);
        } catch (ExecutionException ee) {
            // reported by the caller, from the future
        }
    }

    /**
     * Writes every queued record, batch after batch, if the lock is free (or always, when {@code block}); then,
     * after unlocking, looks once more, so that a record queued during the last batch by a caller who found the lock
     * taken is not left behind. Returns false when someone else held the lock at the first try.
     */
    private boolean writeQueued(boolean block) {
        boolean wrote = false;
        while (!queue.isEmpty() || (block && !wrote)) {
            if (block) {
                writing.lock();
            } else if (!writing.tryLock()) {
                return wrote;
            }
            try {
                // Let the requests that are ready to run queue their records first, so that this commit takes them
                // too: under the load benchmark (32 clients) this cut the transactions per record from about 1 in
                // 2.5 to 1 in 7, and the gateway's CPU per call by about 7 %. Nothing else runnable: returns at once.
                if (Thread.currentThread().isVirtual()) Thread.yield();
                List<Write> batch = new ArrayList<>();
                while (queue.drainTo(batch, MAX_BATCH) > 0) {
                    if (insertClosed) { // set only after closed, under this lock
                        batch.forEach(w -> w.done().completeExceptionally(closedFailure()));
                    } else {
                        writeBatchSafely(batch);
                    }
                    batch.clear();
                }
            } finally {
                writing.unlock();
            }
            wrote = true;
        }
        return true;
    }

    private void writeBatchSafely(List<Write> batch) {
        try {
            writeBatch(batch);
        } catch (RuntimeException | Error e) {
            batch.forEach(w -> w.done().completeExceptionally(e)); // never leave a caller waiting
        }
    }

    private void await(CompletableFuture<Boolean> done) {
        commitUntil(done);
        if (done.state() != java.util.concurrent.Future.State.FAILED) return;
        Throwable cause = done.exceptionNow();
        if (cause instanceof AuditStoreException ase) throw ase;
        throw new AuditStoreException("cannot write to the audit database " + file + ": " + cause.getMessage(), cause);
    }

    private AuditStoreException closedFailure() {
        return new AuditStoreException("the audit database " + file + " is closed", null);
    }

    // ---- writing ---------------------------------------------------------------------------------------------

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
                        bind(w);
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
            bind(w);
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

    private void bind(Write w) throws SQLException {
        AuditEvent e = w.event();
        int i = 0;
        insert.setString(++i, e.auditId());
        insert.setString(++i, IsoInstants.format(e.time()));
        insert.setLong(++i, e.time().toEpochMilli());
        insert.setString(++i, e.type().wireName());
        insert.setString(++i, e.requestId());
        insert.setString(++i, e.subject());
        insert.setString(++i, e.email());
        insert.setString(++i, rolesJson(e.roles()));
        insert.setString(++i, e.action());
        insert.setString(++i, e.server());
        insert.setString(++i, e.tool());
        insert.setString(++i, w.parametersJson());
        insert.setString(++i, e.decision());
        insert.setString(++i, e.reason());
        insert.setString(++i, e.policyVersion());
        insert.setString(++i, e.upstreamStatus());
        insert.setLong(++i, e.latencyMs());
    }

    /** The roles as JSON text; called by the writer, under its lock. */
    private String rolesJson(List<String> roles) {
        RolesText last = lastRoles;
        if (last.roles().equals(roles)) return last.json();
        String json = JSON.writeValueAsString(roles);
        lastRoles = new RolesText(List.copyOf(roles), json);
        return json;
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

    @Override
    public void close() {
        closed = true;
        writing.lock();
        try {
            writeQueued(true); // every record accepted before the close is written
            insertClosed = true;
        } finally {
            writing.unlock();
        }
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
