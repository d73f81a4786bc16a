package dev.warden.gateway.cli;

import dev.warden.rego.value.Json;
import dev.warden.rego.value.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** YAML documents as Rego values, for data and input files given to the policy commands. */
final class YamlValues {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private YamlValues() {}

    static Value parse(String text) {
        JsonNode node = YAML.readTree(text);
        return Json.parse(JSON.writeValueAsString(node == null || node.isMissingNode() ? JSON.nullNode() : node));
    }
}
