//! The accounts the layout adds and removes. An `[[account]]` without an
//! id is matched to the live account with its email (the plan then asks
//! for the id to be pinned) or else created, with its tags and policies
//! following it; one marked closed is closed while it is active. A plan
//! closes at most `settings.limits.account_closures_per_plan` accounts
//! (raised for one plan by `--max-account-closures`), and never more than
//! AWS's quota.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::layout::model::{AccountCreation, Desired, DesiredAccount};
use crate::org::{AccountStatus, Snapshot};
use crate::plan::change::account::{CloseAccount, CreateAccount};
use crate::plan::change::{AccountChange, TagChange};
use crate::plan::change::{Change, PolicyRef, Target};
use crate::plan::error::PlanError;
use crate::plan::order::{Draft, TargetAttachments};
use crate::policy::kinds::PolicyKind;
use crate::policy::limits::Limits;
use crate::policy::limits::accounts::{closure_quota, quota_sentence};

/// The layout with its unpinned accounts sorted out.
pub struct Resolved<'a> {
    /// The layout with each unpinned account that matched a live one by
    /// email moved, with the live id, among the pinned ones; the layout
    /// itself when every account is pinned.
    pub desired: Cow<'a, Desired>,
    /// Unpinned accounts no live account matches: to create.
    pub creations: Vec<DesiredAccount>,
    /// One per matched account: pin its id.
    pub warnings: Vec<String>,
}

fn same_email(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Matches the layout's unpinned accounts to live accounts by email.
pub fn resolve<'a>(desired: &'a Desired, live: &Snapshot) -> Resolved<'a> {
    // An imported layout pins every account: nothing moves, and a copy of
    // a 10,000-account layout is not free.
    if desired.unpinned.is_empty() {
        return Resolved {
            desired: Cow::Borrowed(desired),
            creations: Vec::new(),
            warnings: Vec::new(),
        };
    }
    let mut resolved = desired.clone();
    let mut creations = Vec::new();
    let mut warnings = Vec::new();
    for mut account in std::mem::take(&mut resolved.unpinned) {
        // Validate refuses these; without an email nothing can match or be
        // created, and a closed account is never created.
        let Some(email) = account.email.clone() else {
            continue;
        };
        match live.accounts.iter().find(|l| same_email(&l.email, &email)) {
            Some(found) if resolved.accounts.iter().any(|a| a.id == found.id) => {
                warnings.push(format!(
                    "account {} ({email}) has no id in ou-layout.toml, and its email is that of account {}, which the layout declares by id too: remove one of the two [[account]] entries",
                    account.name, found.id
                ));
            }
            Some(found) => {
                warnings.push(format!(
                    "account {} ({email}) has no id in ou-layout.toml and is matched to account {} by its email: add id = \"{}\" to its [[account]] (or run `orgguard import` again), so that a changed email cannot make orgguard create it a second time",
                    account.name, found.id, found.id
                ));
                if let Some(contacts) = resolved.contacts.accounts.remove(&email) {
                    resolved
                        .contacts
                        .accounts
                        .insert(found.id.clone(), contacts);
                }
                account.id = found.id.clone();
                resolved.accounts.push(account);
            }
            None if account.closed => {}
            None => creations.push(account),
        }
    }
    Resolved {
        desired: Cow::Owned(resolved),
        creations,
        warnings,
    }
}

/// The changes that create `creations`: CreateAccount (which places the
/// account), then its tags and policy attachments, naming it by
/// [`Target::NewAccount`].
pub fn draft_creations(
    creations: &[DesiredAccount],
    settings: &AccountCreation,
    kinds: &[PolicyKind],
    ou_target: impl Fn(&str) -> Target,
    policy_ref: impl Fn(PolicyKind, &str) -> PolicyRef,
    draft: &mut Draft,
) {
    for account in creations {
        let create = CreateAccount {
            name: account.name.clone(),
            email: account.email.clone().unwrap_or_default(),
            ou: ou_target(&account.ou),
            root_id: ou_target("/").key(),
            role_name: settings.role_name.clone(),
            iam_user_access_to_billing: settings.iam_user_access_to_billing,
            timeout_seconds: settings.timeout_seconds,
        };
        let target = create.target();
        draft
            .create_accounts
            .push(Change::Account(AccountChange::Create(create)));
        if !account.tags.is_empty() {
            draft.tags.push(Change::Tag(TagChange::Tag {
                target: target.clone(),
                tags: account.tags.clone(),
            }));
        }
        for &kind in kinds {
            let list = match kind {
                PolicyKind::Scp => &account.scps,
                PolicyKind::Rcp => &account.rcps,
            };
            let detachable = kind.full_access_detachable();
            let wanted: BTreeSet<&str> = list
                .iter()
                .map(String::as_str)
                .filter(|n| detachable || *n != kind.full_access())
                .collect();
            // AWS attaches the pass-through policy to a new account; one
            // that cannot be detached is not listed but counts.
            let current: BTreeSet<&str> = if detachable {
                BTreeSet::from([kind.full_access()])
            } else {
                BTreeSet::new()
            };
            let attach: Vec<PolicyRef> = wanted
                .difference(&current)
                .map(|n| policy_ref(kind, n))
                .collect();
            let detach: Vec<PolicyRef> = current
                .difference(&wanted)
                .map(|n| policy_ref(kind, n))
                .collect();
            if !attach.is_empty() || !detach.is_empty() {
                draft.attachments.push(TargetAttachments {
                    kind,
                    target: target.clone(),
                    current: current.len() + usize::from(!detachable),
                    attach,
                    detach,
                });
            }
        }
    }
}

/// CloseAccount for every account the layout marks closed that is still
/// active. An account already closing or closed needs nothing; one no
/// longer in the organization gets a warning.
pub fn draft_closures(
    desired: &Desired,
    live: &Snapshot,
    warnings: &mut Vec<String>,
) -> Result<Vec<Change>, PlanError> {
    let mut out = Vec::new();
    for account in desired.accounts.iter().filter(|a| a.closed) {
        if account.id == live.organization.management_account_id {
            return Err(PlanError::CloseManagement {
                id: account.id.clone(),
                name: account.name.clone(),
            });
        }
        let Some(found) = live.accounts.iter().find(|l| l.id == account.id) else {
            warnings.push(format!(
                "account {} ({}) is marked closed and is no longer in the organization: remove its [[account]]",
                account.id, account.name
            ));
            continue;
        };
        match found.status {
            AccountStatus::Active => out.push(Change::Account(AccountChange::Close(CloseAccount {
                account_id: found.id.clone(),
                name: found.name.clone(),
            }))),
            AccountStatus::Suspended | AccountStatus::PendingClosure => {}
            AccountStatus::Unknown => warnings.push(format!(
                "account {} ({}) is marked closed, but its status in the organization is not one orgguard knows: it is not closed by this plan",
                found.id, found.name
            )),
        }
    }
    Ok(out)
}

/// Refuses a plan that closes more accounts than the limit allows, or more
/// than AWS's quota for the organization's size.
pub fn check_closure_limit(
    changes: &[Change],
    live: &Snapshot,
    limits: &Limits,
) -> Result<(), PlanError> {
    let count = changes
        .iter()
        .filter(|c| matches!(c, Change::Account(AccountChange::Close(_))))
        .count();
    let members = live
        .accounts
        .iter()
        .filter(|a| a.id != live.organization.management_account_id)
        .filter(|a| a.status == AccountStatus::Active)
        .count();
    let quota = closure_quota(members);
    if count > quota {
        return Err(PlanError::OverClosureQuota {
            count,
            quota,
            members,
            aws: quota_sentence(),
        });
    }
    if count > limits.account_closures_per_plan {
        return Err(PlanError::TooManyClosures {
            count,
            limit: limits.account_closures_per_plan,
            aws: format!(
                "{}; for this organization's {members} active member accounts that is {quota}",
                quota_sentence()
            ),
        });
    }
    Ok(())
}
