//! Queries over the organization tree of a snapshot: paths, parents and
//! what is attached where.

use foldhash::{HashMap, HashMapExt};

use super::snapshot::{Account, OrganizationalUnit, Policy, Snapshot};
use crate::policy::kinds::PolicyKind;

/// Lookup tables over one snapshot, built once.
pub struct OrgIndex<'a> {
    pub snapshot: &'a Snapshot,
    ous: HashMap<&'a str, &'a OrganizationalUnit>,
    accounts: HashMap<&'a str, &'a Account>,
    attached: HashMap<PolicyKind, HashMap<&'a str, Vec<&'a Policy>>>,
}

impl<'a> OrgIndex<'a> {
    pub fn new(snapshot: &'a Snapshot) -> Self {
        let ous = snapshot
            .organizational_units
            .iter()
            .map(|ou| (ou.id.as_str(), ou))
            .collect();
        let accounts = snapshot
            .accounts
            .iter()
            .map(|a| (a.id.as_str(), a))
            .collect();
        let mut attached: HashMap<PolicyKind, HashMap<&str, Vec<&Policy>>> = HashMap::new();
        for kind in PolicyKind::ALL {
            let on = attached.entry(kind).or_default();
            for policy in snapshot.policies_of(kind) {
                for target in &policy.targets {
                    on.entry(target.as_str()).or_default().push(policy);
                }
            }
        }
        OrgIndex {
            snapshot,
            ous,
            accounts,
            attached,
        }
    }

    pub fn ou(&self, id: &str) -> Option<&'a OrganizationalUnit> {
        self.ous.get(id).copied()
    }

    pub fn account(&self, id: &str) -> Option<&'a Account> {
        self.accounts.get(id).copied()
    }

    /// The containers from `parent_id` up to the root, root last: the
    /// ancestors of whatever `parent_id` is the parent of. `None` when the
    /// chain is broken or loops.
    pub fn ancestors<'s>(&self, parent_id: &'s str) -> Option<Vec<&'s str>>
    where
        'a: 's,
    {
        let mut ids = Vec::new();
        let mut current = parent_id;
        for _ in 0..=self.ous.len() {
            ids.push(current);
            if current.starts_with("r-") {
                return Some(ids);
            }
            current = &self.ou(current)?.parent_id;
        }
        None
    }

    /// The OU path of a root or OU id: "" for a root,
    /// "Foundational/Workloads" for an OU. `None` when the chain is broken
    /// or loops.
    pub fn path_of(&self, container_id: &str) -> Option<String> {
        let ids = self.ancestors(container_id)?;
        let names: Vec<&str> = ids
            .iter()
            .rev()
            .filter_map(|id| self.ou(id).map(|ou| ou.name.as_str()))
            .collect();
        Some(names.join("/"))
    }

    /// The SCPs attached directly to a root, OU or account.
    pub fn policies_on(&self, target_id: &str) -> &[&'a Policy] {
        self.attached(PolicyKind::Scp, target_id)
    }

    /// The policies of one kind attached directly to a root, OU or account.
    pub fn attached(&self, kind: PolicyKind, target_id: &str) -> &[&'a Policy] {
        self.attached
            .get(&kind)
            .and_then(|on| on.get(target_id))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::snapshot::*;

    fn ou(id: &str, name: &str, parent: &str) -> OrganizationalUnit {
        OrganizationalUnit {
            id: id.into(),
            arn: String::new(),
            name: name.into(),
            parent_id: parent.into(),
            tags: Default::default(),
        }
    }

    #[test]
    fn paths_follow_parents_to_the_root() {
        let snapshot = Snapshot {
            schema_version: SCHEMA_VERSION,
            captured_at: String::new(),
            source: String::new(),
            organization: Organization {
                id: "o-1".into(),
                arn: String::new(),
                management_account_id: "111111111111".into(),
                feature_set: "ALL".into(),
            },
            roots: vec![],
            organizational_units: vec![
                ou("ou-a", "Foundational", "r-1"),
                ou("ou-b", "Workloads", "ou-a"),
                ou("ou-loop", "Loop", "ou-loop"),
            ],
            accounts: vec![],
            policies: vec![],
            rcps: Vec::new(),
            identity_center: None,
            org_settings: None,
            member_accounts: vec![],
            incomplete: vec![],
        };
        let index = OrgIndex::new(&snapshot);
        assert_eq!(index.path_of("r-1").as_deref(), Some(""));
        assert_eq!(
            index.path_of("ou-b").as_deref(),
            Some("Foundational/Workloads")
        );
        assert_eq!(index.path_of("ou-loop"), None);
        assert_eq!(index.path_of("ou-missing"), None);
        assert_eq!(index.ancestors("ou-b"), Some(vec!["ou-b", "ou-a", "r-1"]));
        assert_eq!(index.ancestors("ou-loop"), None);
    }
}
