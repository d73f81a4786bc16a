package dev.warden.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.demo.DemoServers.Options;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoServersTest {

    @Test
    void parsesEachServerWithItsPathOption() {
        assertThat(Options.parse(List.of("sql", "--db", "x.db")).path("--db", "data/demo.db")).isEqualTo("x.db");
        assertThat(Options.parse(List.of("code")).path("--data", "data/code-demo")).isEqualTo("data/code-demo");
    }

    @Test
    void rejectsUnknownServersAndOptionsByName() {
        assertThatThrownBy(() -> Options.parse(List.of())).hasMessage("missing server name (sql or code)");
        assertThatThrownBy(() -> Options.parse(List.of("ftp"))).hasMessage("unknown server 'ftp' (expected sql or code)");
        assertThatThrownBy(() -> Options.parse(List.of("sql", "--data", "d")))
                .hasMessage("server 'sql' takes only --db PATH, got [--data, d]");
    }
}
