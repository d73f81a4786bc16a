package dev.warden.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class BatchingConsoleAppenderTest {
    final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BatchingConsoleAppender appender = new BatchingConsoleAppender();
    Logger logger;

    @BeforeEach
    void start() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("[%X{request_id:-}] %msg%n");
        encoder.start();
        appender.setContext(context);
        appender.setName("TEST");
        appender.setEncoder(encoder);
        appender.setTarget(out);
        appender.setQueueSize(64); // small, so that the concurrent test also fills it and callers must wait
        appender.start();
        logger = context.getLogger("test.batching." + java.util.UUID.randomUUID());
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    @AfterEach
    void stop() {
        appender.stop();
        logger.detachAppender(appender);
    }

    @Test
    void linesFromManyThreadsAllArriveWholeAndInEachThreadsOrder() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            started.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perThread; i++) logger.info("t{} n{}", id, i);
            }));
        }
        for (Thread t : started) t.join();
        appender.stop();

        List<String> lines = Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(lines).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            String prefix = "[] t" + t + " n";
            List<Integer> seen = lines.stream().filter(l -> l.startsWith(prefix))
                    .map(l -> Integer.parseInt(l.substring(prefix.length()))).toList();
            assertThat(seen).as("thread %d's lines, in order", t).hasSize(perThread).isSorted();
        }
    }

    @Test
    void aLineCarriesTheRequestIdOfItsThreadAtTheTimeItWasLogged() {
        MDC.put("request_id", "req-1");
        try {
            logger.info("first");
        } finally {
            MDC.remove("request_id");
        }
        logger.info("second");
        appender.stop();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[req-1] first\n[] second\n");
    }

    @Test
    void aQueuedLineIsWrittenWithinMillisecondsWithoutStopping() throws Exception {
        logger.info("soon");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (out.size() == 0 && System.nanoTime() < deadline) Thread.sleep(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[] soon\n");
    }

    @Test
    void anAppenderWithoutAnEncoderDoesNotStart() {
        BatchingConsoleAppender bare = new BatchingConsoleAppender();
        bare.setContext(context);
        bare.setName("BARE");
        bare.start();
        assertThat(bare.isStarted()).isFalse();
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(s -> assertThat(s.getMessage()).contains("no encoder set for the appender named [BARE]"));
    }

    @Test
    void withTheJsonEncoderEveryLineIsOneWholeObjectAndALineThatCannotBeEncodedLeavesNothingBehind() throws Exception {
        appender.stop();
        logger.detachAppender(appender);
        net.logstash.logback.encoder.LogstashEncoder json = new net.logstash.logback.encoder.LogstashEncoder();
        json.setContext(context);
        json.start();
        BatchingConsoleAppender jsonLines = new BatchingConsoleAppender();
        jsonLines.setContext(context);
        jsonLines.setName("JSON_TEST");
        jsonLines.setEncoder(json);
        jsonLines.setTarget(out);
        jsonLines.start();
        logger.addAppender(jsonLines);
        net.logstash.logback.argument.StructuredArgument broken = new net.logstash.logback.argument.StructuredArgument() {
            @Override
            public void writeTo(tools.jackson.core.JsonGenerator g) {
                g.writeStringProperty("half", "written");
                throw new IllegalStateException("cannot encode");
            }

            @Override
            public String toString() { return "broken"; }
        };

        logger.info("before");
        logger.info("broken {}", broken);
        logger.info("after");
        jsonLines.stop();
        logger.detachAppender(jsonLines);

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        tools.jackson.databind.ObjectMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
        assertThat(mapper.readTree(lines[0]).get("message").asString()).isEqualTo("before");
        assertThat(mapper.readTree(lines[1]).get("message").asString()).isEqualTo("after");
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(st -> assertThat(st.getMessage()).contains("could not encode a log event"));
    }
}
