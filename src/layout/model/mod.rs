//! The desired organization: the layout reduced to plain values without
//! spans, with `settings.default_scps` and `default_rcps` applied where a
//! target lists none and policies known by their AWS names. Built once per
//! layout; plan compares it with the live organization, and
//! `layout::desired` shows it as a snapshot for lint and simulate.

pub mod contacts;
pub mod identity_center;
pub mod trusted_access;

use std::collections::BTreeMap;

use toml::Spanned;

use self::identity_center::DesiredIdentityCenter;
use crate::layout::Layout;
use crate::layout::schema::Unmanaged;
use crate::policy::kinds::PolicyKind;

use crate::policy::limits::Limits;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesiredOu {
    pub path: String,
    pub id: Option<String>,
    pub scps: Vec<String>,
    /// RCPs besides RCPFullAWSAccess, which AWS keeps attached.
    pub rcps: Vec<String>,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesiredAccount {
    /// Empty for an account the layout declares without an id (in
    /// [`Desired::unpinned`]) until it is matched to a live one by email.
    pub id: String,
    pub name: String,
    /// The root user's email, when the layout gives it.
    pub email: Option<String>,
    /// `state = "closed"`: the account is to be closed.
    pub closed: bool,
    /// An OU path, or "/" for directly under the root.
    pub ou: String,
    pub scps: Vec<String>,
    /// RCPs besides RCPFullAWSAccess, which AWS keeps attached.
    pub rcps: Vec<String>,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesiredPolicy {
    pub description: String,
    /// The exact text sent to AWS.
    pub content: String,
}

/// The organization as the layout describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desired {
    pub management_account_id: String,
    pub organization_id: Option<String>,
    pub unmanaged: Unmanaged,
    pub limits: Limits,
    pub root_scps: Vec<String>,
    /// RCPs on the root besides RCPFullAWSAccess.
    pub root_rcps: Vec<String>,
    pub ous: Vec<DesiredOu>,
    /// Accounts the layout names by id.
    pub accounts: Vec<DesiredAccount>,
    /// Accounts the layout declares without an id: matched to a live
    /// account by email, else created.
    pub unpinned: Vec<DesiredAccount>,
    /// What CreateAccount is given for them.
    pub account_creation: AccountCreation,
    pub policies: BTreeMap<String, DesiredPolicy>,
    pub rcps: BTreeMap<String, DesiredPolicy>,
    /// The `[identity_center]` declarations, when there are any.
    pub identity_center: Option<DesiredIdentityCenter>,
    /// Alternate contacts; empty when the layout manages none.
    pub contacts: contacts::DesiredContacts,
    /// `[trusted_access]`, when the layout has it.
    pub trusted_access: Option<trusted_access::DesiredTrustedAccess>,
}

impl Desired {
    /// Whether the layout manages RCPs: it defines or attaches one. Only
    /// then does the plan read RCPs, or enable the type.
    pub fn uses_rcps(&self) -> bool {
        !self.rcps.is_empty()
            || !self.root_rcps.is_empty()
            || self.ous.iter().any(|o| !o.rcps.is_empty())
            || self.accounts.iter().any(|a| !a.rcps.is_empty())
    }

    /// The target lists of one kind: root, then OUs, then accounts.
    pub fn lists(&self, kind: PolicyKind) -> (&[String], Vec<&[String]>, Vec<&[String]>) {
        match kind {
            PolicyKind::Scp => (
                &self.root_scps,
                self.ous.iter().map(|o| o.scps.as_slice()).collect(),
                self.accounts.iter().map(|a| a.scps.as_slice()).collect(),
            ),
            PolicyKind::Rcp => (
                &self.root_rcps,
                self.ous.iter().map(|o| o.rcps.as_slice()).collect(),
                self.accounts.iter().map(|a| a.rcps.as_slice()).collect(),
            ),
        }
    }

    /// The layout's policies of one kind, by name.
    pub fn policies_of(&self, kind: PolicyKind) -> &BTreeMap<String, DesiredPolicy> {
        match kind {
            PolicyKind::Scp => &self.policies,
            PolicyKind::Rcp => &self.rcps,
        }
    }
}

/// `[settings.account_creation]` without positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountCreation {
    pub role_name: String,
    pub iam_user_access_to_billing: bool,
    pub timeout_seconds: u64,
}

impl Default for AccountCreation {
    fn default() -> Self {
        AccountCreation {
            role_name: crate::layout::schema::DEFAULT_ACCOUNT_ROLE.to_string(),
            iam_user_access_to_billing: true,
            timeout_seconds: crate::layout::schema::DEFAULT_CREATE_ACCOUNT_TIMEOUT_SECONDS,
        }
    }
}

type ScpList = Option<Spanned<Vec<Spanned<String>>>>;

impl Desired {
    /// The organization to plan toward: [`Desired::from_layout`], with
    /// `max_account_closures` (from `--max-account-closures`) raising
    /// `settings.limits.account_closures_per_plan` for this plan.
    pub fn for_plan(layout: &Layout, max_account_closures: Option<usize>) -> Self {
        let mut desired = Desired::from_layout(layout);
        if let Some(max) = max_account_closures {
            desired.limits.account_closures_per_plan = max;
        }
        desired
    }

    pub fn from_layout(layout: &Layout) -> Self {
        let file = &layout.file;
        let settings = &file.settings;
        // The layout names a policy by its file name; AWS knows it by the
        // `name` of its [policies.FILE] section when one is given.
        let aws_names: BTreeMap<&str, &str> = file
            .policies
            .iter()
            .filter_map(|(key, section)| {
                section
                    .name
                    .as_ref()
                    .map(|n| (key.get_ref().as_str(), n.get_ref().as_str()))
            })
            .collect();
        let aws_name =
            |key: &str| -> String { aws_names.get(key).copied().unwrap_or(key).to_string() };
        let defaults: Vec<String> = settings
            .default_scps
            .get_ref()
            .iter()
            .map(|s| aws_name(s.get_ref()))
            .collect();
        let scps = |list: &ScpList| match list {
            Some(list) => list
                .get_ref()
                .iter()
                .map(|s| aws_name(s.get_ref()))
                .collect(),
            None => defaults.clone(),
        };
        // RCPFullAWSAccess is attached everywhere by AWS and cannot be
        // detached: the lists hold the other RCPs only.
        let custom = |names: &mut dyn Iterator<Item = &Spanned<String>>| -> Vec<String> {
            names
                .map(|s| aws_name(s.get_ref()))
                .filter(|n| n != PolicyKind::Rcp.full_access())
                .collect()
        };
        let rcp_defaults: Vec<String> = custom(&mut settings.default_rcps.get_ref().iter());
        let rcps = |list: &ScpList| match list {
            Some(list) => custom(&mut list.get_ref().iter()),
            None => rcp_defaults.clone(),
        };
        let org = file.organization.get_ref();
        let ous = file
            .ous
            .iter()
            .map(|ou| {
                let ou = ou.get_ref();
                DesiredOu {
                    path: ou.path.get_ref().clone(),
                    id: ou.id.as_ref().map(|i| i.get_ref().clone()),
                    scps: scps(&ou.scps),
                    rcps: rcps(&ou.rcps),
                    tags: ou.tags.clone(),
                }
            })
            .collect();
        let (accounts, unpinned): (Vec<DesiredAccount>, Vec<DesiredAccount>) = file
            .accounts
            .iter()
            .map(|a| {
                let a = a.get_ref();
                DesiredAccount {
                    id: a.id().unwrap_or_default().to_string(),
                    name: a.name.get_ref().clone(),
                    email: a.email.as_ref().map(|e| e.get_ref().clone()),
                    closed: a.closed(),
                    ou: a.ou.get_ref().clone(),
                    scps: scps(&a.scps),
                    rcps: rcps(&a.rcps),
                    tags: a.tags.clone(),
                }
            })
            .partition(|a| !a.id.is_empty());
        let creation = &settings.account_creation;
        let described = |files: &BTreeMap<String, crate::layout::PolicyFile>| {
            files
                .values()
                .map(|p| {
                    let description = file
                        .policies
                        .iter()
                        .find(|(name, _)| name.get_ref() == &p.name)
                        .and_then(|(_, section)| section.description.as_ref())
                        .map(|d| d.get_ref().clone())
                        .unwrap_or_default();
                    (
                        aws_name(&p.name),
                        DesiredPolicy {
                            description,
                            content: p.content.clone(),
                        },
                    )
                })
                .collect::<BTreeMap<_, _>>()
        };
        let policies = described(&layout.policies);
        let rcp_policies = described(&layout.rcps);
        Desired {
            management_account_id: org.management_account_id.get_ref().clone(),
            organization_id: org.id.as_ref().map(|i| i.get_ref().clone()),
            unmanaged: settings.unmanaged,
            limits: *settings.limits.get_ref(),
            root_scps: file
                .root
                .as_ref()
                .map(|r| scps(&r.get_ref().scps))
                .unwrap_or_else(|| defaults.clone()),
            root_rcps: file
                .root
                .as_ref()
                .map(|r| rcps(&r.get_ref().rcps))
                .unwrap_or_else(|| rcp_defaults.clone()),
            ous,
            accounts,
            unpinned,
            account_creation: AccountCreation {
                role_name: creation.role_name.get_ref().clone(),
                iam_user_access_to_billing: *creation.iam_user_access_to_billing.get_ref(),
                timeout_seconds: *creation.timeout_seconds.get_ref(),
            },
            policies,
            rcps: rcp_policies,
            identity_center: DesiredIdentityCenter::from_layout(layout),
            contacts: contacts::DesiredContacts::from_sections(
                &file.contacts,
                file.accounts
                    .iter()
                    .map(|a| (a.get_ref().key(), &a.get_ref().contacts)),
            ),
            trusted_access: trusted_access::DesiredTrustedAccess::from_file(file),
        }
    }
}
