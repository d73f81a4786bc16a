package dev.warden.rego.eval;

import static dev.warden.rego.eval.EvalTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.rego.EvalOptions;
import dev.warden.rego.Rego;
import dev.warden.rego.RegoException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CancellationTest {
    private final Rego explosive = policy("package t\nr := numbers.range(1, 400)\n"
            + "p contains [a, b, c] if { some a in r; some b in r; some c in r; a + b + c == -1 }\n");

    @Test
    void aCombinatorialExplosionIsStoppedByTheDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> explosive.prepare("data.t.p")
                .eval(EvalOptions.NONE.withDeadline(Instant.now().plusMillis(50))))
                .isInstanceOf(RegoException.class)
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo("eval_cancel_error"));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void aCancelledEvaluationFails() {
        AtomicBoolean cancel = new AtomicBoolean(true);
        assertThatThrownBy(() -> explosive.prepare("data.t.p").eval(EvalOptions.NONE.withCancellation(cancel)))
                .hasMessageContaining("eval_cancel_error");
    }

    @Test
    void timeNowIsFixedWithinOneEvaluationAndInjectable() {
        Rego r = policy("package t\nsame if time.now_ns() == time.now_ns()\nnow := time.now_ns()\n");
        assertThat(r.prepare("data.t.same").eval(EvalOptions.NONE).isTrue()).isTrue();
        assertThat(r.prepare("data.t.now").eval(EvalOptions.NONE.withNowNanos(5)).firstValue().toString()).isEqualTo("5");
    }
}
