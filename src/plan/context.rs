//! What the resources' diffs share while a plan is drafted: the layout,
//! the live organization, and how the layout's OUs matched live ones.

use std::borrow::Cow;

use foldhash::{HashMap, HashSet};

use super::change::{PolicyRef, Target};
use crate::layout::model::{Desired, DesiredAccount};
use crate::org::tree::OrgIndex;
use crate::org::{OrganizationalUnit, Snapshot};
use crate::policy::kinds::PolicyKind;

/// Where a desired OU stands against the live tree.
#[derive(Clone)]
pub(in crate::plan) enum OuMatch<'a> {
    Live(&'a OrganizationalUnit),
    New,
}

/// The drafting context.
pub(in crate::plan) struct Ctx<'a> {
    pub(in crate::plan) desired: &'a Desired,
    pub(in crate::plan) live: &'a Snapshot,
    pub(in crate::plan) index: OrgIndex<'a>,
    pub(in crate::plan) root_id: &'a str,
    /// Desired path → match.
    pub(in crate::plan) ous: HashMap<&'a str, OuMatch<'a>>,
    /// Live OU ids that a desired OU claimed.
    pub(in crate::plan) claimed: HashSet<&'a str>,
    /// The layout's accounts by id.
    pub(in crate::plan) desired_accounts: HashMap<&'a str, &'a DesiredAccount>,
}

impl<'a> Ctx<'a> {
    /// [`Target::key`] of [`Ctx::ou_target`], borrowed from the snapshot
    /// where it can be: the key of every account's parent is asked for.
    pub(in crate::plan) fn ou_key(&self, path: &str) -> Cow<'a, str> {
        if path.is_empty() || path == "/" {
            return Cow::Borrowed(self.root_id);
        }
        match self.ous.get(path) {
            Some(OuMatch::Live(ou)) => Cow::Borrowed(ou.id.as_str()),
            _ => Cow::Owned(Target::new_ou_key(path)),
        }
    }

    /// The target for a desired OU path ("/" or "" is the root).
    pub(in crate::plan) fn ou_target(&self, path: &str) -> Target {
        if path.is_empty() || path == "/" {
            return Target::Root {
                id: self.root_id.to_string(),
            };
        }
        match self.ous.get(path) {
            Some(OuMatch::Live(ou)) => Target::Ou {
                id: ou.id.clone(),
                path: path.to_string(),
            },
            _ => Target::NewOu {
                path: path.to_string(),
            },
        }
    }

    /// The target for a live container id, named by its path after the plan
    /// when the layout manages it, else by its live path.
    pub(in crate::plan) fn live_container(
        &self,
        id: &str,
        managed_paths: &HashMap<&str, &str>,
    ) -> Target {
        if id.starts_with("r-") {
            return Target::Root { id: id.to_string() };
        }
        let path = managed_paths
            .get(id)
            .map(|p| p.to_string())
            .or_else(|| self.index.path_of(id))
            .unwrap_or_else(|| id.to_string());
        Target::Ou {
            id: id.to_string(),
            path,
        }
    }

    pub(in crate::plan) fn policy_ref(&self, kind: PolicyKind, name: &str) -> PolicyRef {
        match self.live.policies_of(kind).iter().find(|p| p.name == name) {
            Some(p) => PolicyRef::Existing {
                id: p.id.clone(),
                name: p.name.clone(),
            },
            None if name == kind.full_access() => PolicyRef::Existing {
                id: kind.full_access_id().to_string(),
                name: name.to_string(),
            },
            None => PolicyRef::New {
                name: name.to_string(),
            },
        }
    }
}
