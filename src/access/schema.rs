//! The Cedar schema orgguard checks access policies against: the entity
//! types built from a snapshot (see `entities.rs`) and one action per
//! permission set.

use std::fmt::Write;

use cedar_policy::Schema;

use super::declared::Actions;
use crate::error::{Error, Result};

/// The part of the schema that does not depend on the actions.
const ENTITY_TYPES: &str = r#"// An Identity Center user; the entity id is the user name.
entity User in [Group] {
  id: String,
  user_name: String,
  display_name: String,
  email?: String,
};

// An Identity Center group; the entity id is its display name.
entity Group {
  id: String,
  name: String,
  description: String,
};

// The organization root; the entity id is the root id (r-...).
entity Root {
  id: String,
  name: String,
};

// An organizational unit; the entity id is its path, such as
// "Foundational/Workloads/Production". It is in its parent OU (or the root).
entity OU in [OU, Root] {
  id: String,
  name: String,
  path: String,
} tags String;

// An AWS account; the entity id is the 12-digit account id. It is in its
// OU, that OU's parents, and the root. Its AWS tags are Cedar tags:
// resource.hasTag("team") && resource.getTag("team") == "payments".
entity Account in [OU, Root] {
  id: String,
  name: String,
  email: String,
  // ACTIVE, SUSPENDED, PENDING_CLOSURE or UNKNOWN.
  status: String,
  // The OU path the account is in; "" directly under the root.
  ou_path: String,
  // True for the management account.
  management: Bool,
} tags String;

// The permission set being assigned, as Identity Center defines it.
type PermissionSet = {
  name: String,
  arn: String,
  // ARNs of the AWS managed policies attached to it.
  managed_policies: Set<String>,
  // Names (with path) of the customer managed policies attached to it.
  customer_managed_policies: Set<String>,
  has_inline_policy: Bool,
  has_permissions_boundary: Bool,
  // True when its AWS managed and inline policies make the holder an
  // administrator in practice (orgguard explain IAM004 lists what counts).
  admin_level: Bool,
  // ISO 8601 duration such as "PT1H"; "" when not set.
  session_duration: String,
};

type AssignmentContext = {
  permission_set: PermissionSet,
  // False when the principal is a user who holds the assignment through a
  // group (access check --expand-groups); true for the assigned principal.
  direct: Bool,
};
"#;

/// The schema as Cedar schema text: `access schema` prints it.
pub fn schema_text(actions: &Actions) -> String {
    let mut text = String::from(ENTITY_TYPES);
    text.push_str("\n// One action per permission set (by name).\n");
    for name in &actions.permission_sets {
        let _ = write!(text, "action {}", quote(name));
        write_parents(&mut text, actions, name);
        text.push_str(
            " appliesTo {\n  principal: [User, Group],\n  resource: Account,\n  context: AssignmentContext,\n};\n",
        );
    }
    if !actions.groups.is_empty() {
        text.push_str("\n// Action groups: `action in Action::\"name\"` matches any member.\n");
    }
    for name in actions.groups.keys() {
        let _ = write!(text, "action {}", quote(name));
        write_parents(&mut text, actions, name);
        text.push_str(";\n");
    }
    text
}

fn write_parents(text: &mut String, actions: &Actions, name: &str) {
    let parents: Vec<String> = actions.parents_of(name).map(quote).collect();
    if !parents.is_empty() {
        let _ = write!(text, " in [{}]", parents.join(", "));
    }
}

/// A Cedar string literal. Names are checked to hold no quotes or
/// backslashes before they get here; escaping anyway keeps the schema
/// parseable whatever a snapshot holds.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.escape_default())
}

pub fn build(actions: &Actions) -> Result<Schema> {
    let text = schema_text(actions);
    Schema::from_cedarschema_str(&text)
        .map(|(schema, _warnings)| schema)
        .map_err(|e| {
            Error::invalid(
                format!("cannot build the access schema: {e}"),
                "check the names in [access] of ou-layout.toml: permission sets and action groups use letters, digits and +=,.@-_",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_declares_permission_sets_and_groups() {
        let mut actions = Actions::default();
        actions.permission_sets.insert("AdministratorAccess".into());
        actions.permission_sets.insert("ReadOnlyAccess".into());
        actions
            .groups
            .insert("admin".into(), ["AdministratorAccess".to_string()].into());
        let text = schema_text(&actions);
        assert!(text.contains("action \"AdministratorAccess\" in [\"admin\"] appliesTo"));
        assert!(text.contains("action \"ReadOnlyAccess\" appliesTo"));
        let schema = build(&actions).expect("schema builds");
        let names: Vec<String> = schema
            .actions()
            .map(|a| a.id().escaped().to_string())
            .collect();
        assert!(names.contains(&"admin".to_string()), "{names:?}");
        assert_eq!(schema.action_groups().count(), 1);
    }
}
