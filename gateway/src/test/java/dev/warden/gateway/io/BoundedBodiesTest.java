package dev.warden.gateway.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedBodiesTest {

    private static ByteArrayInputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsADeclaredBodyWhole() throws Exception {
        assertThat(BoundedBodies.read(body("{\"a\":1}"), 7, 100)).asString().isEqualTo("{\"a\":1}");
    }

    @Test
    void readsABodyOfUnknownLengthWholeWhenItFits() throws Exception {
        String text = "x".repeat(5000);
        assertThat(BoundedBodies.read(body(text), -1, 10_000)).hasSize(5000);
    }

    @Test
    void anOversizedBodyIsCutOneByteOverTheLimitSoTheCallerCanRefuseIt() throws Exception {
        assertThat(BoundedBodies.read(body("x".repeat(5000)), -1, 100)).hasSize(101);
        assertThat(BoundedBodies.read(body("x".repeat(5000)), 5000, 100)).hasSize(101);
        assertThat(BoundedBodies.read(body("x".repeat(100)), -1, 100)).hasSize(100);
    }
}
