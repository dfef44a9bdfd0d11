//! The inventory's filters: `--account`, `--ou` (recursive),
//! `--permission-set` and `--principal`. Several values of one filter
//! match any of them; different filters must all match.

use std::collections::BTreeSet;

use super::row::AssignmentRow;
use crate::error::{Error, Result};
use crate::org::IdentityCenter;
use crate::org::tree::OrgIndex;
use crate::suggest::closest;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Account ids or names.
    pub accounts: Vec<String>,
    /// OU paths such as `Foundational/Workloads`; `/` is the whole tree.
    pub ous: Vec<String>,
    /// Permission set names or ARNs.
    pub permission_sets: Vec<String>,
    /// User ids, user names, display names or emails; group ids or names.
    pub principals: Vec<String>,
}

/// Filters turned into ids, checked against the snapshot.
#[derive(Debug, Default)]
pub struct Resolved {
    accounts: Option<BTreeSet<String>>,
    ous: Option<Vec<String>>,
    permission_sets: Option<BTreeSet<String>>,
    principals: Option<BTreeSet<String>>,
}

impl Filters {
    /// Resolves every value, failing on one that names nothing, so a typo
    /// is an error rather than an empty report.
    pub fn resolve(&self, index: &OrgIndex<'_>, ic: &IdentityCenter) -> Result<Resolved> {
        let mut resolved = self.resolve_without_identity_center(index)?;
        if !self.permission_sets.is_empty() {
            let mut arns = BTreeSet::new();
            for wanted in &self.permission_sets {
                let found: Vec<&str> = ic
                    .permission_sets
                    .iter()
                    .filter(|p| &p.name == wanted || &p.arn == wanted)
                    .map(|p| p.arn.as_str())
                    .collect();
                if found.is_empty() {
                    return Err(unknown(
                        "permission set",
                        wanted,
                        ic.permission_sets.iter().map(|p| p.name.as_str()),
                    ));
                }
                arns.extend(found.into_iter().map(str::to_string));
            }
            resolved.permission_sets = Some(arns);
        }
        if !self.principals.is_empty() {
            let mut ids = BTreeSet::new();
            for wanted in &self.principals {
                let w = wanted.as_str();
                let users = ic.users.iter().filter(|u| {
                    u.id == w
                        || u.user_name == w
                        || u.display_name == w
                        || u.email.as_deref() == Some(w)
                });
                let mut found: Vec<&str> = users.map(|u| u.id.as_str()).collect();
                found.extend(
                    ic.groups
                        .iter()
                        .filter(|g| g.id == w || g.display_name == w)
                        .map(|g| g.id.as_str()),
                );
                // A deleted principal is known only by the id its
                // assignments still carry.
                if ic.assignments.iter().any(|a| a.principal_id == w) {
                    found.push(w);
                }
                if found.is_empty() {
                    let names = ic
                        .users
                        .iter()
                        .map(|u| u.user_name.as_str())
                        .chain(ic.groups.iter().map(|g| g.display_name.as_str()));
                    return Err(unknown("principal", wanted, names));
                }
                ids.extend(found.into_iter().map(str::to_string));
            }
            resolved.principals = Some(ids);
        }
        Ok(resolved)
    }

    /// Resolves the account and OU filters, which need no Identity Center.
    pub fn resolve_without_identity_center(&self, index: &OrgIndex<'_>) -> Result<Resolved> {
        let snapshot = index.snapshot;
        let mut resolved = Resolved::default();
        if !self.accounts.is_empty() {
            let mut ids = BTreeSet::new();
            for wanted in &self.accounts {
                let found: Vec<&str> = snapshot
                    .accounts
                    .iter()
                    .filter(|a| &a.id == wanted || &a.name == wanted)
                    .map(|a| a.id.as_str())
                    .collect();
                let in_assignments = snapshot
                    .identity_center
                    .as_ref()
                    .is_some_and(|ic| ic.assignments.iter().any(|a| &a.account_id == wanted));
                if found.is_empty() && !in_assignments {
                    return Err(unknown(
                        "account",
                        wanted,
                        snapshot.accounts.iter().map(|a| a.name.as_str()),
                    ));
                }
                ids.extend(found.into_iter().map(str::to_string));
                ids.insert(wanted.clone());
            }
            resolved.accounts = Some(ids);
        }
        if !self.ous.is_empty() {
            let known: Vec<String> = snapshot
                .organizational_units
                .iter()
                .filter_map(|ou| index.path_of(&ou.id))
                .collect();
            let mut paths = Vec::new();
            for wanted in &self.ous {
                let path = wanted.trim_matches('/').to_string();
                if !path.is_empty() && !known.contains(&path) {
                    return Err(unknown("OU", wanted, known.iter().map(String::as_str)));
                }
                paths.push(path);
            }
            resolved.ous = Some(paths);
        }
        Ok(resolved)
    }
}

impl Resolved {
    /// Whether a row passes every filter.
    pub fn keeps(&self, row: &AssignmentRow) -> bool {
        let in_set = |set: &Option<BTreeSet<String>>, value: &str| {
            set.as_ref().is_none_or(|s| s.contains(value))
        };
        in_set(&self.accounts, &row.account_id)
            && in_set(&self.permission_sets, &row.permission_set_arn)
            && self.principals.as_ref().is_none_or(|s| {
                s.contains(&*row.principal_id)
                    || row.via_group_id.as_ref().is_some_and(|g| s.contains(&**g))
            })
            && self.ous.as_ref().is_none_or(|paths| {
                paths.iter().any(|p| {
                    p.is_empty()
                        || *row.ou_path == **p
                        || row
                            .ou_path
                            .strip_prefix(p.as_str())
                            .is_some_and(|rest| rest.starts_with('/'))
                })
            })
    }
}

fn unknown<'a>(what: &str, wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Error {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let lower = wanted.to_lowercase();
    // A name that contains a candidate, or is contained in one, is likely
    // the same thing spelled longer or shorter ("ReadOnlyAccess", "ReadOnly").
    let overlapping = || {
        candidates.iter().copied().find(|c| {
            let c = c.to_lowercase();
            !c.is_empty() && (c.contains(&lower) || lower.contains(&c))
        })
    };
    let help = match closest(wanted, candidates.iter().copied()).or_else(overlapping) {
        Some(near) => format!("did you mean `{near}`?"),
        None if candidates.is_empty() => format!("the snapshot holds no {what}s"),
        None => {
            let mut list: Vec<&str> = candidates;
            list.sort_unstable();
            list.dedup();
            let shown: Vec<&str> = list.iter().take(10).copied().collect();
            format!(
                "the snapshot has: {}{}",
                shown.join(", "),
                if list.len() > 10 { ", …" } else { "" }
            )
        }
    };
    Error::invalid(format!("no {what} `{wanted}` in the snapshot"), help)
}
