package dev.warden.rego.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.PreparedQuery;
import dev.warden.rego.Rego;
import dev.warden.rego.value.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IndexingTest {
    private static final String POLICY = """
            package rbac
            default allow := false
            allow if {
                some b in data.bindings
                b.user == input.user
                some g in data.grants[b.role]
                g == input.action
            }
            """;

    private static String data(int users) {
        StringBuilder sb = new StringBuilder("{\"bindings\": [");
        for (int i = 0; i < users; i++) {
            sb.append(i > 0 ? "," : "").append("{\"user\": \"u").append(i).append("\", \"role\": \"r").append(i % 3)
                    .append("\"}");
        }
        return sb.append("], \"grants\": {\"r0\": [\"read\"], \"r1\": [\"read\", \"write\"], \"r2\": []}}").toString();
    }

    private static boolean allowed(PreparedQuery q, String user, String action) {
        return q.eval(EvalOptions.input(Json.parse("{\"user\": \"" + user + "\", \"action\": \"" + action + "\"}")))
                .isTrue();
    }

    @Test
    void indexedIterationGivesTheSameAnswersAsAFullScan() {
        PreparedQuery q = Rego.builder().module("rbac.rego", POLICY).data(data(200)).build().prepare("data.rbac.allow");
        for (int round = 0; round < 3; round++) { // the index is built on the second round
            assertThat(allowed(q, "u1", "write")).isTrue();
            assertThat(allowed(q, "u0", "write")).isFalse();
            assertThat(allowed(q, "u2", "read")).isFalse();
            assertThat(allowed(q, "nobody", "read")).isFalse();
        }
    }

    @Test
    void collectionsFromInputAreStillScannedCorrectly() {
        Rego r = Rego.builder().module("p.rego", "package t\nhit if {\n some b in input.xs\n b.k == input.want\n}\n").build();
        PreparedQuery q = r.prepare("data.t.hit");
        for (int i = 0; i < 40; i++) {
            StringBuilder xs = new StringBuilder("[");
            for (int j = 0; j < 40; j++) xs.append(j > 0 ? "," : "").append("{\"k\": ").append(j + i).append('}');
            String input = "{\"xs\": " + xs + "], \"want\": " + (i + 39) + "}";
            assertThat(q.eval(EvalOptions.input(Json.parse(input))).isTrue()).isTrue();
        }
    }

    @Test
    void oneQueryServesManyThreads() throws Exception {
        PreparedQuery q = Rego.builder().module("rbac.rego", POLICY).data(data(500)).build().prepare("data.rbac.allow");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int n = i;
                results.add(pool.submit(() -> allowed(q, "u" + n, "write") == (n % 3 == 1)));
            }
            for (Future<Boolean> f : results) assertThat(f.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rulesIndexedOnAnInputValueRunOnlyMatchingClauses() {
        Rego r = Rego.builder().module("p.rego", """
                package t
                verdict contains "read" if input.method == "GET"
                verdict contains "head" if input.method == "HEAD"
                verdict contains "write" if { input.method == "POST"; input.user == "ann" }
                verdict contains "any" if input.user
                verdict contains "else" if input.method != "GET"
                """).build();
        PreparedQuery q = r.prepare("data.t.verdict");
        assertThat(q.eval(EvalOptions.input(Json.parse("{\"method\": \"GET\", \"user\": \"bob\"}"))).firstValue())
                .hasToString("{\"any\", \"read\"}");
        assertThat(q.eval(EvalOptions.input(Json.parse("{\"method\": \"POST\", \"user\": \"ann\"}"))).firstValue())
                .hasToString("{\"any\", \"else\", \"write\"}");
        assertThat(q.eval(EvalOptions.input(Json.parse("{}"))).firstValue()).hasToString("set()");
        assertThat(q.eval(EvalOptions.input(Json.parse("{\"method\": \"PUT\"}"))).firstValue())
                .hasToString("{\"else\"}");
    }
}
