# METADATA
# title: MCP gateway authorization
# description: |
#   Who may list and invoke which MCP tools through the gateway. This is the policy of the SARK tutorial
#   "Building a Complete MCP Gateway Server" (package mcp.gateway), in Rego v1, with four changes: it also
#   answers the listing question (action gateway:tool:list), it filters credential-like parameters, its
#   cache TTL follows the server's sensitivity level (SARK's defaults), and it answers for the resources
#   and prompts the gateway federates over MCP (gateway:resource:list|read, gateway:prompt:list|get).
#
#   Input: {action, server_name, tool_name, parameters, user: {id, email, roles, teams}, gateway_metadata,
#   server: {metadata: {sensitivity_level}}}, plus resource_uri (resource actions) or prompt_name (prompt
#   actions), which tool_name repeats. The gateway reads allow, reason, filtered_parameters, cache_ttl.
package mcp.gateway

# Everything not allowed below is denied.
default allow := false

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
	input.action == "gateway:tool:invoke"
	is_admin
}

# Developers may query databases, except with destructive statements.
allow if {
	input.action == "gateway:tool:invoke"
	"developer" in input.user.roles
	input.server_name == "postgres-mcp"
	input.tool_name in role_tools.developer["postgres-mcp"]
	# Tools without a query (list_tables) pass an empty one; a query that is not text is refused, since the
	# keyword checks below can only read text.
	query := object.get(input, ["parameters", "query"], "")
	is_string(query)
	not is_destructive_query(query)
}

# Developers may read from GitHub.
allow if {
	input.action == "gateway:tool:invoke"
	"developer" in input.user.roles
	input.server_name == "github-mcp"
	input.tool_name in role_tools.developer["github-mcp"]
}

# Analysts may only run read-only (SELECT) queries.
allow if {
	input.action == "gateway:tool:invoke"
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
	input.action == "gateway:tool:list"
	is_admin
}

allow if {
	input.action == "gateway:tool:list"
	some role in input.user.roles
	input.tool_name in role_tools[role][input.server_name]
}

allow if {
	input.action == "gateway:tool:list"
	not input.tool_name
	some role in input.user.roles
	count(role_tools[role][input.server_name]) > 0
}

# ---------------------------------------------------------------------------------------------------------------
# Resources and prompts (MCP): admins see, read and get everything; everyone else those of the servers where
# they may use at least one tool. Subscribing to a resource is decided as reading it.
# ---------------------------------------------------------------------------------------------------------------

resource_and_prompt_actions := {"gateway:resource:list", "gateway:resource:read", "gateway:prompt:list", "gateway:prompt:get"}

uses_server(server) if {
	some role in input.user.roles
	count(role_tools[role][server]) > 0
}

allow if {
	input.action in resource_and_prompt_actions
	is_admin
}

allow if {
	input.action in resource_and_prompt_actions
	uses_server(input.server_name)
}

# ---------------------------------------------------------------------------------------------------------------
# Query classification. Keywords match as whole words in any case, so "deleted_at" is not a DELETE.
# Destructive: what changes or removes data or schema (REPLACE INTO and INSERT OR REPLACE delete the rows they
# collide with), and what reaches beyond the one database or its settings (ATTACH another file, VACUUM INTO a
# copy anywhere, PRAGMA writable_schema). A plain INSERT adds rows and is not destructive. So are statements that
# start a transaction or end one (on a connection several callers share, a ROLLBACK undoes the others' writes),
# and the BACKUP TO / RESTORE FROM commands that SQLite drivers run themselves (a copy anywhere; another file in
# place of the database). SQLite reads a comment as a space, so two-word statements are also looked for with
# the comments taken out ("REPLACE/**/INTO").
# ---------------------------------------------------------------------------------------------------------------

destructive_words := `(?i)\b(drop|delete|truncate|alter|update|create|attach|detach|pragma|vacuum|reindex|grant|revoke|merge|analyze)\b`

destructive_phrases := `(?i)\breplace\s+into\b|\bor\s+replace\b`

# Statements destructive by their first word: at the start of the text or after a ";".
destructive_statements := `(?i)(^|;)\s*(begin|commit|end|rollback|savepoint|release|backup|restore)\b`

# The query with each comment (-- to the end of the line, /* to */ or to the end) replaced by a space.
without_comments(query) := regex.replace(query, `--[^\n]*|/\*[\s\S]*?(\*/|$)`, " ")

is_destructive_query(query) if {
	is_string(query)
	regex.match(destructive_words, query)
}

is_destructive_query(query) if {
	is_string(query)
	some text in [query, without_comments(query)]
	regex.match(destructive_phrases, text)
}

is_destructive_query(query) if {
	is_string(query)
	regex.match(destructive_statements, without_comments(query))
}

is_select_query(query) if {
	is_string(query)
	regex.match(`(?i)^\s*select\b`, query)
	not is_destructive_query(query)
}

# ---------------------------------------------------------------------------------------------------------------
# Filtered parameters: non-admins cannot pass credentials through to upstream servers; the gateway holds those.
# ---------------------------------------------------------------------------------------------------------------

# A parameter name carries a credential when, in lower case with everything but letters and digits taken out,
# it ends with one of these: db_password, X-Api-Key, githubToken, client_secret, aws_secret_access_key and
# user_pwd do; max_tokens and secretary do not.
credential_suffixes := {
	"password", "passwd", "pwd", "passphrase", "secret", "secretkey", "accesskey", "token", "apikey",
	"authorization", "credential", "credentials", "privatekey", "cookie",
}

is_credential(name) if {
	squashed := regex.replace(lower(name), `[^a-z0-9]`, "")
	some suffix in credential_suffixes
	endswith(squashed, suffix)
}

# Where credentials sit in the parameters, at any depth (paths for json.remove).
credential_paths contains path if {
	walk(object.get(input, "parameters", {}), [path, _])
	count(path) > 0
	key := path[count(path) - 1]
	is_string(key)
	is_credential(key)
}

# Tool arguments and prompt arguments alike.
passes_parameters := {"gateway:tool:invoke", "gateway:prompt:get"}

filtered_parameters := object.get(input, "parameters", {}) if {
	input.action in passes_parameters
	allow
	is_admin
}

filtered_parameters := json.remove(object.get(input, "parameters", {}), credential_paths) if {
	input.action in passes_parameters
	allow
	not is_admin
}

# ---------------------------------------------------------------------------------------------------------------
# Reason, for the caller and the audit trail.
# ---------------------------------------------------------------------------------------------------------------

# "developer", "viewer, analyst", or "no" when the user has no roles.
role_label(roles) := concat(", ", roles) if count(roles) > 0

role_label(roles) := "no" if count(roles) == 0

verb("gateway:tool:invoke") := "invoke"

verb("gateway:tool:list") := "list"

verb("gateway:resource:list") := "list"

verb("gateway:resource:read") := "read"

verb("gateway:prompt:list") := "list"

verb("gateway:prompt:get") := "get"

verb(action) := "use" if not action in {
	"gateway:tool:invoke", "gateway:tool:list",
	"gateway:resource:list", "gateway:resource:read", "gateway:prompt:list", "gateway:prompt:get",
}

# What the reason talks about: its role, its verb, and server:tool ("*" for a whole server).
subject := [
	role_label(object.get(object.get(input, "user", {}), "roles", [])),
	verb(object.get(input, "action", "")),
	sprintf("%s:%s", [object.get(input, "server_name", "?"), object.get(input, "tool_name", "*")]),
]

reason := sprintf("Allowed: %s role can %s %s", subject) if allow

destructive_invocation if {
	input.action == "gateway:tool:invoke"
	is_destructive_query(input.parameters.query)
}

reason := sprintf("Denied: destructive query not allowed for %s role on %s", [subject[0], subject[2]]) if {
	not allow
	destructive_invocation
}

reason := sprintf("Denied: %s role cannot %s %s", subject) if {
	not allow
	not destructive_invocation
}

# ---------------------------------------------------------------------------------------------------------------
# Cache TTL in seconds: by the server's sensitivity (SARK's defaults), 60 when unknown; denials are never cached.
# ---------------------------------------------------------------------------------------------------------------

default cache_ttl := 0

cache_ttl := object.get(
	{"none": 300, "low": 1800, "medium": 300, "high": 60, "critical": 0},
	input.server.metadata.sensitivity_level,
	60,
) if allow

cache_ttl := 60 if {
	allow
	not input.server.metadata.sensitivity_level
}
