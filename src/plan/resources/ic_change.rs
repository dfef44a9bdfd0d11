//! The changes a plan makes in IAM Identity Center: permission sets, their
//! provisioning, and account assignments. They travel inside
//! [`crate::plan::change::Change::IdentityCenter`], serialized flat with
//! their own `op`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::org::{PermissionsBoundary, PolicyReference, PrincipalType};

/// A permission set: by ARN when it exists, by name when the plan creates it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PermissionSetRef {
    Existing { arn: String, name: String },
    New { name: String },
}

impl PermissionSetRef {
    pub fn name(&self) -> &str {
        match self {
            PermissionSetRef::Existing { name, .. } | PermissionSetRef::New { name } => name,
        }
    }
}

/// One attribute of a permission set that an update changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "set")]
pub enum PermissionSetEdit {
    Description {
        from: String,
        to: String,
    },
    SessionDuration {
        from: String,
        to: String,
    },
    RelayState {
        from: Option<String>,
        to: String,
    },
    AttachManagedPolicy {
        arn: String,
    },
    DetachManagedPolicy {
        arn: String,
    },
    AttachCustomerManagedPolicy {
        reference: PolicyReference,
    },
    DetachCustomerManagedPolicy {
        reference: PolicyReference,
    },
    /// The inline policy, as sent; `old` is the live one, for the diff.
    PutInlinePolicy {
        old: Option<String>,
        new: String,
    },
    DeleteInlinePolicy {
        old: String,
    },
    PutPermissionsBoundary {
        old: Option<PermissionsBoundary>,
        new: PermissionsBoundary,
    },
    DeletePermissionsBoundary {
        old: PermissionsBoundary,
    },
    /// Tags added or changed: `from` holds the old values of changed keys.
    Tag {
        tags: BTreeMap<String, String>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        from: BTreeMap<String, String>,
    },
    Untag {
        keys: Vec<String>,
    },
}

fn reference(r: &PolicyReference) -> String {
    format!("{}{}", r.path, r.name)
}

pub fn boundary(b: &PermissionsBoundary) -> String {
    match (&b.managed_policy_arn, &b.customer_managed_policy) {
        (Some(arn), _) => arn.clone(),
        (None, Some(r)) => format!("customer managed {}", reference(r)),
        (None, None) => "none".to_string(),
    }
}

impl PermissionSetEdit {
    /// One line for a reviewer: the attribute and its change.
    pub fn line(&self) -> String {
        match self {
            PermissionSetEdit::Description { from, to } => {
                format!("description: \"{from}\" → \"{to}\"")
            }
            PermissionSetEdit::SessionDuration { from, to } => {
                format!("session duration: {from} → {to}")
            }
            PermissionSetEdit::RelayState { from, to } => format!(
                "relay state: {} → {to}",
                from.as_deref().unwrap_or("(none)")
            ),
            PermissionSetEdit::AttachManagedPolicy { arn } => format!("+ managed policy {arn}"),
            PermissionSetEdit::DetachManagedPolicy { arn } => format!("- managed policy {arn}"),
            PermissionSetEdit::AttachCustomerManagedPolicy { reference: r } => {
                format!("+ customer managed policy {}", reference(r))
            }
            PermissionSetEdit::DetachCustomerManagedPolicy { reference: r } => {
                format!("- customer managed policy {}", reference(r))
            }
            PermissionSetEdit::PutInlinePolicy { old: None, .. } => {
                "+ inline policy (diff below)".to_string()
            }
            PermissionSetEdit::PutInlinePolicy { .. } => "~ inline policy (diff below)".to_string(),
            PermissionSetEdit::DeleteInlinePolicy { .. } => "- inline policy".to_string(),
            PermissionSetEdit::PutPermissionsBoundary { old, new } => format!(
                "permissions boundary: {} → {}",
                old.as_ref().map(boundary).unwrap_or_else(|| "none".into()),
                boundary(new)
            ),
            PermissionSetEdit::DeletePermissionsBoundary { old } => {
                format!("permissions boundary: {} → none", boundary(old))
            }
            PermissionSetEdit::Tag { tags, from } => {
                let each: Vec<String> = tags
                    .iter()
                    .map(|(k, v)| match from.get(k) {
                        Some(old) => format!("{k}={old} → {k}={v}"),
                        None => format!("+{k}={v}"),
                    })
                    .collect();
                format!("tags: {}", each.join(", "))
            }
            PermissionSetEdit::Untag { keys } => format!("untag: {}", keys.join(", ")),
        }
    }
}

/// The attributes UpdatePermissionSet sets together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionSetAttributes {
    pub description: String,
    pub session_duration: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relay_state: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum IcChange {
    /// Creates the set and attaches every policy it declares.
    CreatePermissionSet {
        name: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        description: String,
        session_duration: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        relay_state: Option<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        managed_policies: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        customer_managed_policies: Vec<PolicyReference>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        inline_policy: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        permissions_boundary: Option<PermissionsBoundary>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        tags: BTreeMap<String, String>,
    },
    UpdatePermissionSet {
        arn: String,
        name: String,
        edits: Vec<PermissionSetEdit>,
        /// The description, session duration and relay state as the
        /// layout has them, when one of them changes: UpdatePermissionSet
        /// is sent all three.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        attributes: Option<PermissionSetAttributes>,
    },
    /// Provisions the latest version of the set to accounts: after an
    /// update, or where AWS reports it outdated.
    ProvisionPermissionSet {
        permission_set: PermissionSetRef,
        /// Account ids, sorted.
        accounts: Vec<String>,
    },
    CreateAssignment {
        account_id: String,
        account_name: String,
        permission_set: PermissionSetRef,
        principal_type: PrincipalType,
        principal_id: String,
        principal_name: String,
    },
    DeleteAssignment {
        account_id: String,
        account_name: String,
        permission_set: PermissionSetRef,
        principal_type: PrincipalType,
        principal_id: String,
        principal_name: String,
    },
    DeletePermissionSet {
        arn: String,
        name: String,
    },
}

impl IcChange {
    /// The resource the change acts on (see `Change::address`).
    pub fn address(&self) -> String {
        match self {
            IcChange::CreatePermissionSet { name, .. }
            | IcChange::UpdatePermissionSet { name, .. }
            | IcChange::DeletePermissionSet { name, .. } => format!("permission_set/{name}"),
            IcChange::ProvisionPermissionSet { permission_set, .. } => {
                format!("permission_set/{}/provisioning", permission_set.name())
            }
            IcChange::CreateAssignment {
                account_id,
                permission_set,
                principal_type,
                principal_name,
                ..
            }
            | IcChange::DeleteAssignment {
                account_id,
                permission_set,
                principal_type,
                principal_name,
                ..
            } => format!(
                "assignment/{account_id}/{}/{}/{principal_name}",
                permission_set.name(),
                principal_type.as_str()
            ),
        }
    }
}

fn principal(kind: PrincipalType, name: &str) -> String {
    match kind {
        PrincipalType::Group => format!("group {name}"),
        PrincipalType::User => format!("user {name}"),
    }
}

fn account(id: &str, name: &str) -> String {
    if name.is_empty() {
        format!("account {id}")
    } else {
        format!("account {id} ({name})")
    }
}

/// What a reviewer counts a change as.
pub enum IcAction {
    Create,
    Update,
    Delete,
}

impl IcAction {
    /// The plan symbol: `+`, `~`, `-`.
    pub fn symbol(&self) -> &'static str {
        match self {
            IcAction::Create => "+",
            IcAction::Update => "~",
            IcAction::Delete => "-",
        }
    }
}

impl IcChange {
    pub fn action(&self) -> IcAction {
        match self {
            IcChange::CreatePermissionSet { .. } | IcChange::CreateAssignment { .. } => {
                IcAction::Create
            }
            IcChange::UpdatePermissionSet { .. } | IcChange::ProvisionPermissionSet { .. } => {
                IcAction::Update
            }
            IcChange::DeleteAssignment { .. } | IcChange::DeletePermissionSet { .. } => {
                IcAction::Delete
            }
        }
    }

    /// The headline without its symbol: "create permission set ReadOnly".
    pub fn describe(&self) -> String {
        match self {
            IcChange::CreatePermissionSet { name, .. } => format!("create permission set {name}"),
            IcChange::UpdatePermissionSet { name, edits, .. } => {
                let n = edits.len();
                format!(
                    "update permission set {name} ({n} attribute{})",
                    if n == 1 { "" } else { "s" }
                )
            }
            IcChange::ProvisionPermissionSet {
                permission_set,
                accounts,
            } => {
                let n = accounts.len();
                format!(
                    "provision permission set {} to {n} account{}",
                    permission_set.name(),
                    if n == 1 { "" } else { "s" }
                )
            }
            IcChange::CreateAssignment {
                account_id,
                account_name,
                permission_set,
                principal_type,
                principal_name,
                ..
            } => format!(
                "assign {} to {} on {}",
                permission_set.name(),
                principal(*principal_type, principal_name),
                account(account_id, account_name)
            ),
            IcChange::DeleteAssignment {
                account_id,
                account_name,
                permission_set,
                principal_type,
                principal_name,
                ..
            } => format!(
                "unassign {} from {} on {}",
                permission_set.name(),
                principal(*principal_type, principal_name),
                account(account_id, account_name)
            ),
            IcChange::DeletePermissionSet { name, .. } => format!("delete permission set {name}"),
        }
    }

    /// Detail lines under the headline: each changed attribute.
    pub fn details(&self) -> Vec<String> {
        match self {
            IcChange::CreatePermissionSet {
                description,
                session_duration,
                relay_state,
                managed_policies,
                customer_managed_policies,
                inline_policy,
                permissions_boundary,
                tags,
                ..
            } => {
                let mut out = Vec::new();
                if !description.is_empty() {
                    out.push(format!("description: \"{description}\""));
                }
                out.push(format!("session duration: {session_duration}"));
                if let Some(r) = relay_state {
                    out.push(format!("relay state: {r}"));
                }
                out.extend(
                    managed_policies
                        .iter()
                        .map(|a| format!("managed policy {a}")),
                );
                out.extend(
                    customer_managed_policies
                        .iter()
                        .map(|r| format!("customer managed policy {}", reference(r))),
                );
                if inline_policy.is_some() {
                    out.push("inline policy (below)".to_string());
                }
                if let Some(b) = permissions_boundary {
                    out.push(format!("permissions boundary: {}", boundary(b)));
                }
                if !tags.is_empty() {
                    let list: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    out.push(format!("tags: {}", list.join(", ")));
                }
                out
            }
            IcChange::UpdatePermissionSet { edits, .. } => {
                edits.iter().map(PermissionSetEdit::line).collect()
            }
            IcChange::ProvisionPermissionSet { accounts, .. } => {
                vec![format!("accounts: {}", accounts.join(", "))]
            }
            _ => vec![],
        }
    }

    /// The inline policy before and after, when the change sets one.
    pub fn inline_policy_change(&self) -> Option<(&str, Option<&str>, &str)> {
        match self {
            IcChange::CreatePermissionSet {
                name,
                inline_policy: Some(new),
                ..
            } => Some((name, None, new)),
            IcChange::UpdatePermissionSet { name, edits, .. } => {
                edits.iter().find_map(|e| match e {
                    PermissionSetEdit::PutInlinePolicy { old, new } => {
                        Some((name.as_str(), old.as_deref(), new.as_str()))
                    }
                    _ => None,
                })
            }
            _ => None,
        }
    }
}
