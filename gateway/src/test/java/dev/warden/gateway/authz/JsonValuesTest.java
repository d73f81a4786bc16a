package dev.warden.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.value.Json;
import dev.warden.rego.value.SetValue;
import dev.warden.rego.value.StringValue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonValuesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void convertsLikeParsingTheJsonTextWould() {
        String text = """
                {"s":"x","n":1,"big":123456789012345678901234567890,"d":1.5,"t":true,"z":null,
                 "a":[1,{"k":[]}],"o":{"nested":{"deep":"yes"}}}""";
        JsonNode node = JSON.readTree(text);
        assertThat(JsonValues.toValue(node)).isEqualTo(Json.parse(text));
        assertThat(JSON.readTree(JsonValues.toJson(Json.parse(text)).toString())).isEqualTo(node);
    }

    @Test
    void setsBecomeArrays() {
        JsonNode out = JsonValues.toJson(SetValue.of(StringValue.of("b"), StringValue.of("a")));
        assertThat(out.toString()).isEqualTo("[\"a\",\"b\"]");
    }
}
