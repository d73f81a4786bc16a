package dev.warden.rego.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs OPA's conformance suite through the harness and fails when fewer cases pass than the floor recorded in
 * {@code conformance-floor.txt}. Raise the floor whenever the engine gets better; never lower it silently.
 * {@code -Dwarden.conformance.json=FILE} also writes every case's outcome and reason to FILE.
 */
class ConformanceFloorTest {

    /** The suite, relative to this module; override with {@code -Dwarden.conformance.dir=...}. */
    static Path suiteDir() {
        String override = System.getProperty("warden.conformance.dir");
        return override != null ? Path.of(override) : Path.of("..", "..", "shared", "opa-conformance", "v1");
    }

    @Test
    @DisplayName("at least the recorded floor of OPA conformance cases pass")
    void passesAtLeastTheFloor() throws IOException {
        Path dir = suiteDir();
        assertThat(Files.isDirectory(dir)).as("conformance suite directory %s", dir.toAbsolutePath()).isTrue();

        // A generous deadline: the first cases also pay for class loading and JIT warm-up, and a loaded build
        // machine must not turn slowness into a lower count. A real hang still fails its case, 20 s later.
        ConformanceReport report = new ConformanceRunner(Duration.ofSeconds(20), r -> {}).run(ConformanceSuite.load(dir));
        System.out.print(report.table());
        System.out.println(report.summary());
        String json = System.getProperty("warden.conformance.json");
        if (json != null) Files.writeString(Path.of(json), report.toJson());

        assertThat(report.results()).hasSize(2067);
        assertThat(report.passed()).as("conformance cases passing (floor in conformance-floor.txt)")
                .isGreaterThanOrEqualTo(floor());
    }

    private static int floor() throws IOException {
        try (InputStream in = ConformanceFloorTest.class.getResourceAsStream("/conformance-floor.txt")) {
            assertThat(in).as("conformance-floor.txt on the test classpath").isNotNull();
            return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
