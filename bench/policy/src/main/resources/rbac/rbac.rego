# Role-based access control over role bindings held in data (the shape of OPA's RBAC example):
#   data.rbac.bindings: [{"user": "user_17", "role": "role_17"}, ...]
#   data.rbac.roles:    {"role_17": [{"action": "read", "type": "dataset"}, ...], ...}
# Input: {"user", "action", "type"}.
package rbac

default allow := false

# A user may do an action on a resource type when one of their role bindings grants it.
allow if {
	some binding in data.rbac.bindings
	binding.user == input.user
	some grant in data.rbac.roles[binding.role]
	grant.action == input.action
	grant.type == input.type
}
