package dev.warden.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code policy.allow_http_send} in warden.yaml: off unless set, and only true or false. */
class AllowHttpSendConfigTest {
    @TempDir Path dir;

    @BeforeEach
    void policies() throws IOException {
        Files.createDirectories(dir.resolve("policies"));
    }

    private WardenConfig load(String policySection) throws IOException {
        Files.writeString(dir.resolve("warden.yaml"), "jwt:\n  secret: " + ConfigLoaderTest.GOOD_SECRET + "\n"
                + policySection);
        return new ConfigLoader(Map.of(), dir).load(Path.of("warden.yaml"));
    }

    @Test
    void httpSendIsOffByDefault() throws IOException {
        assertThat(load("").policy().allowHttpSend()).isFalse();
    }

    @Test
    void httpSendIsOnWhenTheOperatorSaysSo() throws IOException {
        assertThat(load("policy:\n  allow_http_send: true\n").policy().allowHttpSend()).isTrue();
    }

    @Test
    void aValueOtherThanTrueOrFalseIsRefused() {
        assertThatThrownBy(() -> load("policy:\n  allow_http_send: sometimes\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("allow_http_send").contains("true or false")));
    }
}
