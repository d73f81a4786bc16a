package dev.warden.rego.tester;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.value.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndentedJsonTest {

    @Test
    void laysOutLikeGoMarshalIndent() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", Json.parse("{\"b\": [], \"a\": {}}"));
        m.put("list", List.of(1, "x<"));
        assertThat(IndentedJson.write(m)).isEqualTo("""
                {
                  "value": {
                    "a": {},
                    "b": []
                  },
                  "list": [
                    1,
                    "x\\u003c"
                  ]
                }""");
    }
}
