package dev.warden.bench.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text of files packed into the benchmark jar (the shipped policy, its example inputs, the RBAC policy). */
final class Resources {
    private Resources() {}

    static String text(String path) {
        try (InputStream in = Resources.class.getResourceAsStream("/" + path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path + " in the benchmark jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
