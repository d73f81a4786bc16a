package mcp.gateway.a2a_test

import data.mcp.gateway.a2a

base := {
	"action": "a2a:invoke",
	"source_agent": {"id": "a1", "name": "planner", "trust_level": "trusted", "capabilities": ["plan"], "environment": "prod"},
	"target_agent": {"id": "a2", "name": "sql-agent", "capabilities": ["run_query"], "environment": "prod"},
	"tool_name": "run_query",
	"parameters": {},
	"context": {"workflow_id": "w1", "user_id": "u1", "delegation_depth": 0},
}

test_trusted_agent_may_invoke_an_offered_capability if {
	a2a.allow with input as base
	a2a.max_delegation_depth == 3 with input as base
	a2a.cache_ttl == 300 with input as base
}

test_capability_must_be_offered if {
	not a2a.allow with input as object.union(base, {"tool_name": "drop_db"})
	a2a.reason == "agent sql-agent does not offer the capability drop_db" with input as object.union(base, {"tool_name": "drop_db"})
}

test_untrusted_agent_may_not_cross_environments if {
	inp := object.union(base, {
		"source_agent": {"name": "scraper", "trust_level": "untrusted", "environment": "dev"},
	})
	not a2a.allow with input as inp
	a2a.reason == "untrusted agent scraper may not cross from environment dev to prod" with input as inp
}

test_untrusted_agent_may_act_within_its_environment if {
	inp := object.union(base, {"source_agent": {"name": "scraper", "trust_level": "untrusted", "environment": "prod"}})
	a2a.allow with input as inp
}

test_delegation_depth_is_bounded_by_trust if {
	verified := object.union(base, {"action": "a2a:delegate", "source_agent": {"name": "helper", "trust_level": "verified"}})
	a2a.allow with input as object.union(verified, {"context": {"delegation_depth": 1}})
	not a2a.allow with input as object.union(verified, {"context": {"delegation_depth": 2}})
	not a2a.allow with input as object.union(base, {"context": {"delegation_depth": 4}})
}

test_unknown_actions_are_denied if {
	not a2a.allow with input as object.union(base, {"action": "a2a:takeover"})
}

test_a_trust_level_that_is_not_text_is_untrusted if {
	inp := {"action": "a2a:delegate", "source_agent": {"id": "a1", "trust_level": ["trusted"]},
		"target_agent": {"id": "a2", "capabilities": ["run_query"]}, "tool_name": "run_query"}
	not a2a.allow with input as inp
	a2a.max_delegation_depth == 0 with input as inp
}

test_capabilities_that_are_not_a_list_offer_nothing if {
	not a2a.allow with input as {"action": "a2a:invoke", "source_agent": {"id": "a1", "trust_level": "trusted"},
		"target_agent": {"id": "a2", "capabilities": {"x": "run_query"}}, "tool_name": "run_query"}
}

test_reasons_print_values_that_are_not_text if {
	r := a2a.reason with input as {"action": "a2a:invoke", "source_agent": {"id": "a1", "environment": 1},
		"target_agent": {"id": "a2", "capabilities": ["q"], "environment": 2}, "tool_name": "q"}
	contains(r, "from environment 1 to 2")
}
