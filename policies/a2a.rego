# Agent-to-agent authorization (SARK's POST /api/v1/gateway/authorize-a2a), package mcp.gateway.a2a.
#
# Input: {action: "a2a:invoke" | "a2a:delegate",
#         source_agent: {id, name, trust_level, capabilities[], environment},
#         target_agent: {id, name, capabilities[], environment},
#         tool_name, parameters, context: {workflow_id, user_id, delegation_depth}}
# Rules (as SARK documents them):
#   - the requested capability (tool_name) must be among the target agent's capabilities;
#   - untrusted agents may not cross environments (a missing environment counts as "default");
#   - the delegation depth is bounded by the source agent's trust level: trusted 3, verified 2, limited 1,
#     untrusted 0 (an unknown level counts as untrusted); delegating needs room for one more hop.
# Outputs: allow, reason, deny (the messages), max_delegation_depth, cache_ttl (300 s when allowed).

package mcp.gateway.a2a

default allow := false

actions := {"a2a:invoke", "a2a:delegate"}

depth_by_trust := {"trusted": 3, "verified": 2, "limited": 1, "untrusted": 0}

# A trust level that is not text (["trusted"] would otherwise be read as a path into depth_by_trust) is unknown.
given_trust_level := object.get(input.source_agent, "trust_level", "untrusted")

trust_level := given_trust_level if is_string(given_trust_level)

trust_level := "untrusted" if not is_string(given_trust_level)

# Capabilities are a list; anything else offers none (an object's values would otherwise be searched).
target_capabilities := caps if {
	caps := object.get(input.target_agent, "capabilities", [])
	is_array(caps)
}

target_capabilities := [] if not is_array(object.get(input.target_agent, "capabilities", []))

max_delegation_depth := object.get(depth_by_trust, trust_level, 0)

depth := object.get(object.get(input, "context", {}), "delegation_depth", 0)

source_env := object.get(input.source_agent, "environment", "default")

target_env := object.get(input.target_agent, "environment", "default")

source_name := object.get(input.source_agent, "name", object.get(input.source_agent, "id", "unknown agent"))

target_name := object.get(input.target_agent, "name", object.get(input.target_agent, "id", "unknown agent"))

deny contains msg if {
	not input.action in actions
	msg := sprintf("unsupported A2A action %v; expected a2a:invoke or a2a:delegate", [input.action])
}

deny contains msg if {
	input.action in actions
	not input.tool_name in target_capabilities
	msg := sprintf("agent %v does not offer the capability %v", [target_name, object.get(input, "tool_name", null)])
}

deny contains msg if {
	input.action in actions
	not trust_level in {"trusted", "verified", "limited"}
	source_env != target_env
	msg := sprintf("untrusted agent %v may not cross from environment %v to %v", [source_name, source_env, target_env])
}

deny contains msg if {
	input.action == "a2a:invoke"
	depth > max_delegation_depth
	msg := sprintf("delegation depth %v exceeds the maximum of %v for %v agents", [depth, max_delegation_depth, trust_level])
}

deny contains msg if {
	input.action == "a2a:delegate"
	depth + 1 > max_delegation_depth
	msg := sprintf("agent %v may not delegate further: depth %v, maximum %v for %v agents", [source_name, depth, max_delegation_depth, trust_level])
}

allow if {
	input.action in actions
	count(deny) == 0
}

reason := sprintf("Allowed: agent %v may %v %v on agent %v", [source_name, verb, input.tool_name, target_name]) if allow

reason := concat("; ", sort(deny)) if not allow

verb := "delegate" if input.action == "a2a:delegate"

verb := "invoke" if input.action != "a2a:delegate"

cache_ttl := 300 if allow

cache_ttl := 0 if not allow
