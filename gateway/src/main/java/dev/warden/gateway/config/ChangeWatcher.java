package dev.warden.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches files and directories (recursively) for changes in their content, and calls back once a change has
 * settled: a burst of writes (an editor saving through a temporary file, {@code git checkout} touching ten
 * policies) fires once, after nothing changed for {@code quiet}.
 *
 * <p>Polls a content fingerprint rather than using {@link java.nio.file.WatchService}: WatchService does not see
 * changes made through bind mounts and Kubernetes ConfigMap symlink swaps, watches directories but not single
 * files, and is itself polling on some platforms. Each poll first compares every file's size, modification time
 * and identity (a ConfigMap swap gives a new file behind the same name), and reads and hashes the contents only
 * when one of those changed, or every {@link #FULL_CHECK_EVERY}th poll in case a rewrite kept all three: a policy
 * data document of tens of megabytes is then not read every second.
 *
 * <pre>{@code
 * ChangeWatcher watcher = ChangeWatcher.start(List.of(policyDir, registryFile), Duration.ofSeconds(1),
 *         Duration.ofMillis(500), changed -> reloader.reload("file change: " + changed));
 * watcher.close();
 * }</pre>
 */
public final class ChangeWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChangeWatcher.class);
    /** Every this many polls the contents are hashed even when no file's size, time or identity changed. */
    static final int FULL_CHECK_EVERY = 30;

    private final List<Path> paths;
    private final Predicate<Path> relevant;
    private final Duration interval;
    private final Duration quiet;
    private final Consumer<Path> onChange;
    private final Thread thread;
    /** What the paths held when watching started, taken on the caller's thread, before anything can change them. */
    private final byte[][] initial;
    /** The files' sizes, times and identities when {@link #initial} was taken. */
    private final byte[][] initialMetadata;
    /** How many polls read and hashed the contents (for tests). */
    private volatile int contentPolls;
    private volatile boolean closed;

    private ChangeWatcher(List<Path> paths, Predicate<Path> relevant, Duration interval, Duration quiet,
                          Consumer<Path> onChange) {
        this.paths = List.copyOf(paths);
        this.relevant = relevant;
        this.interval = interval;
        this.quiet = quiet;
        this.onChange = onChange;
        this.initialMetadata = fingerprints(false);
        this.initial = fingerprints(true);
        this.thread = Thread.ofPlatform().daemon().name("warden-change-watcher").unstarted(this::run);
    }

    /**
     * Starts watching in a background thread.
     *
     * @param interval how often the paths are fingerprinted
     * @param quiet    how long a change must stay unchanged before {@code onChange} runs
     * @param onChange called on the watcher's thread with the first path found changed
     */
    public static ChangeWatcher start(List<Path> paths, Duration interval, Duration quiet, Consumer<Path> onChange) {
        return start(paths, file -> true, interval, quiet, onChange);
    }

    /**
     * As {@link #start(List, Duration, Duration, Consumer)}, looking only at the files under a watched directory
     * that {@code relevant} accepts (a file named in {@code paths} is always watched): an editor's swap file or a
     * README next to the policies is no reason to reload them.
     */
    public static ChangeWatcher start(List<Path> paths, Predicate<Path> relevant, Duration interval, Duration quiet,
                                      Consumer<Path> onChange) {
        ChangeWatcher w = new ChangeWatcher(paths, relevant, interval, quiet, onChange);
        w.thread.start();
        return w;
    }

    private void run() {
        byte[][] applied = initial;
        byte[][] seen = applied;
        byte[][] seenMetadata = initialMetadata;
        long changedAt = 0;
        int polls = 0;
        while (!closed) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            byte[][] metadata = fingerprints(false); // taken before the contents: a write in between shows next time
            byte[][] now = seen;
            if (!Arrays.deepEquals(metadata, seenMetadata) || ++polls % FULL_CHECK_EVERY == 0) {
                now = fingerprints(true);
                seenMetadata = metadata;
                contentPolls++;
            }
            if (!Arrays.deepEquals(now, seen)) { // still changing: wait until it has been quiet for a while
                seen = now;
                changedAt = System.nanoTime();
                continue;
            }
            if (!Arrays.deepEquals(now, applied) && System.nanoTime() - changedAt >= quiet.toNanos()) {
                Path changed = firstDifference(applied, now);
                applied = now;
                try {
                    onChange.accept(changed);
                } catch (RuntimeException e) {
                    log.error("reacting to a change of {} failed", changed, e);
                }
            }
        }
    }

    private Path firstDifference(byte[][] before, byte[][] after) {
        for (int i = 0; i < paths.size(); i++) {
            if (!Arrays.equals(before[i], after[i])) return paths.get(i);
        }
        return paths.get(0);
    }

    /** How many polls so far read and hashed the watched files' contents. */
    int contentPolls() { return contentPolls; }

    private byte[][] fingerprints(boolean contents) {
        byte[][] out = new byte[paths.size()][];
        for (int i = 0; i < paths.size(); i++) out[i] = fingerprint(paths.get(i), relevant, contents);
        return out;
    }

    /**
     * A hash of the names and contents (or, without {@code contents}, the sizes, modification times and file
     * identities) of the regular file {@code path}, or of the relevant ones under it; empty when it is missing.
     */
    private static byte[] fingerprint(Path path, Predicate<Path> relevant, boolean contents) {
        MessageDigest digest = sha256();
        boolean directory = Files.isDirectory(path);
        try (Stream<Path> files = directory ? Files.walk(path) : Stream.of(path)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f) && (!directory || relevant.test(f))).sorted()
                    .toList()) {
                digest.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                if (contents) {
                    digest.update(Files.readAllBytes(file));
                } else {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    digest.update((a.size() + "/" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "/" + a.fileKey())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                digest.update((byte) 0);
            }
        } catch (IOException | UncheckedIOException e) {
            // A file removed while walking: the next poll sees the settled state.
            digest.update((byte) 1);
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
