package dev.warden.gateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.gateway.support.TestGateway.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A 2026-07-28 client calls tools of a real upstream (the conformance fixture, over Streamable HTTP) that ask it
 * something while they run: the upstream's request comes back to the client as an {@code input_required} result,
 * and the client's retry with its answers and the {@code requestState} finishes the call.
 */
@DisplayName("/mcp input_required rounds for clients of revision 2026-07-28")
class McpInputRoundsTest {
    private static final String ELICITATION = "{\"elicitation\":{}}";
    private static final String SAMPLING = "{\"sampling\":{}}";

    @TempDir
    static Path dir;
    static FixtureGateway fg;
    static McpHttp mcp;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() throws Exception {
        fg = FixtureGateway.start(dir, "fixture");
        mcp = new McpHttp(fg.gw());
        alice = fg.gw().token("alice", "admin");
        bob = fg.gw().token("bob", "admin");
    }

    @AfterAll
    static void stop() {
        if (fg != null) fg.close();
    }

    private static Response elicit(String token, int id, String extra) {
        return mcp.modernDeclaring(token, id, "tools/call", ELICITATION, """
                {"name":"test_elicitation","arguments":{"message":"Who are you?"}%s}""".formatted(extra),
                "Mcp-Name", "test_elicitation");
    }

    private static String answer(JsonNode inputRequired, String state) {
        String key = inputRequired.get("inputRequests").propertyNames().iterator().next();
        return ",\"inputResponses\":{\"" + key + "\":{\"action\":\"accept\",\"content\":{\"username\":\"alice\","
                + "\"email\":\"alice@example.com\"}}},\"requestState\":\"" + state + "\"";
    }

    @Test
    void anUpstreamsElicitationBecomesAnInputRequiredResultAndTheRetryWithTheAnswerCompletesTheCall() {
        Response first = elicit(alice, 1, "");
        assertThat(first.status()).isEqualTo(200);
        JsonNode round = first.json().get("result");
        assertThat(round.get("resultType").asString()).isEqualTo("input_required");
        JsonNode request = round.get("inputRequests").valueStream().findFirst().orElseThrow();
        assertThat(request.get("method").asString()).isEqualTo("elicitation/create");
        assertThat(request.at("/params/message").asString()).isEqualTo("Who are you?");
        String state = round.get("requestState").asString();

        Response done = elicit(alice, 2, answer(round, state));
        assertThat(done.json().get("id").asInt()).isEqualTo(2);
        JsonNode result = done.json().get("result");
        assertThat(result.get("resultType").asString()).isEqualTo("complete");
        assertThat(result.at("/content/0/text").asString())
                .contains("Elicitation completed: action=accept").contains("alice@example.com");
    }

    @Test
    void aSamplingRequestTravelsTheSameWay() {
        String params = "{\"name\":\"test_sampling\",\"arguments\":{\"prompt\":\"2+2?\"}%s}";
        Response first = mcp.modernDeclaring(alice, 3, "tools/call", SAMPLING, params.formatted(""),
                "Mcp-Name", "test_sampling");
        JsonNode round = first.json().get("result");
        String key = round.get("inputRequests").propertyNames().iterator().next();
        assertThat(round.at("/inputRequests/" + key + "/method").asString()).isEqualTo("sampling/createMessage");
        String retry = ",\"inputResponses\":{\"" + key + "\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\","
                + "\"text\":\"4\"},\"model\":\"test-model\",\"stopReason\":\"endTurn\"}},\"requestState\":\""
                + round.get("requestState").asString() + "\"";
        Response done = mcp.modernDeclaring(alice, 4, "tools/call", SAMPLING, params.formatted(retry),
                "Mcp-Name", "test_sampling");
        assertThat(done.json().at("/result/content/0/text").asString()).isEqualTo("LLM response: 4");
    }

    @Test
    void aRetryWithoutTheAnswerIsAskedAgainAndTheStateServesOnce() {
        JsonNode round = elicit(alice, 5, "").json().get("result");
        String state = round.get("requestState").asString();
        JsonNode again = elicit(alice, 6, ",\"requestState\":\"" + state + "\"").json().get("result");
        assertThat(again.get("resultType").asString()).isEqualTo("input_required");
        assertThat(again.get("inputRequests").propertyNames()).containsExactlyElementsOf(
                round.get("inputRequests").propertyNames());
        String next = again.get("requestState").asString();
        assertThat(next).isNotEqualTo(state);

        Response reused = elicit(alice, 7, answer(round, state));
        assertThat(reused.json().at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(reused.json().at("/error/message").asString()).contains("not known to this gateway");
        assertThat(elicit(alice, 8, answer(again, next)).json().at("/result/resultType").asString())
                .isEqualTo("complete");
    }

    @Test
    void aStateAlteredOrPresentedByAnotherCallerIsRefusedAndTheCallStillWaitsForItsOwner() {
        JsonNode round = elicit(alice, 9, "").json().get("result");
        String state = round.get("requestState").asString();
        String altered = state.substring(0, state.length() - 2) + (state.endsWith("AA") ? "BB" : "AA");

        Response tampered = elicit(alice, 10, answer(round, altered));
        assertThat(tampered.json().at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(tampered.json().at("/error/message").asString()).contains("was altered");
        Response stolen = elicit(bob, 11, answer(round, state));
        assertThat(stolen.json().at("/error/message").asString()).contains("not issued to this caller");

        assertThat(elicit(alice, 12, answer(round, state)).json().at("/result/resultType").asString())
                .isEqualTo("complete");
    }

    @Test
    void anAnswerThatIsNotAnObjectIsRefusedAndTheSameStateStillServes() {
        JsonNode round = elicit(alice, 16, "").json().get("result");
        String state = round.get("requestState").asString();
        String key = round.get("inputRequests").propertyNames().iterator().next();
        Response bad = elicit(alice, 17, ",\"inputResponses\":{\"" + key + "\":\"yes\"},\"requestState\":\"" + state
                + "\"");
        assertThat(bad.json().at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(bad.json().at("/error/message").asString()).contains("inputResponses[\"" + key + "\"] must be an object");
        assertThat(elicit(alice, 18, answer(round, state)).json().at("/result/resultType").asString())
                .isEqualTo("complete");
    }

    @Test
    void aRetryWithOtherArgumentsIsRefused() {
        JsonNode round = elicit(alice, 13, "").json().get("result");
        Response other = mcp.modernDeclaring(alice, 14, "tools/call", ELICITATION, """
                {"name":"test_elicitation","arguments":{"message":"Something else"}%s}"""
                .formatted(answer(round, round.get("requestState").asString())), "Mcp-Name", "test_elicitation");
        assertThat(other.json().at("/error/message").asString()).contains("arguments differ");
    }

    @Test
    void aCapabilityTheClientDidNotDeclareEndsTheCallWith400AndMissingCapability() {
        Response r = mcp.modernDeclaring(alice, 15, "tools/call", "{}", """
                {"name":"test_sampling","arguments":{"prompt":"hi"}}""", "Mcp-Name", "test_sampling");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asInt()).isEqualTo(-32021);
        assertThat(r.json().at("/error/data/requiredCapabilities").properties())
                .extracting(Map.Entry::getKey).containsExactly("sampling");
    }
}
