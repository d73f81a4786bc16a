package dev.warden.rego.builtins;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fixed evaluation context for calling builtins directly in tests. */
final class TestContext implements BuiltinContext {
    /** 2023-05-01T12:00:00Z. */
    static final long NOW = 1_682_942_400_000_000_000L;

    final List<String> printed = new ArrayList<>();
    private final Map<Object, Object> cache = new HashMap<>();
    private final Map<String, String> env;

    TestContext() { this(Map.of("HOME", "/home/warden")); }

    TestContext(Map<String, String> env) { this.env = env; }

    @Override public long nowNanos() { return NOW; }

    @Override public Map<String, String> env() { return env; }

    @Override public void print(String line) { printed.add(line); }

    @Override public void checkCancelled() {}

    @Override public Map<Object, Object> cache() { return cache; }
}
