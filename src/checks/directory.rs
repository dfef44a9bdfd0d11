//! Lookups over a snapshot's Identity Center data, built once per lint run
//! for the SSO rules ([`crate::checks::Context::directory`]).

use foldhash::HashMap;

use crate::org::{
    Account, Assignment, Group, IdentityCenter, PermissionSet, PrincipalType, Snapshot, User,
};

/// Lookups over one snapshot's Identity Center data.
pub struct Directory<'a> {
    pub ic: &'a IdentityCenter,
    pub users: HashMap<&'a str, &'a User>,
    pub groups: HashMap<&'a str, &'a Group>,
    pub permission_sets: HashMap<&'a str, &'a PermissionSet>,
    pub accounts: HashMap<&'a str, &'a Account>,
}

impl<'a> Directory<'a> {
    pub fn of(live: Option<&'a Snapshot>) -> Option<Self> {
        let live = live?;
        let ic = live.identity_center.as_ref()?;
        Some(Directory {
            ic,
            users: ic.users.iter().map(|u| (u.id.as_str(), u)).collect(),
            groups: ic.groups.iter().map(|g| (g.id.as_str(), g)).collect(),
            permission_sets: ic
                .permission_sets
                .iter()
                .map(|p| (p.arn.as_str(), p))
                .collect(),
            accounts: live.accounts.iter().map(|a| (a.id.as_str(), a)).collect(),
        })
    }

    pub fn permission_set_name(&self, arn: &'a str) -> &'a str {
        self.permission_sets
            .get(arn)
            .map(|p| p.name.as_str())
            .unwrap_or(arn)
    }

    /// "group developers" / "user dave" / "user 9067…-frank".
    pub fn principal_name(&self, a: &Assignment) -> String {
        match a.principal_type {
            PrincipalType::User => match self.users.get(a.principal_id.as_str()) {
                Some(u) => format!("user {}", u.user_name),
                None => format!("user {}", a.principal_id),
            },
            PrincipalType::Group => match self.groups.get(a.principal_id.as_str()) {
                Some(g) => format!("group {}", g.display_name),
                None => format!("group {}", a.principal_id),
            },
        }
    }

    /// "permission set ReadOnlyAccess of user dave on account 444… (name)".
    pub fn describe(&self, a: &'a Assignment) -> String {
        let account = self
            .accounts
            .get(a.account_id.as_str())
            .map(|acc| format!("{} ({})", acc.id, acc.name))
            .unwrap_or_else(|| a.account_id.clone());
        format!(
            "the assignment of {} to {} on account {account}",
            self.permission_set_name(&a.permission_set_arn),
            self.principal_name(a)
        )
    }
}
