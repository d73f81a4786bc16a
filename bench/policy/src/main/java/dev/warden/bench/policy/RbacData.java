package dev.warden.bench.policy;

import dev.warden.rego.value.ArrayValue;
import dev.warden.rego.value.ObjectValue;
import dev.warden.rego.value.StringValue;
import dev.warden.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generated RBAC data: {@code bindings} user-to-role bindings over {@value #ROLES} roles, each role granting
 * {@value #GRANTS_PER_ROLE} (action, type) pairs. Deterministic, so every run measures the same document; the
 * same content is exposed as Rego data (for the policy) and as Java collections (for the baseline).
 */
final class RbacData {
    static final int ROLES = 50;
    static final int GRANTS_PER_ROLE = 4;
    private static final String[] ACTIONS = {"read", "write", "delete", "list", "admin"};
    private static final String[] TYPES = {"dataset", "dashboard", "report", "pipeline", "secret", "model"};

    record Binding(String user, String role) {}

    record Grant(String action, String type) {}

    final List<Binding> bindings = new ArrayList<>();
    final Map<String, List<Grant>> roles = new LinkedHashMap<>();

    RbacData(int bindingCount) {
        for (int r = 0; r < ROLES; r++) {
            List<Grant> grants = new ArrayList<>();
            for (int g = 0; g < GRANTS_PER_ROLE; g++) {
                grants.add(new Grant(ACTIONS[(r + g) % ACTIONS.length], TYPES[(r * 7 + g * 3) % TYPES.length]));
            }
            roles.put("role_" + r, grants);
        }
        for (int i = 0; i < bindingCount; i++) bindings.add(new Binding("user_" + i, "role_" + (i % ROLES)));
    }

    /** {@code {"rbac": {"bindings": [...], "roles": {...}}}} for {@code Rego.Builder.data}. */
    Value document() {
        List<Value> bs = new ArrayList<>();
        for (Binding b : bindings) {
            bs.add(ObjectValue.builder().put("user", StringValue.of(b.user())).put("role", StringValue.of(b.role())).build());
        }
        ObjectValue.Builder rs = ObjectValue.builder();
        roles.forEach((role, grants) -> {
            List<Value> gs = new ArrayList<>();
            for (Grant g : grants) {
                gs.add(ObjectValue.builder().put("action", StringValue.of(g.action()))
                        .put("type", StringValue.of(g.type())).build());
            }
            rs.put(role, ArrayValue.of(gs));
        });
        ObjectValue rbac = ObjectValue.builder().put("bindings", ArrayValue.of(bs)).put("roles", rs.build()).build();
        return ObjectValue.builder().put("rbac", rbac).build();
    }

    /** The same rule as rbac.rego, by hand. */
    boolean allow(String user, String action, String type) {
        for (Binding b : bindings) {
            if (!b.user().equals(user)) continue;
            for (Grant g : roles.getOrDefault(b.role(), List.of())) {
                if (g.action().equals(action) && g.type().equals(type)) return true;
            }
        }
        return false;
    }
}
