//! Queries over the organization tree of a snapshot: paths, parents and
//! what is attached where.

use std::collections::HashMap;

use super::snapshot::{Account, OrganizationalUnit, Policy, Snapshot};

/// Lookup tables over one snapshot, built once.
pub struct OrgIndex<'a> {
    pub snapshot: &'a Snapshot,
    ous: HashMap<&'a str, &'a OrganizationalUnit>,
    accounts: HashMap<&'a str, &'a Account>,
    attached: HashMap<&'a str, Vec<&'a Policy>>,
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
        let mut attached: HashMap<&str, Vec<&Policy>> = HashMap::new();
        for policy in &snapshot.policies {
            for target in &policy.targets {
                attached.entry(target.as_str()).or_default().push(policy);
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

    /// The OU path of a root or OU id: "" for a root,
    /// "Foundational/Workloads" for an OU. `None` when the chain is broken
    /// or loops.
    pub fn path_of(&self, container_id: &str) -> Option<String> {
        let mut names = Vec::new();
        let mut current = container_id;
        for _ in 0..=self.ous.len() {
            if current.starts_with("r-") {
                names.reverse();
                return Some(names.join("/"));
            }
            let ou = self.ou(current)?;
            names.push(ou.name.as_str());
            current = &ou.parent_id;
        }
        None
    }

    /// The SCPs attached directly to a root, OU or account.
    pub fn policies_on(&self, target_id: &str) -> &[&'a Policy] {
        self.attached
            .get(target_id)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::snapshot::*;

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
    }
}
