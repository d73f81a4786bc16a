package dev.warden.bench.policy;

import dev.warden.rego.PreparedQuery;
import dev.warden.rego.Rego;
import dev.warden.rego.value.Json;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Policy decisions in-process, each next to a hand-written Java baseline of the same rule measured in the same
 * run. Sample mode, so the report carries the median and p99 the design's targets are stated in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DecisionBenchmarks {
    static final int RBAC_BINDINGS = 1_000;

    /** The gateway's decision query (EmbeddedPolicyEngine.DECISION_QUERY): the documents a decision reads. */
    static final String DECISION_QUERY = "{name: value | some name in [\"result\", \"deny\", \"allow\", \"reason\", "
            + "\"filtered_parameters\", \"cache_ttl\"]; value := data.mcp.gateway[name]}";

    private PreparedQuery tutorialAllowQuery;
    private PreparedQuery tutorialDecisionQuery;
    private PreparedQuery tutorialPackageQuery;
    private PreparedQuery rbacAllowQuery;
    private Value adminQuery;
    private Value analystDrop;
    private Value rbacInput;
    private TutorialBaseline.Request adminRequest;
    private TutorialBaseline.Request analystRequest;
    private RbacData rbac;
    // The last binding: the rule must scan all 1,000 to find it, the worst case for a linear policy.
    private final String rbacUser = "user_" + (RBAC_BINDINGS - 1);
    private String rbacAction;
    private String rbacType;

    @Setup
    public void setup() {
        // Both shipped modules, as the gateway loads its policy directory: a2a.rego is package mcp.gateway.a2a.
        Rego tutorial = Rego.builder().module("gateway.rego", Resources.text("policies/gateway.rego"))
                .module("a2a.rego", Resources.text("policies/a2a.rego")).build();
        tutorialAllowQuery = tutorial.prepare("data.mcp.gateway.allow");
        tutorialDecisionQuery = tutorial.prepare(DECISION_QUERY);
        tutorialPackageQuery = tutorial.prepare("data.mcp.gateway");
        adminQuery = Json.parse(Resources.text("policies/test_data/admin_query.json"));
        analystDrop = Json.parse(Resources.text("policies/test_data/analyst_drop.json"));
        adminRequest = request(adminQuery);
        analystRequest = request(analystDrop);

        rbac = new RbacData(RBAC_BINDINGS);
        RbacData.Grant grant = rbac.roles.get(rbac.bindings.get(RBAC_BINDINGS - 1).role()).get(0);
        rbacAction = grant.action();
        rbacType = grant.type();
        rbacAllowQuery = Rego.builder().module("rbac.rego", Resources.text("rbac/rbac.rego")).data(rbac.document())
                .build().prepare("data.rbac.allow");
        rbacInput = ObjectValue.builder().put("user", StringValue.of(rbacUser))
                .put("action", StringValue.of(rbacAction)).put("type", StringValue.of(rbacType)).build();
        check();
    }

    /** Refuses to measure an engine that gives the wrong answers. */
    private void check() {
        expect(tutorialAllow(), true, "tutorial policy, admin query");
        expect(tutorialDeny(), false, "tutorial policy, analyst DROP");
        expect(javaTutorialAllow(), true, "Java baseline, admin query");
        expect(javaTutorialDeny(), false, "Java baseline, analyst DROP");
        expect(rbacAllow(), true, "RBAC policy");
        expect(javaRbacAllow(), true, "Java RBAC baseline");
        for (Value decision : List.of(tutorialDecision(), tutorialPackage())) {
            if (!(decision instanceof ObjectValue o) || !String.valueOf(o.get("reason")).contains("Allowed")) {
                throw new IllegalStateException("the tutorial decision gave " + decision);
            }
        }
    }

    private static void expect(boolean got, boolean want, String what) {
        if (got != want) throw new IllegalStateException(what + ": expected " + want + " but got " + got);
    }

    @Benchmark
    public boolean tutorialAllow() { return tutorialAllowQuery.eval(adminQuery).isTrue(); }

    @Benchmark
    public boolean tutorialDeny() { return tutorialAllowQuery.eval(analystDrop).isTrue(); }

    /** What the gateway evaluates per call: the documents of the package a decision reads. */
    @Benchmark
    public Value tutorialDecision() { return tutorialDecisionQuery.eval(adminQuery).firstValue(); }

    /** The whole package, nested a2a package included: what the gateway evaluated per call before. */
    @Benchmark
    public Value tutorialPackage() { return tutorialPackageQuery.eval(adminQuery).firstValue(); }

    @Benchmark
    public boolean rbacAllow() { return rbacAllowQuery.eval(rbacInput).isTrue(); }

    @Benchmark
    public boolean javaTutorialAllow() { return TutorialBaseline.allow(adminRequest); }

    @Benchmark
    public boolean javaTutorialDeny() { return TutorialBaseline.allow(analystRequest); }

    @Benchmark
    public TutorialBaseline.Decision javaTutorialDecision() { return TutorialBaseline.decide(adminRequest); }

    @Benchmark
    public boolean javaRbacAllow() { return rbac.allow(rbacUser, rbacAction, rbacType); }

    private static TutorialBaseline.Request request(Value input) {
        ObjectValue in = (ObjectValue) input;
        ObjectValue params = (ObjectValue) in.get("parameters");
        ObjectValue user = (ObjectValue) in.get("user");
        List<String> roles = ((dev.warden.rego.value.ArrayValue) user.get("roles")).elements().stream()
                .map(v -> ((StringValue) v).value()).toList();
        Map<String, Object> parameters = new java.util.HashMap<>();
        for (Value k : params.keys()) parameters.put(((StringValue) k).value(), ((StringValue) params.get(k)).value());
        String sensitivity = ((StringValue) ((ObjectValue) ((ObjectValue) in.get("server")).get("metadata"))
                .get("sensitivity_level")).value();
        return new TutorialBaseline.Request(str(in, "action"), str(in, "server_name"), str(in, "tool_name"),
                parameters, roles, sensitivity);
    }

    private static String str(ObjectValue o, String key) { return ((StringValue) o.get(key)).value(); }
}
