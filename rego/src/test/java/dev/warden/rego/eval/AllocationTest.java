package dev.warden.rego.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.PreparedQuery;
import dev.warden.rego.Rego;
import dev.warden.rego.value.Json;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class AllocationTest {
    @Test
    void repeatedEvaluationsAllocateAFixedAmountEach() {
        PreparedQuery q = Rego.builder().module("p.rego", """
                package t
                default allow := false
                allow if {
                    some r in input.roles
                    r in {"admin", "dev"}
                    count(input.name) > 0
                }
                """).build().prepare("data.t.allow");
        EvalOptions in = EvalOptions.input(Json.parse("{\"roles\": [\"x\", \"dev\"], \"name\": \"ann\"}"));
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int i = 0; i < 20_000; i++) assertThat(q.eval(in).isTrue()).isTrue();
        long a0 = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) q.eval(in);
        long first = mx.getThreadAllocatedBytes(tid) - a0;
        long a1 = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) q.eval(in);
        long second = mx.getThreadAllocatedBytes(tid) - a1;
        // Per-evaluation garbage only: the second window allocates no more than the first (with slack for noise).
        assertThat(second).isLessThan(first * 12 / 10 + 100_000);
        assertThat(second / 10_000).as("bytes per evaluation").isLessThan(8_000);
    }
}
