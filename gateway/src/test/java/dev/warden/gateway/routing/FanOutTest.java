package dev.warden.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.config.ServerConfig;
import dev.warden.gateway.upstream.UpstreamException;
import dev.warden.gateway.upstream.Upstreams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

@DisplayName("list fan-out to upstreams")
class FanOutTest {

    /** fast answers at once, slow sleeps 5 s, dead is down, off is disabled. */
    private static class MixedUpstreams implements Upstreams {
        private static ServerConfig server(String name, boolean enabled) {
            return new ServerConfig(name, ServerConfig.Transport.STDIO, "x", List.of(), Map.of(), null, null, Map.of(),
                    "", enabled, Map.of(), Duration.ofSeconds(1));
        }

        @Override
        public List<ServerConfig> servers() {
            return List.of(server("fast", true), server("slow", true), server("dead", true), server("off", false));
        }

        @Override public Optional<ServerConfig> server(String name) { return Optional.empty(); }

        @Override
        public UpstreamStatus status(String name) {
            return new UpstreamStatus(name.equals("off") ? UpstreamStatus.State.DISABLED
                    : UpstreamStatus.State.CONNECTED, null);
        }

        @Override
        public List<ToolInfo> tools(String server) {
            switch (server) {
                case "slow" -> {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return List.of(new ToolInfo("late", "", null));
                }
                case "dead" -> throw new UpstreamException.Unavailable(server, "connection refused", null);
                case "off" -> throw new AssertionError("a disabled server must not be asked");
                default -> {
                    return List.of(new ToolInfo("quick", "", null));
                }
            }
        }

        @Override
        public ToolCallOutcome callTool(String server, String tool, ObjectNode arguments, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override public void close() { }
    }

    @Test
    void aSlowAndADeadUpstreamAreLeftOutWithoutStallingTheList() {
        long t0 = System.nanoTime();
        Map<String, List<Upstreams.ToolInfo>> tools = new FanOut(new MixedUpstreams(), Duration.ofMillis(300))
                .collect();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(tools).containsOnlyKeys("fast");
        assertThat(tools.get("fast")).extracting(Upstreams.ToolInfo::name).containsExactly("quick");
        assertThat(millis).isLessThan(2_000);
    }

    @Test
    void toolListsKeptInMemoryAreReadOnTheCallersThreadInRegistryOrder() {
        List<Thread> askedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        Upstreams inMemory = new MixedUpstreams() {
            @Override public boolean toolsFromMemory() { return true; }

            @Override
            public List<ServerConfig> servers() {
                return List.of(MixedUpstreams.server("fast", true), MixedUpstreams.server("dead", true),
                        MixedUpstreams.server("off", false), MixedUpstreams.server("second", true));
            }

            @Override
            public List<ToolInfo> tools(String server) {
                askedOn.add(Thread.currentThread());
                return super.tools(server);
            }
        };
        Map<String, List<Upstreams.ToolInfo>> tools = new FanOut(inMemory, Duration.ofMillis(300)).collect();
        assertThat(tools).containsOnlyKeys("fast", "second"); // dead is left out, off is never asked
        assertThat(tools.keySet()).containsExactly("fast", "second");
        assertThat(askedOn).hasSize(3).allMatch(t -> t == Thread.currentThread());
    }

    @Test
    void aDownUpstreamIsLoggedAtWarnOnceAMinuteNotAtEveryList() {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(FanOut.class);
        logs.start();
        logger.addAppender(logs);
        try {
            FanOut fanOut = new FanOut(new MixedUpstreams() {
                @Override public boolean toolsFromMemory() { return true; }

                @Override
                public List<ServerConfig> servers() { return List.of(MixedUpstreams.server("dead", true)); }
            }, Duration.ofMillis(300));
            for (int i = 0; i < 5; i++) assertThat(fanOut.collect()).isEmpty();
            assertThat(logs.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .containsExactly("upstream 'dead' is left out of this tools/list: connection refused");
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void anyListIsCollectedTheSameWay() {
        Map<String, List<String>> names = new FanOut(new MixedUpstreams(), Duration.ofMillis(300))
                .collect("prompts/list", server -> {
                    if (server.equals("dead")) throw new UpstreamException.Unavailable(server, "down", null);
                    return List.of(server + "-prompt");
                }, true);
        assertThat(names).containsExactly(Map.entry("fast", List.of("fast-prompt")),
                Map.entry("slow", List.of("slow-prompt")));
    }
}
