//! The safety check: every step of a plan replayed over a model of the
//! organization, refusing the first step AWS would reject or that would
//! leave the organization unsafe in between (a target with no SCP, a
//! non-empty OU deleted, a limit exceeded). moto does not enforce these
//! rules, so orgguard must.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::change::{Change, PolicyRef, Target};
use super::error::PlanError;
use crate::layout::model::Desired;
use crate::model::Snapshot;
use crate::policy::kinds::PolicyKind;
use crate::policy::limits::Limits;
use crate::policy::limits::{When, check_not_empty};

/// Refuses a live organization other than the one the layout names.
pub fn check_organization(desired: &Desired, live: &Snapshot) -> Result<(), PlanError> {
    let org = &live.organization;
    if org.management_account_id != desired.management_account_id {
        return Err(PlanError::WrongOrganization {
            live: format!(
                "{} (management account {})",
                org.id, org.management_account_id
            ),
            expected: format!("management account {}", desired.management_account_id),
        });
    }
    if let Some(id) = &desired.organization_id
        && &org.id != id
    {
        return Err(PlanError::WrongOrganization {
            live: org.id.clone(),
            expected: id.clone(),
        });
    }
    Ok(())
}

struct Container {
    name: String,
    /// `None` for a root.
    parent: Option<String>,
    children: usize,
}

struct SimPolicy {
    aws_managed: bool,
    targets: usize,
}

/// The organization as the plan changes it, one step at a time.
struct Sim {
    containers: HashMap<String, Container>,
    /// (parent, name) of every OU, since siblings need distinct names.
    names: HashSet<(String, String)>,
    accounts: HashMap<String, String>,
    policies: HashMap<(PolicyKind, String), SimPolicy>,
    /// (kind, target) → names attached.
    attached: HashMap<(PolicyKind, String), BTreeSet<String>>,
    /// Policy kinds enabled on the root.
    enabled: BTreeSet<PolicyKind>,
}

type Refusal = (String, String);

fn refuse(reason: impl Into<String>, help: impl Into<String>) -> Refusal {
    (reason.into(), help.into())
}

impl Sim {
    fn new(live: &Snapshot) -> Self {
        let mut containers: HashMap<String, Container> = HashMap::new();
        for root in &live.roots {
            containers.insert(
                root.id.clone(),
                Container {
                    name: root.name.clone(),
                    parent: None,
                    children: 0,
                },
            );
        }
        let mut names = HashSet::new();
        for ou in &live.organizational_units {
            names.insert((ou.parent_id.clone(), ou.name.clone()));
            containers.insert(
                ou.id.clone(),
                Container {
                    name: ou.name.clone(),
                    parent: Some(ou.parent_id.clone()),
                    children: 0,
                },
            );
        }
        let mut accounts = HashMap::new();
        for account in &live.accounts {
            accounts.insert(account.id.clone(), account.parent_id.clone());
        }
        let parents: Vec<String> = live
            .organizational_units
            .iter()
            .map(|o| o.parent_id.clone())
            .chain(live.accounts.iter().map(|a| a.parent_id.clone()))
            .collect();
        for parent in parents {
            if let Some(c) = containers.get_mut(&parent) {
                c.children += 1;
            }
        }
        let mut policies = HashMap::new();
        let mut attached: HashMap<(PolicyKind, String), BTreeSet<String>> = HashMap::new();
        let mut enabled = BTreeSet::from([PolicyKind::Scp]);
        for kind in PolicyKind::ALL {
            if kind != PolicyKind::Scp && live.policy_type_enabled(kind) {
                enabled.insert(kind);
            }
            for policy in live.policies_of(kind) {
                policies.insert(
                    (kind, policy.name.clone()),
                    SimPolicy {
                        aws_managed: policy.aws_managed || policy.name == kind.full_access(),
                        targets: policy.targets.len(),
                    },
                );
                for target in &policy.targets {
                    attached
                        .entry((kind, target.clone()))
                        .or_default()
                        .insert(policy.name.clone());
                }
            }
            policies
                .entry((kind, kind.full_access().to_string()))
                .or_insert(SimPolicy {
                    aws_managed: true,
                    targets: 0,
                });
        }
        Sim {
            containers,
            names,
            accounts,
            policies,
            attached,
            enabled,
        }
    }

    /// Every root, OU and account key, as the pass-through policy of a
    /// newly enabled kind reaches them all.
    fn all_targets(&self) -> Vec<String> {
        self.containers
            .keys()
            .chain(self.accounts.keys())
            .cloned()
            .collect()
    }

    fn depth(&self, key: &str) -> usize {
        let mut depth = 0;
        let mut current = key;
        while let Some(parent) = self
            .containers
            .get(current)
            .and_then(|c| c.parent.as_deref())
        {
            depth += 1;
            current = parent;
            if depth > self.containers.len() {
                break;
            }
        }
        depth
    }

    fn target_exists(&self, key: &str) -> bool {
        self.containers.contains_key(key) || self.accounts.contains_key(key)
    }

    fn step(&mut self, change: &Change, limits: &Limits) -> Result<(), Refusal> {
        match change {
            Change::EnablePolicyType { kind, root_id } => {
                if !self.containers.contains_key(root_id) {
                    return Err(refuse(
                        format!("root {root_id} does not exist"),
                        "take a fresh snapshot and plan again",
                    ));
                }
                if !self.enabled.insert(*kind) {
                    return Err(refuse(
                        format!("{kind}s are already enabled"),
                        "take a fresh snapshot and plan again",
                    ));
                }
                for key in self.all_targets() {
                    self.attach_unchecked(*kind, &key, kind.full_access());
                }
            }
            Change::CreatePolicy {
                kind,
                name,
                content,
                ..
            } => {
                if self.policies.contains_key(&(*kind, name.clone())) {
                    return Err(refuse(
                        format!("an {kind} named `{name}` already exists"),
                        format!("{kind} names are unique; rename the file"),
                    ));
                }
                check_size(*kind, name, content, limits)?;
                self.policies.insert(
                    (*kind, name.clone()),
                    SimPolicy {
                        aws_managed: false,
                        targets: 0,
                    },
                );
            }
            Change::UpdatePolicy {
                kind,
                name,
                content,
                ..
            } => {
                let policy = self.policy(*kind, name)?;
                if policy.aws_managed {
                    return Err(refuse(
                        format!("`{name}` is managed by AWS and cannot be changed"),
                        "refer to it by name only",
                    ));
                }
                if let Some(content) = content {
                    check_size(*kind, name, content, limits)?;
                }
            }
            Change::DeletePolicy { kind, name, .. } => {
                let policy = self.policy(*kind, name)?;
                if policy.aws_managed {
                    return Err(refuse(
                        format!("`{name}` is managed by AWS and cannot be deleted"),
                        "keep it; detach it where it is not wanted",
                    ));
                }
                if policy.targets > 0 {
                    return Err(refuse(
                        format!("`{name}` is still attached to {} target(s)", policy.targets),
                        "a policy must be detached everywhere before it is deleted",
                    ));
                }
                self.policies.remove(&(*kind, name.clone()));
            }
            Change::CreateOu {
                path, parent, name, ..
            } => {
                let parent_key = parent.key();
                if !self.containers.contains_key(&parent_key) {
                    return Err(refuse(
                        format!("its parent {} does not exist yet", parent.describe()),
                        "parents are created before children",
                    ));
                }
                let depth = self.depth(&parent_key) + 1;
                if let Some(breach) = limits.check_depth(path, depth, When::AfterStep) {
                    return Err(refuse(breach.message, breach.help));
                }
                self.claim_name(&parent_key, name)?;
                let key = format!("new:{path}");
                self.containers.insert(
                    key.clone(),
                    Container {
                        name: name.clone(),
                        parent: Some(parent_key.clone()),
                        children: 0,
                    },
                );
                if let Some(p) = self.containers.get_mut(&parent_key) {
                    p.children += 1;
                }
                // AWS attaches each enabled kind's pass-through policy to a
                // new OU.
                for kind in self.enabled.clone() {
                    self.attach_unchecked(kind, &key, kind.full_access());
                }
            }
            Change::RenameOu { id, new_name, .. } => {
                let Some(container) = self.containers.get(id) else {
                    return Err(refuse(
                        format!("OU {id} does not exist"),
                        "take a fresh snapshot and plan again",
                    ));
                };
                let parent = container.parent.clone().unwrap_or_default();
                let old = container.name.clone();
                self.claim_name(&parent, new_name)?;
                self.names.remove(&(parent, old));
                if let Some(c) = self.containers.get_mut(id) {
                    c.name = new_name.clone();
                }
            }
            Change::DeleteOu { id, path } => {
                let Some(container) = self.containers.get(id) else {
                    return Err(refuse(
                        format!("OU {id} does not exist"),
                        "take a fresh snapshot and plan again",
                    ));
                };
                if container.children > 0 {
                    return Err(refuse(
                        format!(
                            "OU `{path}` still holds {} account(s) or OU(s)",
                            container.children
                        ),
                        "move its accounts elsewhere in ou-layout.toml first; AWS deletes only empty OUs",
                    ));
                }
                let parent = container.parent.clone().unwrap_or_default();
                self.names.remove(&(parent.clone(), container.name.clone()));
                if let Some(p) = self.containers.get_mut(&parent) {
                    p.children = p.children.saturating_sub(1);
                }
                self.containers.remove(id);
                for kind in PolicyKind::ALL {
                    for name in self
                        .attached
                        .remove(&(kind, id.clone()))
                        .unwrap_or_default()
                    {
                        if let Some(p) = self.policies.get_mut(&(kind, name)) {
                            p.targets = p.targets.saturating_sub(1);
                        }
                    }
                }
            }
            Change::MoveAccount {
                account_id,
                from,
                to,
                ..
            } => {
                let (from_key, to_key) = (from.key(), to.key());
                let Some(current) = self.accounts.get(account_id).cloned() else {
                    return Err(refuse(
                        format!("account {account_id} is not in the organization"),
                        "take a fresh snapshot and plan again",
                    ));
                };
                if current != from_key {
                    return Err(refuse(
                        format!("account {account_id} is not in {}", from.describe()),
                        "take a fresh snapshot and plan again",
                    ));
                }
                if !self.containers.contains_key(&to_key) {
                    return Err(refuse(
                        format!("{} does not exist yet", to.describe()),
                        "OUs are created before accounts move into them",
                    ));
                }
                if let Some(c) = self.containers.get_mut(&from_key) {
                    c.children = c.children.saturating_sub(1);
                }
                if let Some(c) = self.containers.get_mut(&to_key) {
                    c.children += 1;
                }
                self.accounts.insert(account_id.clone(), to_key);
            }
            Change::AttachPolicy {
                kind,
                policy,
                target,
            } => {
                let kind = *kind;
                let key = self.existing_target(target)?;
                let name = self.existing_policy(kind, policy)?;
                if !self.enabled.contains(&kind) {
                    return Err(refuse(
                        format!("{kind}s are not enabled in the organization"),
                        format!(
                            "the plan enables them first when the layout uses {kind}s; take a fresh snapshot and plan again"
                        ),
                    ));
                }
                let set = self.attached.get(&(kind, key.clone()));
                let count = set.map(BTreeSet::len).unwrap_or(0);
                if set.is_some_and(|s| s.contains(&name)) {
                    return Err(refuse(
                        format!("`{name}` is already attached to {}", target.describe()),
                        "take a fresh snapshot and plan again",
                    ));
                }
                if let Some(breach) =
                    limits.check_attached(kind, &target.describe(), count + 1, When::AfterStep)
                {
                    return Err(refuse(breach.message, breach.help));
                }
                self.attach_unchecked(kind, &key, &name);
            }
            Change::DetachPolicy {
                kind,
                policy,
                target,
            } => {
                let kind = *kind;
                let key = self.existing_target(target)?;
                let name = policy.name().to_string();
                if !kind.full_access_detachable() && name == kind.full_access() {
                    return Err(refuse(
                        format!(
                            "{name} cannot be detached: AWS keeps it attached everywhere while {kind}s are enabled"
                        ),
                        format!(
                            "remove {name} from the layout's rcps lists; it stays attached whatever they say"
                        ),
                    ));
                }
                let set = self.attached.entry((kind, key)).or_default();
                if !set.contains(&name) {
                    return Err(refuse(
                        format!("`{name}` is not attached to {}", target.describe()),
                        "take a fresh snapshot and plan again",
                    ));
                }
                if let Some(breach) =
                    check_not_empty(kind, &target.describe(), set.len() - 1, When::AfterStep)
                {
                    return Err(refuse(breach.message, breach.help));
                }
                set.remove(&name);
                if let Some(p) = self.policies.get_mut(&(kind, name)) {
                    p.targets = p.targets.saturating_sub(1);
                }
            }
            Change::TagResource { target, .. } | Change::UntagResource { target, .. } => {
                self.existing_target(target)?;
            }
            Change::CreateAccount(create) => {
                let key = create.target().key();
                if self.accounts.contains_key(&key) {
                    return Err(refuse(
                        format!("the plan already creates an account for {}", create.email),
                        "every [[account]] needs its own email",
                    ));
                }
                let parent = create.ou.key();
                if !self.containers.contains_key(&parent) {
                    return Err(refuse(
                        format!("{} does not exist yet", create.ou.describe()),
                        "OUs are created before accounts go into them",
                    ));
                }
                if let Some(c) = self.containers.get_mut(&parent) {
                    c.children += 1;
                }
                self.accounts.insert(key.clone(), parent);
                // AWS attaches each enabled kind's pass-through policy.
                for kind in self.enabled.clone() {
                    self.attach_unchecked(kind, &key, kind.full_access());
                }
            }
            Change::CloseAccount(close) => {
                if !self.accounts.contains_key(&close.account_id) {
                    return Err(refuse(
                        format!("account {} is not in the organization", close.account_id),
                        "take a fresh snapshot and plan again",
                    ));
                }
            }
            // Identity Center changes leave the organization tree alone.
            Change::IdentityCenter(_) => {}
            // Contacts touch neither the tree nor its policies.
            Change::SetContact(_) => {}
            // Nor do trusted access and delegated administrators.
            Change::TrustedAccess(_) => {}
        }
        Ok(())
    }

    fn policy(&self, kind: PolicyKind, name: &str) -> Result<&SimPolicy, Refusal> {
        self.policies.get(&(kind, name.to_string())).ok_or_else(|| {
            refuse(
                format!("{kind} `{name}` does not exist"),
                "take a fresh snapshot and plan again",
            )
        })
    }

    fn existing_policy(&self, kind: PolicyKind, policy: &PolicyRef) -> Result<String, Refusal> {
        let name = policy.name();
        self.policy(kind, name)?;
        Ok(name.to_string())
    }

    fn existing_target(&self, target: &Target) -> Result<String, Refusal> {
        let key = target.key();
        if self.target_exists(&key) {
            Ok(key)
        } else {
            Err(refuse(
                format!("{} does not exist", target.describe()),
                "take a fresh snapshot and plan again",
            ))
        }
    }

    fn claim_name(&mut self, parent: &str, name: &str) -> Result<(), Refusal> {
        if !self.names.insert((parent.to_string(), name.to_string())) {
            let place = self
                .containers
                .get(parent)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            return Err(refuse(
                format!("an OU named `{name}` already exists under {place}"),
                "sibling OUs need different names; rename or remove the other OU",
            ));
        }
        Ok(())
    }

    fn attach_unchecked(&mut self, kind: PolicyKind, key: &str, name: &str) {
        if self
            .attached
            .entry((kind, key.to_string()))
            .or_default()
            .insert(name.to_string())
            && let Some(p) = self.policies.get_mut(&(kind, name.to_string()))
        {
            p.targets += 1;
        }
    }
}

fn check_size(kind: PolicyKind, name: &str, content: &str, limits: &Limits) -> Result<(), Refusal> {
    match limits.check_size(kind, name, content.chars().count()) {
        Some(breach) => Err(refuse(breach.message, breach.help)),
        None => Ok(()),
    }
}

/// Replays `changes` over `live` and refuses the first unsafe step. Also
/// suits a saved plan read back before it is applied.
pub fn simulate(changes: &[Change], live: &Snapshot, limits: &Limits) -> Result<(), PlanError> {
    let mut sim = Sim::new(live);
    for (i, change) in changes.iter().enumerate() {
        sim.step(change, limits)
            .map_err(|(reason, help)| PlanError::Unsafe {
                step: i + 1,
                change: change.describe(),
                reason,
                help,
            })?;
    }
    Ok(())
}
