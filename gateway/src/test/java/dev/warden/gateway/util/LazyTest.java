package dev.warden.gateway.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
    @Test
    void manyThreadsAskingAtOnceGetOneValueMadeOnce() throws Exception {
        AtomicInteger made = new AtomicInteger();
        Lazy<Object> lazy = new Lazy<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                seen.add(lazy.get());
            }));
        }
        start.countDown();
        for (Thread t : threads) t.join();
        assertThat(made).hasValue(1);
        assertThat(seen).hasSize(16).allSatisfy(v -> assertThat(v).isSameAs(seen.get(0)));
    }

    @Test
    void aFailureIsNotRememberedTheNextCallTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        Lazy<String> lazy = new Lazy<>(() -> {
            if (calls.incrementAndGet() == 1) throw new IllegalStateException("not yet");
            return "ready";
        });
        assertThatThrownBy(lazy::get).hasMessage("not yet");
        assertThat(lazy.get()).isEqualTo("ready");
        assertThat(lazy.get()).isEqualTo("ready");
        assertThat(calls).hasValue(2);
    }
}
