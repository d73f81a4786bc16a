package dev.warden.rego.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.value.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFilesTest {
    @TempDir Path dir;

    @Test
    void loadsModulesAndPlacesDataUnderTheFoldersLeadingToIt() throws IOException {
        Files.writeString(dir.resolve("p.rego"), "package p\n");
        Files.createDirectories(dir.resolve("roles/admins"));
        Files.writeString(dir.resolve("roles/admins/data.json"), "{\"names\": [\"ann\"]}");
        Files.writeString(dir.resolve("data.yaml"), "limit: 3");
        Files.writeString(dir.resolve("README.md"), "ignored inside a directory");
        Files.createDirectories(dir.resolve("test_data"));
        Files.writeString(dir.resolve("test_data/input.json"), "{\"example\": \"input, not data\"}");

        PolicyFiles files = PolicyFiles.load(List.of(dir), yaml -> Json.parse("{\"limit\": 3}"), List.of());

        assertThat(files.modules()).containsOnlyKeys(dir.resolve("p.rego").toString());
        assertThat(files.data()).isEqualTo(Json.parse("{\"limit\": 3, \"roles\": {\"admins\": {\"names\": [\"ann\"]}}}"));
    }

    @Test
    void loadsADataFileNamedOnTheCommandLineWhateverItsName() throws IOException {
        Files.writeString(dir.resolve("roles.json"), "{\"admins\": [\"ann\"]}");
        assertThat(PolicyFiles.load(List.of(dir.resolve("roles.json")), null, List.of()).data())
                .isEqualTo(Json.parse("{\"admins\": [\"ann\"]}"));
    }

    @Test
    void reportsTwoFilesSettingTheSameKeyAsAMergeError() throws IOException {
        Files.writeString(dir.resolve("a.json"), "{\"x\": 1}");
        Files.writeString(dir.resolve("b.json"), "{\"x\": 1}");
        assertThatThrownBy(() -> PolicyFiles.load(List.of(dir.resolve("a.json"), dir.resolve("b.json")), null, List.of()))
                .isInstanceOf(PolicyFiles.LoadException.class).hasMessageContaining("b.json: merge error: data.x is already set");
    }

    @Test
    void skipsIgnoredNamesAndNamesAMissingPath() throws IOException {
        Files.createDirectories(dir.resolve("fixtures"));
        Files.writeString(dir.resolve("fixtures/data.json"), "{\"x\": 1}");
        assertThat(PolicyFiles.load(List.of(dir), null, List.of()).data().isEmpty()).isFalse();
        assertThat(PolicyFiles.load(List.of(dir), null, List.of("fix*")).data().isEmpty()).isTrue();
        assertThatThrownBy(() -> PolicyFiles.load(List.of(dir.resolve("nope.rego")), null, List.of()))
                .hasMessageContaining("nope.rego: no such file or directory");
    }

    @Test
    void namesTheFileOfMalformedJson() throws IOException {
        Files.writeString(dir.resolve("data.json"), "{\"x\": }");
        assertThatThrownBy(() -> PolicyFiles.load(List.of(dir), null, List.of()))
                .hasMessageContaining("data.json");
    }
}
