package dev.warden.rego.eval;

import static dev.warden.rego.eval.EvalTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.Rego;
import dev.warden.rego.RegoException;
import org.junit.jupiter.api.Test;

class PartialDocsTest {
    private final Rego rego = policyWithData("{\"users\": {\"ann\": [\"admin\", \"dev\"], \"bob\": [\"dev\"]}}",
            """
            package t
            roles contains r if some r in data.users[_]
            by_role[r] contains u if { some u, rs in data.users; some r in rs }
            first[u] := rs[0] if some u, rs in data.users
            """);

    @Test
    void partialSetsAreSetsOfEveryValue() {
        assertThat(value(rego, "data.t.roles")).isEqualTo("[\"admin\",\"dev\"]");
        assertThat(value(rego, "data.t.roles[\"dev\"]")).isEqualTo("\"dev\"");
        assertThat(value(rego, "data.t.roles[\"ops\"]")).isEqualTo("undefined");
    }

    @Test
    void partialObjectsAndRefHeadSetsIndexByKey() {
        assertThat(value(rego, "data.t.first")).isEqualTo("{\"ann\":\"admin\",\"bob\":\"dev\"}");
        assertThat(value(rego, "data.t.by_role.dev")).isEqualTo("[\"ann\",\"bob\"]");
        assertThat(bindings(rego, "data.t.first[u] = \"dev\"")).containsExactly("{u:\"bob\"}");
    }

    @Test
    void iteratingAPartialDocBindsKeys() {
        assertThat(bindings(rego, "data.t.by_role[r][_] = \"ann\"")).containsExactly("{r:\"admin\"}", "{r:\"dev\"}");
    }

    @Test
    void emptyPartialDocsAreDefinedAndEmpty() {
        Rego r = policy("package t\ns contains x if some x in input.xs\no[k] := 1 if some k in input.xs\n");
        assertThat(value(r, "data.t.s", "{\"xs\": []}")).isEqualTo("[]");
        assertThat(value(r, "data.t.o", "{\"xs\": []}")).isEqualTo("{}");
    }

    @Test
    void conflictingObjectKeysAreAnErrorAtTheRule() {
        Rego r = policy("package t\no[k] := v if { some k, v in {\"a\": 1}; true }\no[k] := 2 if k := \"a\"\n");
        assertThatThrownBy(() -> value(r, "data.t.o"))
                .isInstanceOf(RegoException.class)
                .hasMessageContaining("eval_conflict_error: object keys must be unique")
                .satisfies(e -> assertThat(((RegoException) e).errors().get(0).location().line()).isGreaterThan(1));
    }
}
