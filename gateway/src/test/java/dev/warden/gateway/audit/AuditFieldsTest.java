package dev.warden.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

class AuditFieldsTest {
    static final LoggerContext CONTEXT = (LoggerContext) LoggerFactory.getILoggerFactory();

    private static String line(AuditEvent e, Object fieldsArgument) {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(CONTEXT);
        encoder.setIncludeContext(false);
        encoder.start();
        LoggingEvent event = new LoggingEvent(AuditLog.class.getName(), CONTEXT.getLogger("warden.audit"), Level.INFO,
                "audit {}", null, new Object[] {e.type().wireName(), fieldsArgument});
        event.setInstant(Instant.parse("2026-05-01T10:00:00Z"));
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private static void sameLineAsTheMapOfFields(AuditEvent e) {
        assertThat(line(e, new AuditFields(e))).isEqualTo(line(e, StructuredArguments.entries(AuditFields.asMap(e))));
    }

    @Test
    void aToolCallsLineIsTheSameAsTheMapOfItsFieldsWouldWrite() {
        sameLineAsTheMapOfFields(new AuditEvent("01a2-id", Instant.parse("2026-05-01T10:00:00Z"),
                AuditEvent.Type.TOOL_CALL, "req-1", "alice", "alice@example.com", List.of("developer", "analyst"),
                "gateway:tool:invoke", "postgres-mcp", "execute_query",
                JsonMapper.builder().build().readTree("{\"query\":\"SELECT \\\"x\\\" — ü\",\"n\":[1,{\"a\":null}]}"),
                "allow", "Allowed: \"developer\" role\nnext line", "abc123", "ok", 12));
    }

    @Test
    void aRefusedCredentialsLineLeavesOutWhatIsUnknownAsTheMapDid() {
        sameLineAsTheMapOfFields(new AuditEvent("01a2-id2", Instant.parse("2026-05-01T10:00:00Z"),
                AuditEvent.Type.AUTHENTICATION, "req-2", null, null, List.of(), "gateway:tool:invoke", null, null,
                null, "deny", "token expired", null, null, 0));
    }

    @Test
    void printsAsTheMapOfFieldsForTextFormats() {
        AuditEvent e = new AuditEvent("id-3", Instant.parse("2026-05-01T10:00:00Z"), AuditEvent.Type.DECISION, "r",
                "bob", null, List.of("viewer"), "gateway:tool:list", "s", "t", null, "deny", "no", "v1", null, 3);
        assertThat(new AuditFields(e).toString()).isEqualTo(AuditFields.asMap(e).toString())
                .contains("audit_id=id-3", "decision=deny");
    }
}
