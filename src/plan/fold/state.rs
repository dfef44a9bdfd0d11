//! The organization being folded: a snapshot, and the lookups that keep
//! each step cheap.

use std::borrow::Cow;
use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt, HashSet};

use super::listed::Listed;
use crate::org::{Account, IdentityCenter, OrganizationalUnit, Policy, Snapshot};
use crate::plan::change::Target;
use crate::policy::kinds::PolicyKind;
use crate::policy::limits::Limits;

/// Why AWS would reject a step, or why it would leave the organization
/// unsafe, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: String,
    pub help: String,
}

pub fn refuse(reason: impl Into<String>, help: impl Into<String>) -> Refusal {
    Refusal {
        reason: reason.into(),
        help: help.into(),
    }
}

pub fn stale(reason: impl Into<String>) -> Refusal {
    refuse(reason, "take a fresh snapshot and plan again")
}

/// The organization as a plan changes it: a snapshot, and the lookups that
/// keep each step cheap on 10,000 accounts. Attachments live in
/// `attached` while folding and are written back into the snapshot's
/// policies by [`Folding::finish`].
pub struct Folding<'a> {
    pub(in crate::plan) org: Snapshot,
    /// Borrowed until a change touches it: it is the largest part of a
    /// snapshot (62,000 assignments in the benchmark organization) and most
    /// plans leave it alone.
    pub(in crate::plan) identity_center: Option<Cow<'a, IdentityCenter>>,
    pub(in crate::plan) limits: &'a Limits,
    pub(in crate::plan) ous: Listed<'a, OrganizationalUnit>,
    pub(in crate::plan) accounts: Listed<'a, Account>,
    /// Accounts and OUs directly under each root or OU.
    pub(in crate::plan) children: HashMap<Cow<'a, str>, usize>,
    /// (parent, name) of every OU: siblings need distinct names.
    pub(in crate::plan) names: HashSet<(String, String)>,
    /// (kind, target id) → names of the policies attached.
    /// Borrowed from the snapshot until a step changes them (12,000 of
    /// them on 10,000 accounts, nearly all FullAWSAccess).
    pub(in crate::plan) attached: HashMap<(PolicyKind, Cow<'a, str>), BTreeSet<Cow<'a, str>>>,
    /// (kind, name) → how many targets the policy is attached to.
    pub(in crate::plan) uses: HashMap<(PolicyKind, String), usize>,
    pub(in crate::plan) enabled: BTreeSet<PolicyKind>,
    /// The id each OU or account the plan creates gets, by its target key.
    pub(in crate::plan) created: HashMap<String, String>,
}

impl<'a> Folding<'a> {
    /// Starts from `live`. Member accounts' resources are left out: no
    /// change of a plan touches them.
    pub fn new(live: &'a Snapshot, limits: &'a Limits) -> Self {
        let mut org = Snapshot {
            schema_version: live.schema_version,
            captured_at: live.captured_at.clone(),
            source: live.source.clone(),
            organization: live.organization.clone(),
            roots: live.roots.clone(),
            organizational_units: Vec::new(),
            accounts: Vec::new(),
            policies: Vec::new(),
            rcps: Vec::new(),
            identity_center: None,
            org_settings: live.org_settings.clone(),
            member_accounts: Vec::new(),
            incomplete: live.incomplete.clone(),
        };
        let mut attached: HashMap<(PolicyKind, Cow<str>), BTreeSet<Cow<str>>> = HashMap::new();
        let mut uses = HashMap::new();
        let mut enabled = BTreeSet::from([PolicyKind::Scp]);
        for kind in PolicyKind::ALL {
            if live.policy_type_enabled(kind) {
                enabled.insert(kind);
            }
            for policy in live.policies_of(kind) {
                uses.insert((kind, policy.name.clone()), policy.targets.len());
                for target in &policy.targets {
                    attached
                        .entry((kind, Cow::Borrowed(target.as_str())))
                        .or_default()
                        .insert(Cow::Borrowed(&policy.name));
                }
            }
            // The snapshot's lists of targets are rebuilt from `attached`.
            *org.policies_of_mut(kind) = (live.policies_of(kind).iter())
                .map(|p| Policy {
                    id: p.id.clone(),
                    arn: p.arn.clone(),
                    name: p.name.clone(),
                    description: p.description.clone(),
                    aws_managed: p.aws_managed,
                    content: p.content.clone(),
                    targets: Vec::new(),
                })
                .collect();
        }
        let mut children: HashMap<Cow<str>, usize> = HashMap::new();
        let parents = (live.organizational_units.iter())
            .map(|o| &o.parent_id)
            .chain(live.accounts.iter().map(|a| &a.parent_id));
        for parent in parents {
            *children.entry(Cow::Borrowed(parent)).or_default() += 1;
        }
        let names = (live.organizational_units.iter())
            .map(|o| (o.parent_id.clone(), o.name.clone()))
            .collect();
        Folding {
            identity_center: live.identity_center.as_ref().map(Cow::Borrowed),
            ous: Listed::borrowed(&live.organizational_units),
            accounts: Listed::borrowed(&live.accounts),
            org,
            limits,
            children,
            names,
            attached,
            uses,
            enabled,
            created: HashMap::new(),
        }
    }

    /// The organization after the steps folded in, sorted as a snapshot
    /// read from AWS would be.
    pub fn finish(mut self) -> Snapshot {
        self.org.identity_center = self.identity_center.map(Cow::into_owned);
        self.org.organizational_units = self.ous.into_vec();
        self.org.accounts = self.accounts.into_vec();
        for ((kind, target), names) in self.attached {
            for name in names {
                if let Some(p) = self
                    .org
                    .policies_of_mut(kind)
                    .iter_mut()
                    .find(|p| p.name == *name)
                {
                    p.targets.push(target.to_string());
                }
            }
        }
        self.org.normalize();
        self.org
    }

    /// The id of a root, OU or account, existing or created by an earlier
    /// step.
    pub(in crate::plan) fn id_of(&self, target: &Target) -> Option<String> {
        match target {
            Target::Root { id } | Target::Ou { id, .. } | Target::Account { id, .. } => {
                Some(id.clone())
            }
            Target::NewOu { .. } | Target::NewAccount { .. } => {
                self.created.get(&target.key()).cloned()
            }
        }
    }

    pub(in crate::plan) fn is_container(&self, id: &str) -> bool {
        self.ous.contains(id) || self.org.roots.iter().any(|r| r.id == id)
    }

    pub(in crate::plan) fn exists(&self, id: &str) -> bool {
        self.is_container(id) || self.accounts.contains(id)
    }

    /// The id of a target that exists at this step.
    pub(in crate::plan) fn existing(&self, target: &Target) -> Result<String, Refusal> {
        match self.id_of(target) {
            Some(id) if self.exists(&id) => Ok(id),
            _ => Err(stale(format!("{} does not exist", target.describe()))),
        }
    }

    /// The id of a root or OU that exists at this step.
    pub(in crate::plan) fn existing_container(
        &self,
        target: &Target,
        help: &str,
    ) -> Result<String, Refusal> {
        match self.id_of(target) {
            Some(id) if self.is_container(&id) => Ok(id),
            _ => Err(refuse(
                format!("{} does not exist yet", target.describe()),
                help,
            )),
        }
    }

    /// How many OUs lie between the root and `id` (the root's depth is 0).
    pub(in crate::plan) fn depth(&self, id: &str) -> usize {
        let mut depth = 0;
        let mut current = id;
        while let Some(ou) = self.ous.get(current) {
            depth += 1;
            current = &ou.parent_id;
            if depth > self.ous.len() {
                break;
            }
        }
        depth
    }

    /// Attaches each enabled kind's pass-through policy to a new target, as
    /// AWS does.
    pub(in crate::plan) fn attach_pass_through(&mut self, id: &str) {
        for kind in self.enabled.clone() {
            self.attach_unchecked(kind, id, kind.full_access());
        }
    }

    pub(in crate::plan) fn attach_unchecked(&mut self, kind: PolicyKind, id: &str, name: &str) {
        if self
            .attached
            .entry((kind, Cow::Owned(id.to_string())))
            .or_default()
            .insert(Cow::Owned(name.to_string()))
        {
            *self.uses.entry((kind, name.to_string())).or_default() += 1;
        }
    }

    pub(in crate::plan) fn adopt_child(&mut self, parent: &str) {
        match self.children.get_mut(parent) {
            Some(n) => *n += 1,
            None => {
                self.children.insert(Cow::Owned(parent.to_string()), 1);
            }
        }
    }

    pub(in crate::plan) fn lose_child(&mut self, parent: &str) {
        if let Some(n) = self.children.get_mut(parent) {
            *n = n.saturating_sub(1);
        }
    }
}
