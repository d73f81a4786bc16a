# METADATA
# title: MCP gateway authorization
# description: |
#   Who may list and invoke which MCP tools through the gateway. This is the policy of the SARK tutorial
#   "Building a Complete MCP Gateway Server" (package mcp.gateway), in Rego v1, with three changes: it also
#   answers the listing question (action gateway:tool:list), it filters credential-like parameters, and its
#   cache TTL follows the server's sensitivity level (SARK's defaults).
#
#   Input: {action, server_name, tool_name, parameters, user: {id, email, roles, teams}, gateway_metadata,
#   server: {metadata: {sensitivity_level}}}. The gateway reads allow, reason, filtered_parameters, cache_ttl.
package mcp.gateway

# Everything not allowed below is denied.
default allow := false

invoke_action := "gateway:tool:invoke"

list_action := "gateway:tool:list"

# Tools each non-admin role may use, by server. Admins may use every tool of every server.
role_tools := {
	"developer": {
		"postgres-mcp": {"execute_query", "list_tables"},
		"github-mcp": {"get_repo", "list_issues", "get_pull_request"},
	},
	"analyst": {"postgres-mcp": {"execute_query"}},
}

is_admin if "admin" in input.user.roles

# ---------------------------------------------------------------------------------------------------------------
# Invoking tools
# ---------------------------------------------------------------------------------------------------------------

# Admins may invoke any tool.
allow if {
	input.action == invoke_action
	is_admin
}

# Developers may query databases, except with destructive statements.
allow if {
	input.action == invoke_action
	"developer" in input.user.roles
	input.server_name == "postgres-mcp"
	input.tool_name in role_tools.developer["postgres-mcp"]
	not is_destructive_query(input.parameters.query)
}

# Developers may read from GitHub.
allow if {
	input.action == invoke_action
	"developer" in input.user.roles
	input.server_name == "github-mcp"
	input.tool_name in role_tools.developer["github-mcp"]
}

# Analysts may only run read-only (SELECT) queries.
allow if {
	input.action == invoke_action
	"analyst" in input.user.roles
	input.server_name == "postgres-mcp"
	input.tool_name == "execute_query"
	is_select_query(input.parameters.query)
}

# ---------------------------------------------------------------------------------------------------------------
# Listing tools: the gateway asks once per tool (tool_name set) or once per server (no tool_name), and shows
# only what the caller could use.
# ---------------------------------------------------------------------------------------------------------------

allow if {
	input.action == list_action
	is_admin
}

allow if {
	input.action == list_action
	some role in input.user.roles
	input.tool_name in role_tools[role][input.server_name]
}

allow if {
	input.action == list_action
	not input.tool_name
	some role in input.user.roles
	count(role_tools[role][input.server_name]) > 0
}

# ---------------------------------------------------------------------------------------------------------------
# Query classification. Keywords match as whole words in any case, so "deleted_at" is not a DELETE.
# ---------------------------------------------------------------------------------------------------------------

destructive_keywords := `(?i)\b(drop|delete|truncate|alter|update)\b`

is_destructive_query(query) if {
	is_string(query)
	regex.match(destructive_keywords, query)
}

is_select_query(query) if {
	is_string(query)
	regex.match(`(?i)^\s*select\b`, query)
	not is_destructive_query(query)
}

# ---------------------------------------------------------------------------------------------------------------
# Filtered parameters: non-admins cannot pass credentials through to upstream servers; the gateway holds those.
# ---------------------------------------------------------------------------------------------------------------

credential_parameters := {"password", "secret", "token", "api_key", "apikey", "access_token", "credentials"}

default parameters := {}

parameters := input.parameters if is_object(input.parameters)

filtered_parameters := parameters if {
	input.action == invoke_action
	allow
	is_admin
}

filtered_parameters := {name: value |
	some name, value in parameters
	not lower(name) in credential_parameters
} if {
	input.action == invoke_action
	allow
	not is_admin
}

# ---------------------------------------------------------------------------------------------------------------
# Reason, for the caller and the audit trail.
# ---------------------------------------------------------------------------------------------------------------

default role_label := "no"

role_label := concat(", ", input.user.roles) if count(input.user.roles) > 0

default verb := "use"

verb := "invoke" if input.action == invoke_action

verb := "list" if input.action == list_action

target := sprintf("%s:%s", [object.get(input, "server_name", "?"), object.get(input, "tool_name", "*")])

reason := sprintf("Allowed: %s role can %s %s", [role_label, verb, target]) if allow

destructive_invocation if {
	input.action == invoke_action
	is_destructive_query(input.parameters.query)
}

reason := sprintf("Denied: destructive query not allowed for %s role on %s", [role_label, target]) if {
	not allow
	destructive_invocation
}

reason := sprintf("Denied: %s role cannot %s %s", [role_label, verb, target]) if {
	not allow
	not destructive_invocation
}

# ---------------------------------------------------------------------------------------------------------------
# Cache TTL in seconds: by the server's sensitivity (SARK's defaults), 60 when unknown; denials are never cached.
# ---------------------------------------------------------------------------------------------------------------

ttl_by_sensitivity := {"none": 300, "low": 1800, "medium": 300, "high": 60, "critical": 0}

default cache_ttl := 0

cache_ttl := object.get(ttl_by_sensitivity, input.server.metadata.sensitivity_level, 60) if allow

cache_ttl := 60 if {
	allow
	not input.server.metadata.sensitivity_level
}
