//! The `[identity_center]` section reduced to what planning compares:
//! permission sets with their policies as sent to AWS, and assignments with
//! their targets, expanded over an organization's accounts on demand.

use std::collections::{BTreeMap, BTreeSet};

use crate::layout::Layout;
use crate::layout::schema::Unmanaged;
use crate::org::{PermissionsBoundary, PolicyReference, PrincipalType};

/// The session duration AWS gives a permission set created without one.
pub const DEFAULT_SESSION_DURATION: &str = "PT1H";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesiredPermissionSet {
    pub name: String,
    pub description: String,
    pub session_duration: String,
    pub relay_state: Option<String>,
    /// Sorted.
    pub managed_policies: Vec<String>,
    /// Sorted.
    pub customer_managed_policies: Vec<PolicyReference>,
    /// The document as sent, when the set has an inline policy.
    pub inline_policy: Option<String>,
    pub permissions_boundary: Option<PermissionsBoundary>,
    pub tags: BTreeMap<String, String>,
}

/// Where an assignment applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Targets {
    /// Account names or ids, as written.
    pub accounts: Vec<String>,
    /// OU paths, each with every OU under it.
    pub ous: Vec<String>,
    /// Accounts whose tags include all of these.
    pub account_tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesiredAssignment {
    pub principal_type: PrincipalType,
    /// A group's display name or a user's user name.
    pub principal: String,
    pub permission_set: String,
    pub targets: Targets,
    /// Index of the `[[identity_center.assignment]]` table it came from.
    pub index: usize,
}

/// The Identity Center the layout declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DesiredIdentityCenter {
    pub unmanaged: Unmanaged,
    pub permission_sets: BTreeMap<String, DesiredPermissionSet>,
    pub assignments: Vec<DesiredAssignment>,
}

/// An account as assignment targets see it: where it sits once the plan
/// has run, its tags and whether it is active.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedAccount {
    pub id: String,
    pub name: String,
    /// "" for directly under the root.
    pub ou_path: String,
    pub tags: BTreeMap<String, String>,
    pub active: bool,
}

/// One expanded assignment: a principal holds a permission set on an
/// account.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grant {
    pub account_id: String,
    pub permission_set: String,
    pub principal_type: PrincipalType,
    pub principal: String,
}

impl DesiredIdentityCenter {
    /// `None` when the layout has no `[identity_center]` section that
    /// declares anything.
    pub fn from_layout(layout: &Layout) -> Option<Self> {
        let section = layout.file.identity_center.as_ref()?;
        if !section.declares_resources() {
            return None;
        }
        let permission_sets = section
            .permission_sets
            .iter()
            .map(|ps| {
                let ps = ps.get_ref();
                let mut managed: Vec<String> = ps
                    .managed_policies
                    .iter()
                    .map(|p| p.get_ref().clone())
                    .collect();
                managed.sort();
                managed.dedup();
                let mut customer: Vec<PolicyReference> = ps
                    .customer_managed_policies
                    .iter()
                    .map(|r| PolicyReference {
                        name: r.name.clone(),
                        path: r.path.clone(),
                    })
                    .collect();
                customer.sort();
                customer.dedup();
                let inline_policy = ps
                    .inline_policy
                    .as_ref()
                    .and_then(|f| layout.inline_policies.get(f.get_ref()))
                    .map(|f| f.content.clone());
                let permissions_boundary =
                    ps.permissions_boundary
                        .as_ref()
                        .map(|b| PermissionsBoundary {
                            managed_policy_arn: b.managed_policy_arn.clone(),
                            customer_managed_policy: b.customer_managed_policy.as_ref().map(|r| {
                                PolicyReference {
                                    name: r.name.clone(),
                                    path: r.path.clone(),
                                }
                            }),
                        });
                let name = ps.name.get_ref().clone();
                (
                    name.clone(),
                    DesiredPermissionSet {
                        name,
                        description: ps
                            .description
                            .as_ref()
                            .map(|d| d.get_ref().clone())
                            .unwrap_or_default(),
                        session_duration: ps
                            .session_duration
                            .as_ref()
                            .map(|d| d.get_ref().clone())
                            .unwrap_or_else(|| DEFAULT_SESSION_DURATION.to_string()),
                        relay_state: ps.relay_state.as_ref().map(|r| r.get_ref().clone()),
                        managed_policies: managed,
                        customer_managed_policies: customer,
                        inline_policy,
                        permissions_boundary,
                        tags: ps.tags.clone(),
                    },
                )
            })
            .collect();
        let assignments = section
            .assignments
            .iter()
            .enumerate()
            .filter_map(|(index, a)| {
                let a = a.get_ref();
                let (principal_type, principal) = match (&a.group, &a.user) {
                    (Some(g), None) => (PrincipalType::Group, g.get_ref().clone()),
                    (None, Some(u)) => (PrincipalType::User, u.get_ref().clone()),
                    // Validate reports both and neither.
                    _ => return None,
                };
                Some(DesiredAssignment {
                    principal_type,
                    principal,
                    permission_set: a.permission_set.get_ref().clone(),
                    targets: Targets {
                        accounts: a.accounts.iter().map(|t| t.get_ref().clone()).collect(),
                        ous: a.ous.iter().map(|t| t.get_ref().clone()).collect(),
                        account_tags: a.tags(),
                    },
                    index,
                })
            })
            .collect();
        Some(DesiredIdentityCenter {
            unmanaged: section.unmanaged,
            permission_sets,
            assignments,
        })
    }

    /// Every grant the assignments make over `accounts`, without
    /// duplicates, sorted.
    pub fn grants(&self, accounts: &[PlacedAccount]) -> BTreeSet<Grant> {
        self.assignments
            .iter()
            .flat_map(|a| {
                a.targets.expand(accounts).into_iter().map(|account| Grant {
                    account_id: account.id.clone(),
                    permission_set: a.permission_set.clone(),
                    principal_type: a.principal_type,
                    principal: a.principal.clone(),
                })
            })
            .collect()
    }
}

impl Targets {
    /// The accounts these targets name: accounts by name or id (whatever
    /// their status, so access policies judge them), and the active
    /// accounts under the OUs or carrying the tags.
    pub fn expand<'a>(&self, accounts: &'a [PlacedAccount]) -> Vec<&'a PlacedAccount> {
        accounts
            .iter()
            .filter(|a| {
                let named = self.accounts.iter().any(|t| *t == a.id || *t == a.name);
                let in_ou = a.active
                    && self.ous.iter().any(|ou| {
                        let ou = ou.trim_matches('/');
                        ou.is_empty() || a.ou_path == ou || a.ou_path.starts_with(&format!("{ou}/"))
                    });
                let tagged = a.active
                    && !self.account_tags.is_empty()
                    && self
                        .account_tags
                        .iter()
                        .all(|(k, v)| a.tags.get(k) == Some(v));
                named || in_ou || tagged
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, name: &str, ou: &str, env: &str, active: bool) -> PlacedAccount {
        PlacedAccount {
            id: id.into(),
            name: name.into(),
            ou_path: ou.into(),
            tags: BTreeMap::from([("environment".to_string(), env.to_string())]),
            active,
        }
    }

    #[test]
    fn targets_expand_over_names_ous_recursively_and_tags() {
        let accounts = vec![
            account("111111111111", "prod", "Workloads/Prod", "production", true),
            account("222222222222", "dev", "Workloads/SDLC", "dev", true),
            account("333333333333", "old", "Workloads/SDLC", "dev", false),
            account("444444444444", "infra", "Infra", "production", true),
        ];
        let ids = |t: &Targets| -> Vec<String> {
            t.expand(&accounts).iter().map(|a| a.id.clone()).collect()
        };
        let by_ou = Targets {
            ous: vec!["Workloads".into()],
            ..Default::default()
        };
        // Recursive, and the suspended account is left out.
        assert_eq!(ids(&by_ou), ["111111111111", "222222222222"]);
        let by_name = Targets {
            accounts: vec!["old".into(), "444444444444".into()],
            ..Default::default()
        };
        assert_eq!(ids(&by_name), ["333333333333", "444444444444"]);
        let by_tag = Targets {
            account_tags: BTreeMap::from([("environment".into(), "production".into())]),
            ..Default::default()
        };
        assert_eq!(ids(&by_tag), ["111111111111", "444444444444"]);
        // "Work" is not a prefix of the path segment "Workloads".
        let partial = Targets {
            ous: vec!["Work".into()],
            ..Default::default()
        };
        assert!(ids(&partial).is_empty());
    }
}
