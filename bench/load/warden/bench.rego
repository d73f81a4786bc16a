# Policy of the load benchmark: role-based like the tutorial's, so every decision does real work (find the
# caller's roles, look up what each grants, match the tool) instead of returning a constant.
package mcp.gateway

default allow := false

role_grants := {
	"admin": {"*"},
	"developer": {"bench-echo/echo"},
}

allow if {
	some role in input.user.roles
	grants(role_grants[role], input.server_name, input.tool_name)
}

grants(granted, _, _) if "*" in granted

grants(granted, server, tool) if concat("/", [server, tool]) in granted

reason := sprintf("role grants %s/%s", [input.server_name, input.tool_name]) if allow
