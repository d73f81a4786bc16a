package dev.warden.gateway.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.StreamingEncoder;

/**
 * A console appender for busy loggers (the audit lines): callers only queue their event, and one background thread
 * writes what has gathered, many lines per write. Nothing is dropped: a full queue makes callers wait, and stopping
 * (at JVM exit, through logback's shutdown hook) writes everything still queued.
 *
 * <p>Why not logback's {@code AsyncAppender}: its worker wakes for every event, so each line cost the gateway a
 * thread hand-off and a write; under the load benchmark that worker alone took about a twentieth of Warden's CPU.
 * This one wakes once per batch: after the first event of a batch it waits {@code lingerMillis} (default 5) for more,
 * then writes them all with one call. A line reaches the console at most a few milliseconds late. (With 1 ms, the
 * writer's sleeping and waking alone took about 1 % of the gateway's CPU under the load benchmark's 32 clients.)
 *
 * <pre>{@code
 * <appender name="AUDIT_JSON" class="dev.warden.gateway.observability.BatchingConsoleAppender">
 *   <encoder class="net.logstash.logback.encoder.LogstashEncoder"/>
 * </appender>
 * }</pre>
 *
 * Writes go to {@code System.err} (looked up when written, so a redirected stream is honoured), one complete line
 * or more per call, so they never interleave mid-line with other appenders writing to the same stream.
 */
public final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private static final int MAX_BATCH = 1024;
    /** A buffer grown beyond this by one large batch is dropped after it, rather than kept for the process's life. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;
    /** The batch buffer's first size: room for about a hundred lines. */
    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

    private Encoder<ILoggingEvent> encoder;
    private int queueSize = 8192;
    private long lingerMillis = 5;
    private OutputStream target; // null: System.err at each write
    private BlockingQueue<ILoggingEvent> queue;
    private Thread worker;
    private volatile boolean stopping;
    /** Where a batch's lines are gathered before their one write; reused, and touched only under this lock. */
    private ByteArrayOutputStream lines = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);

    public void setEncoder(Encoder<ILoggingEvent> encoder) { this.encoder = encoder; }

    public void setQueueSize(int queueSize) { this.queueSize = queueSize; }

    public void setLingerMillis(long lingerMillis) { this.lingerMillis = lingerMillis; }

    /** Where lines go instead of {@code System.err} (tests). */
    void setTarget(OutputStream target) { this.target = target; }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder set for the appender named [" + name + "]");
            return;
        }
        if (queueSize < 1) {
            addError("queueSize must be at least 1, was " + queueSize);
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        stopping = false;
        worker = new Thread(this::work, "log-writer-" + name);
        worker.setDaemon(true);
        worker.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // the message, arguments and MDC as they are now, on this thread
        try {
            queue.put(event);
            if (stopping) flush(); // stop() may have written out the queue already: do not leave this line in it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (this) {
                write(List.of(event)); // never lose a line: write it here rather than drop it
            }
        }
    }

    /** Writes every queued line, then returns; the appender stays usable. */
    void flush() {
        List<ILoggingEvent> batch = new ArrayList<>();
        synchronized (this) {
            while (queue.drainTo(batch, MAX_BATCH) > 0) {
                write(batch);
                batch.clear();
            }
        }
    }

    @Override
    public void stop() {
        if (!isStarted()) return;
        super.stop(); // no new events from here on
        stopping = true;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush(); // whatever the worker did not get to
    }

    private void work() {
        List<ILoggingEvent> batch = new ArrayList<>();
        while (!stopping) {
            try {
                batch.add(queue.take());
                if (lingerMillis > 0) Thread.sleep(lingerMillis); // let the batch gather
            } catch (InterruptedException e) {
                if (!stopping) continue; // spurious: keep going (stop() sets stopping before interrupting)
            }
            synchronized (this) {
                queue.drainTo(batch, MAX_BATCH - batch.size());
                write(batch);
            }
            batch.clear();
        }
    }

    /**
     * Encodes the batch into the reused buffer (straight from the encoder's generator when it can stream, as the
     * Logstash encoder can, instead of a byte array per line) and writes it with one call. Called under this lock.
     */
    private void write(List<ILoggingEvent> batch) {
        if (batch.isEmpty()) return;
        ByteArrayOutputStream bytes = lines;
        bytes.reset();
        for (ILoggingEvent e : batch) {
            int lineStart = bytes.size();
            try {
                if (encoder instanceof StreamingEncoder<?>) {
                    @SuppressWarnings("unchecked")
                    StreamingEncoder<ILoggingEvent> streaming = (StreamingEncoder<ILoggingEvent>) encoder;
                    streaming.encode(e, bytes);
                } else {
                    bytes.writeBytes(encoder.encode(e));
                }
            } catch (IOException | RuntimeException ex) {
                addError("could not encode a log event of " + e.getLoggerName(), ex);
                truncate(bytes, lineStart); // no half line
            }
        }
        OutputStream out = target != null ? target : System.err;
        try {
            bytes.writeTo(out);
            out.flush();
        } catch (IOException ex) {
            addError("could not write " + batch.size() + " log lines", ex);
        }
        if (bytes.size() > KEPT_BUFFER_BYTES) lines = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
    }

    /** Drops what was written to {@code bytes} after {@code length} bytes. */
    private static void truncate(ByteArrayOutputStream bytes, int length) {
        if (bytes.size() == length) return;
        byte[] kept = java.util.Arrays.copyOf(bytes.toByteArray(), length);
        bytes.reset();
        bytes.writeBytes(kept);
    }
}
