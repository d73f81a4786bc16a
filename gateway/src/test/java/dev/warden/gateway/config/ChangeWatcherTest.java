package dev.warden.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangeWatcherTest {

    @Test
    void aBurstOfWritesFiresOnceAfterItSettlesNamingThePathThatChanged(@TempDir Path dir) throws Exception {
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Path registry = Files.writeString(dir.resolve("servers.yaml"), "servers: {}\n");
        Files.writeString(policies.resolve("a.rego"), "package a\n");
        List<Path> fired = new CopyOnWriteArrayList<>();
        try (ChangeWatcher ignored = ChangeWatcher.start(List.of(registry, policies), Duration.ofMillis(50),
                Duration.ofMillis(300), fired::add)) {
            for (int i = 0; i < 5; i++) { // five saves 40 ms apart: still one change
                Files.writeString(policies.resolve("a.rego"), "package a\n# edit " + i + "\n");
                Thread.sleep(40);
            }
            Files.writeString(policies.resolve("sub-b.rego"), "package b\n");
            waitFor(() -> !fired.isEmpty());
            Thread.sleep(500);
            assertThat(fired).containsExactly(policies);

            Files.writeString(registry, "servers: {x: {url: http://127.0.0.1:9/mcp}}\n");
            waitFor(() -> fired.size() == 2);
            assertThat(fired.get(1)).isEqualTo(registry);
        }
    }

    @Test
    void rewritingTheSameContentIsNoChange(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.rego"), "package a\n");
        List<Path> fired = new CopyOnWriteArrayList<>();
        try (ChangeWatcher ignored = ChangeWatcher.start(List.of(file), Duration.ofMillis(30), Duration.ofMillis(30),
                fired::add)) {
            Files.writeString(file, "package a\n");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            Thread.sleep(400);
            assertThat(fired).isEmpty();
        }
    }

    @Test
    void filesWhoseSizeTimeAndIdentityStayTheSameAreNotReadBetweenFullChecks(@TempDir Path dir) throws Exception {
        Path data = Files.writeString(dir.resolve("data.json"), "{\"bindings\": []}\n");
        List<Path> fired = new CopyOnWriteArrayList<>();
        try (ChangeWatcher watcher = ChangeWatcher.start(List.of(dir), Duration.ofMillis(10), Duration.ofMillis(30),
                fired::add)) {
            Thread.sleep(150); // about 15 polls, fewer than FULL_CHECK_EVERY
            assertThat(watcher.contentPolls()).isZero();

            Files.writeString(data, "{\"bindings\": [\"alice\"]}\n");
            waitFor(() -> !fired.isEmpty());
            assertThat(watcher.contentPolls()).isPositive();
        }
    }

    @Test
    void aRewriteThatKeepsSizeTimeAndIdentityIsSeenAtTheNextFullCheck(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.rego"), "package a\n# v1\n");
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(policy);
        List<Path> fired = new CopyOnWriteArrayList<>();
        try (ChangeWatcher ignored = ChangeWatcher.start(List.of(policy), Duration.ofMillis(10), Duration.ofMillis(30),
                fired::add)) {
            Files.writeString(policy, "package a\n# v2\n"); // same size, same file
            Files.setLastModifiedTime(policy, written);
            waitFor(() -> !fired.isEmpty());
            assertThat(fired).containsExactly(policy);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the watcher did not fire");
            Thread.sleep(20);
        }
    }

    @Test
    void filesUnderADirectoryThatAreNotRelevantAreIgnored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("gateway.rego"), "package a\n");
        List<Path> fired = new CopyOnWriteArrayList<>();
        try (ChangeWatcher ignored = ChangeWatcher.start(List.of(dir), f -> f.toString().endsWith(".rego"),
                Duration.ofMillis(30), Duration.ofMillis(30), fired::add)) {
            Files.writeString(dir.resolve("README.md"), "notes\n");
            Files.writeString(dir.resolve(".gateway.rego.swp"), "editor state\n");
            Thread.sleep(400);
            assertThat(fired).isEmpty();
            Files.writeString(dir.resolve("gateway.rego"), "package a\n# changed\n");
            waitFor(() -> fired.size() == 1);
        }
    }
}
