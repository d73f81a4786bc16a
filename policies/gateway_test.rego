# Tests for policies/gateway.rego. Run: warden policy test policies/
package mcp.gateway_test

import data.mcp.gateway

# ---------------------------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------------------------

user(roles) := {"id": "user_1", "email": "user_1@example.com", "roles": roles, "teams": ["eng"]}

invoke(roles, server, tool, params) := {
	"action": "gateway:tool:invoke",
	"server_name": server,
	"tool_name": tool,
	"parameters": params,
	"user": user(roles),
	"gateway_metadata": {"request_id": "req-1"},
	"server": {"metadata": {"sensitivity_level": "high"}},
}

query(roles, sql) := invoke(roles, "postgres-mcp", "execute_query", {"query": sql})

list(roles, server, tool) := {
	"action": "gateway:tool:list",
	"server_name": server,
	"tool_name": tool,
	"user": user(roles),
}

list_server(roles, server) := {"action": "gateway:tool:list", "server_name": server, "user": user(roles)}

# ---------------------------------------------------------------------------------------------------------------
# allow: admins
# ---------------------------------------------------------------------------------------------------------------

test_admin_may_run_a_select if gateway.allow with input as query(["admin"], "SELECT * FROM users")

test_admin_may_run_a_destructive_query if gateway.allow with input as query(["admin"], "DROP TABLE users")

test_admin_may_invoke_any_tool_of_any_server if {
	gateway.allow with input as invoke(["admin"], "slack-mcp", "post_message", {})
}

test_admin_may_list_any_tool if gateway.allow with input as list(["admin"], "slack-mcp", "post_message")

# ---------------------------------------------------------------------------------------------------------------
# allow: developers
# ---------------------------------------------------------------------------------------------------------------

test_developer_may_run_a_select if gateway.allow with input as query(["developer"], "SELECT id FROM orders")

test_developer_may_list_tables if {
	gateway.allow with input as invoke(["developer"], "postgres-mcp", "list_tables", {})
}

test_developer_may_not_drop_a_table if not gateway.allow with input as query(["developer"], "DROP TABLE users")

test_developer_may_not_delete_in_any_case if {
	not gateway.allow with input as query(["developer"], "delete from users where id = 1")
}

test_developer_may_not_truncate_or_alter if {
	not gateway.allow with input as query(["developer"], "TRUNCATE audit")
	not gateway.allow with input as query(["developer"], "Alter Table users Add Column x int")
}

test_developer_may_not_use_other_postgres_tools if {
	not gateway.allow with input as invoke(["developer"], "postgres-mcp", "drop_database", {})
}

test_developer_may_read_github if {
	gateway.allow with input as invoke(["developer"], "github-mcp", "get_repo", {"repo": "acme/api"})
	gateway.allow with input as invoke(["developer"], "github-mcp", "list_issues", {"repo": "acme/api"})
	gateway.allow with input as invoke(["developer"], "github-mcp", "get_pull_request", {"number": 7})
}

test_developer_may_not_use_other_github_tools if {
	not gateway.allow with input as invoke(["developer"], "github-mcp", "delete_repo", {"repo": "acme/api"})
}

test_developer_may_not_use_other_servers if {
	not gateway.allow with input as invoke(["developer"], "slack-mcp", "post_message", {})
}

# ---------------------------------------------------------------------------------------------------------------
# allow: analysts
# ---------------------------------------------------------------------------------------------------------------

test_analyst_may_run_a_select if gateway.allow with input as query(["analyst"], "SELECT count(*) FROM orders")

test_analyst_may_run_an_indented_lower_case_select if {
	gateway.allow with input as query(["analyst"], "  select deleted_at from users")
}

test_analyst_may_not_drop_a_table if not gateway.allow with input as query(["analyst"], "DROP TABLE users")

test_analyst_may_not_hide_a_drop_after_a_select if {
	not gateway.allow with input as query(["analyst"], "SELECT 1; DROP TABLE users")
}

test_analyst_may_not_update if not gateway.allow with input as query(["analyst"], "UPDATE users SET admin = true")

test_analyst_may_not_list_tables if {
	not gateway.allow with input as invoke(["analyst"], "postgres-mcp", "list_tables", {})
}

test_analyst_may_not_use_github if {
	not gateway.allow with input as invoke(["analyst"], "github-mcp", "get_repo", {"repo": "acme/api"})
}

test_analyst_without_a_query_is_denied if {
	not gateway.allow with input as invoke(["analyst"], "postgres-mcp", "execute_query", {})
}

# ---------------------------------------------------------------------------------------------------------------
# allow: anyone else, other actions
# ---------------------------------------------------------------------------------------------------------------

test_unknown_role_is_denied if not gateway.allow with input as query(["intern"], "SELECT 1")

test_no_roles_is_denied if not gateway.allow with input as query([], "SELECT 1")

test_unknown_action_is_denied if {
	not gateway.allow with input as object.union(query(["admin"], "SELECT 1"), {"action": "gateway:server:delete"})
}

test_a_role_of_several_is_enough if gateway.allow with input as query(["viewer", "analyst"], "SELECT 1")

# ---------------------------------------------------------------------------------------------------------------
# allow: listing
# ---------------------------------------------------------------------------------------------------------------

test_developer_lists_the_tools_they_may_use if {
	gateway.allow with input as list(["developer"], "postgres-mcp", "execute_query")
	gateway.allow with input as list(["developer"], "github-mcp", "list_issues")
}

test_developer_does_not_list_other_tools if {
	not gateway.allow with input as list(["developer"], "github-mcp", "delete_repo")
}

test_analyst_lists_only_execute_query if {
	gateway.allow with input as list(["analyst"], "postgres-mcp", "execute_query")
	not gateway.allow with input as list(["analyst"], "postgres-mcp", "list_tables")
	not gateway.allow with input as list(["analyst"], "github-mcp", "get_repo")
}

test_listing_a_server_needs_one_usable_tool_on_it if {
	gateway.allow with input as list_server(["developer"], "github-mcp")
	gateway.allow with input as list_server(["analyst"], "postgres-mcp")
	not gateway.allow with input as list_server(["analyst"], "github-mcp")
	gateway.allow with input as list_server(["admin"], "anything-mcp")
}

test_unknown_role_lists_nothing if not gateway.allow with input as list(["intern"], "postgres-mcp", "execute_query")

# ---------------------------------------------------------------------------------------------------------------
# allow: resources and prompts
# ---------------------------------------------------------------------------------------------------------------

resource(roles, action, server, uri) := {
	"action": action,
	"server_name": server,
	"tool_name": uri,
	"resource_uri": uri,
	"parameters": {},
	"user": user(roles),
}

prompt(roles, action, server, name, args) := {
	"action": action,
	"server_name": server,
	"tool_name": name,
	"prompt_name": name,
	"parameters": args,
	"user": user(roles),
}

test_admin_lists_and_reads_any_resource if {
	gateway.allow with input as resource(["admin"], "gateway:resource:list", "slack-mcp", "slack://channels")
	gateway.allow with input as resource(["admin"], "gateway:resource:read", "slack-mcp", "slack://channels")
}

test_developer_reads_resources_of_servers_they_use if {
	gateway.allow with input as resource(["developer"], "gateway:resource:list", "github-mcp", "repo://acme/api")
	gateway.allow with input as resource(["developer"], "gateway:resource:read", "github-mcp", "repo://acme/api")
	gateway.allow with input as resource(["developer"], "gateway:resource:read", "postgres-mcp", "db://schema")
}

test_analyst_reads_only_postgres_resources if {
	gateway.allow with input as resource(["analyst"], "gateway:resource:read", "postgres-mcp", "db://schema")
	not gateway.allow with input as resource(["analyst"], "gateway:resource:read", "github-mcp", "repo://acme/api")
	not gateway.allow with input as resource(["analyst"], "gateway:resource:list", "github-mcp", "repo://acme/api")
}

test_nobody_but_admins_reads_resources_of_unknown_servers if {
	not gateway.allow with input as resource(["developer"], "gateway:resource:read", "slack-mcp", "slack://channels")
	not gateway.allow with input as resource([], "gateway:resource:read", "postgres-mcp", "db://schema")
}

test_prompts_follow_the_servers_a_role_uses if {
	gateway.allow with input as prompt(["developer"], "gateway:prompt:list", "github-mcp", "review", {})
	gateway.allow with input as prompt(["developer"], "gateway:prompt:get", "github-mcp", "review", {"pr": "7"})
	gateway.allow with input as prompt(["analyst"], "gateway:prompt:get", "postgres-mcp", "explain", {})
	not gateway.allow with input as prompt(["analyst"], "gateway:prompt:get", "github-mcp", "review", {})
	gateway.allow with input as prompt(["admin"], "gateway:prompt:get", "slack-mcp", "digest", {})
}

test_prompt_arguments_lose_credentials_for_non_admins if {
	p := gateway.filtered_parameters with input as prompt(
		["developer"], "gateway:prompt:get", "github-mcp", "review",
		{"pr": "7", "token": "ghp_x"},
	)
	p == {"pr": "7"}
}

test_reason_for_a_resource_read if {
	r := gateway.reason with input as resource(["analyst"], "gateway:resource:read", "github-mcp", "repo://acme/api")
	r == "Denied: analyst role cannot read github-mcp:repo://acme/api"
}

test_reason_for_a_prompt_get if {
	r := gateway.reason with input as prompt(["developer"], "gateway:prompt:get", "github-mcp", "review", {})
	r == "Allowed: developer role can get github-mcp:review"
}

# ---------------------------------------------------------------------------------------------------------------
# is_destructive_query, is_select_query
# ---------------------------------------------------------------------------------------------------------------

test_destructive_keywords_match_in_any_case if {
	gateway.is_destructive_query("DROP TABLE x")
	gateway.is_destructive_query("drop table x")
	gateway.is_destructive_query("Delete FROM x")
	gateway.is_destructive_query("truncate x")
	gateway.is_destructive_query("ALTER TABLE x")
	gateway.is_destructive_query("update x set y = 1")
}

test_statements_that_delete_by_collision_or_reach_beyond_the_database_are_destructive if {
	gateway.is_destructive_query("REPLACE INTO users(id, email) VALUES (1, 'x')")
	gateway.is_destructive_query("insert or replace into users values (1)")
	gateway.is_destructive_query("INSERT INTO t VALUES (1) ON CONFLICT(id) DO UPDATE SET x = 2")
	gateway.is_destructive_query("ATTACH DATABASE 'data/audit.db' AS aud")
	gateway.is_destructive_query("VACUUM INTO '/tmp/copy.db'")
	gateway.is_destructive_query("PRAGMA writable_schema=ON")
	gateway.is_destructive_query("CREATE TABLE evil(x)")
	not gateway.is_destructive_query("INSERT INTO orders (id) VALUES (9)")
	not gateway.is_destructive_query("SELECT replace(email, '@', ' at ') FROM users")
	not gateway.is_destructive_query("SELECT created_at FROM users")
}

test_developer_may_not_replace_attach_or_vacuum if {
	not gateway.allow with input as query(["developer"], "REPLACE INTO users(id) VALUES (1)")
	not gateway.allow with input as query(["developer"], "ATTACH DATABASE 'data/audit.db' AS aud")
	not gateway.allow with input as query(["developer"], "VACUUM INTO '/tmp/x.db'")
	gateway.allow with input as query(["developer"], "INSERT INTO orders (id) VALUES (9)")
}

test_destructive_keywords_match_whole_words_only if {
	not gateway.is_destructive_query("SELECT deleted_at, dropped, altered FROM x")
	not gateway.is_destructive_query("SELECT * FROM updates")
}

test_comments_between_the_words_do_not_hide_a_replace if {
	gateway.is_destructive_query("REPLACE/**/INTO products(id) VALUES (1)")
	gateway.is_destructive_query("INSERT OR/**/REPLACE/**/INTO products(id) VALUES (3)")
	gateway.is_destructive_query("REPLACE--c\nINTO products(id) VALUES (4)")
	gateway.is_destructive_query("REPLACE /* c */\tINTO t VALUES (1)")
	not gateway.is_destructive_query("SELECT replace(name, 'a', 'b') /* into */ FROM t")
}

test_transaction_control_and_driver_commands_are_destructive if {
	gateway.is_destructive_query("BEGIN")
	gateway.is_destructive_query("  begin immediate")
	gateway.is_destructive_query("/* x */ ROLLBACK")
	gateway.is_destructive_query("SELECT 1; SAVEPOINT s")
	gateway.is_destructive_query("commit")
	gateway.is_destructive_query("END TRANSACTION")
	gateway.is_destructive_query("release s")
	gateway.is_destructive_query("restore from /tmp/evil.db")
	gateway.is_destructive_query("backup to /tmp/stolen.db")
	gateway.is_destructive_query("ANALYZE")
	not gateway.is_destructive_query("SELECT CASE WHEN x THEN 1 ELSE 0 END FROM t")
	not gateway.is_destructive_query("SELECT begin_at, released, backup_id FROM t")
}

test_developer_may_not_control_transactions_or_restore if {
	not gateway.allow with input as query(["developer"], "BEGIN")
	not gateway.allow with input as query(["developer"], "ROLLBACK")
	not gateway.allow with input as query(["developer"], "restore from data/audit.db")
	not gateway.allow with input as query(["developer"], "REPLACE/**/INTO products(id) VALUES (1)")
}

test_developer_query_that_is_not_text_is_denied if {
	not gateway.allow with input as invoke(["developer"], "postgres-mcp", "execute_query", {"query": ["DROP TABLE x"]})
	not gateway.allow with input as invoke(["developer"], "postgres-mcp", "execute_query", {"query": {"sql": "x"}})
	gateway.allow with input as invoke(["developer"], "postgres-mcp", "list_tables", {})
}

test_credential_names_whatever_their_spelling if {
	gateway.is_credential("dbpassword")
	gateway.is_credential("githubtoken")
	gateway.is_credential("secret_key")
	gateway.is_credential("SECRETKEY")
	gateway.is_credential("aws_secret_access_key")
	gateway.is_credential("user_pwd")
	gateway.is_credential("passphrase")
	gateway.is_credential("password\u0000")
	not gateway.is_credential("max_tokens")
	not gateway.is_credential("secretary")
	not gateway.is_credential("query")
}

test_non_strings_are_not_queries if {
	not gateway.is_destructive_query(42)
	not gateway.is_select_query(null)
}

test_select_queries if {
	gateway.is_select_query("SELECT 1")
	gateway.is_select_query("\n\tselect * from t")
	not gateway.is_select_query("selection")
	not gateway.is_select_query("WITH x AS (DELETE FROM t) SELECT 1")
	not gateway.is_select_query("SELECT 1; DELETE FROM t")
}

# ---------------------------------------------------------------------------------------------------------------
# reason
# ---------------------------------------------------------------------------------------------------------------

test_reason_names_the_granting_role if {
	r := gateway.reason with input as query(["analyst"], "SELECT 1")
	r == "Allowed: analyst role can invoke postgres-mcp:execute_query"
}

test_reason_explains_a_destructive_denial if {
	r := gateway.reason with input as query(["analyst"], "DROP TABLE users")
	r == "Denied: destructive query not allowed for analyst role on postgres-mcp:execute_query"
}

test_reason_explains_other_denials if {
	r := gateway.reason with input as invoke(["developer"], "slack-mcp", "post_message", {})
	r == "Denied: developer role cannot invoke slack-mcp:post_message"
}

test_reason_for_a_listing if {
	r := gateway.reason with input as list_server([], "github-mcp")
	r == "Denied: no role cannot list github-mcp:*"
}

# ---------------------------------------------------------------------------------------------------------------
# filtered_parameters
# ---------------------------------------------------------------------------------------------------------------

test_non_admins_cannot_pass_credentials_upstream if {
	p := gateway.filtered_parameters with input as invoke(
		["developer"], "github-mcp", "get_repo",
		{"repo": "acme/api", "Token": "ghp_x", "password": "p"},
	)
	p == {"repo": "acme/api"}
}

test_credentials_are_caught_whatever_their_spelling_and_depth if {
	p := gateway.filtered_parameters with input as invoke(
		["developer"], "github-mcp", "get_repo",
		{
			"repo": "acme/api", "client_secret": "s", "X-Api-Key": "k", "githubToken": "t", "passwd": "p",
			"max_tokens": 100, "opts": {"db_password": "p", "depth": 2}, "list": [{"refresh_token": "r", "n": 1}],
		},
	)
	p == {"repo": "acme/api", "max_tokens": 100, "opts": {"depth": 2}, "list": [{"n": 1}]}
}

test_admins_parameters_pass_unchanged if {
	params := {"query": "SELECT 1", "token": "t"}
	p := gateway.filtered_parameters with input as invoke(["admin"], "postgres-mcp", "execute_query", params)
	p == params
}

test_denied_requests_have_no_filtered_parameters if {
	not gateway.filtered_parameters with input as query(["analyst"], "DROP TABLE users")
}

test_listing_has_no_filtered_parameters if {
	not gateway.filtered_parameters with input as list(["admin"], "postgres-mcp", "execute_query")
}

# ---------------------------------------------------------------------------------------------------------------
# cache_ttl
# ---------------------------------------------------------------------------------------------------------------

with_sensitivity(level) := object.union(query(["analyst"], "SELECT 1"), {"server": {"metadata": {"sensitivity_level": level}}})

test_cache_ttl_follows_server_sensitivity if {
	gateway.cache_ttl == 60 with input as with_sensitivity("high")
	gateway.cache_ttl == 1800 with input as with_sensitivity("low")
	gateway.cache_ttl == 300 with input as with_sensitivity("medium")
	gateway.cache_ttl == 0 with input as with_sensitivity("critical")
}

test_cache_ttl_defaults_to_a_minute if {
	request := object.remove(query(["analyst"], "SELECT 1"), {"server"})
	gateway.cache_ttl == 60 with input as request
}

test_denials_are_never_cached if gateway.cache_ttl == 0 with input as query(["analyst"], "DROP TABLE users")

test_a_request_without_a_user_is_denied_with_a_reason if {
	request := object.remove(query(["admin"], "SELECT 1"), {"user"})
	not gateway.allow with input as request
	r := gateway.reason with input as request
	r == "Denied: no role cannot invoke postgres-mcp:execute_query"
}
