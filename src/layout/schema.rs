//! The `ou-layout.toml` file as written, with the position of every value
//! that a problem may need to point at. docs/layout.md describes it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::org::FULL_AWS_ACCESS;
use crate::policy::kinds::PolicyKind;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LayoutFile {
    /// The organization orgguard manages.
    #[schemars(with = "OrganizationSection")]
    pub organization: Spanned<OrganizationSection>,
    /// Tool settings: member role, regions, unmanaged resources, limits.
    #[serde(default)]
    pub settings: SettingsSection,
    /// Values for `${name}` placeholders in policies/.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, VarValue>")]
    pub vars: BTreeMap<Spanned<String>, Spanned<VarValue>>,
    /// The organization root.
    #[serde(default)]
    #[schemars(with = "Option<RootSection>")]
    pub root: Option<Spanned<RootSection>>,
    /// One `[[ou]]` table per organizational unit.
    #[serde(default, rename = "ou")]
    #[schemars(with = "Vec<OuSection>")]
    pub ous: Vec<Spanned<OuSection>>,
    /// One `[[account]]` table per member account.
    #[serde(default, rename = "account")]
    #[schemars(with = "Vec<AccountSection>")]
    pub accounts: Vec<Spanned<AccountSection>>,
    /// SCP name (its file under policies/) → details.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, PolicySection>")]
    pub policies: BTreeMap<Spanned<String>, PolicySection>,
    /// Permission sets and action groups for policies/access.cedar.
    #[serde(default)]
    pub access: Option<super::sections::AccessSection>,
    /// IAM Identity Center as code: permission sets and assignments.
    #[serde(default)]
    pub identity_center: Option<super::identity_center::IdentityCenterSection>,
    /// Lint settings: severity overrides, waivers, required guardrails.
    #[serde(default)]
    pub lint: super::sections::LintSection,
    /// Alternate contacts every active account (and the management
    /// account) has, unless its `[[account]]` overrides them. A type not
    /// declared here nor on the account is not managed.
    #[serde(default)]
    pub contacts: ContactsSection,
    /// Trusted service access and delegated administrators.
    #[serde(default)]
    pub trusted_access: Option<super::trusted_access::TrustedAccessSection>,
}

impl LayoutFile {
    /// `[organization] management_account_id`.
    pub fn management_account_id(&self) -> &str {
        self.organization.get_ref().management_account_id.get_ref()
    }

    /// Whether the layout manages trusted access and delegated
    /// administrators: only then do plan and apply read them.
    pub fn declares_trusted_access(&self) -> bool {
        self.trusted_access.is_some()
    }

    /// Whether the layout manages alternate contacts: only then do plan and
    /// apply read them (and need the Account API).
    pub fn declares_contacts(&self) -> bool {
        !self.contacts.declared().is_empty()
            || self
                .accounts
                .iter()
                .any(|a| !a.get_ref().contacts.declared().is_empty())
    }
}

/// Alternate contacts by type. Each declared one is set in AWS exactly.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactsSection {
    #[serde(default)]
    pub security: Option<ContactSection>,
    #[serde(default)]
    pub operations: Option<ContactSection>,
    #[serde(default)]
    pub billing: Option<ContactSection>,
}

impl ContactsSection {
    /// The declared contacts with their AWS type names (SECURITY, ...).
    pub fn declared(&self) -> Vec<(&'static str, &ContactSection)> {
        [
            ("SECURITY", &self.security),
            ("OPERATIONS", &self.operations),
            ("BILLING", &self.billing),
        ]
        .into_iter()
        .filter_map(|(kind, c)| c.as_ref().map(|c| (kind, c)))
        .collect()
    }
}

/// One alternate contact. AWS requires every field.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactSection {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// An email address that reaches the team (a list, not a person).
    #[schemars(with = "String")]
    pub email: Spanned<String>,
    #[schemars(with = "String")]
    pub phone: Spanned<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationSection {
    /// The 12-digit id of the management account.
    #[schemars(with = "String")]
    pub management_account_id: Spanned<String>,
    /// The organization id (o-…); plan refuses another organization.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SettingsSection {
    /// The role orgguard assumes into member accounts.
    #[schemars(with = "String")]
    pub member_role_name: Spanned<String>,
    /// Regions read for regional resources.
    #[schemars(with = "Vec<String>")]
    pub regions: Spanned<Vec<String>>,
    pub unmanaged: Unmanaged,
    /// SCPs attached to every OU and account that lists none.
    #[schemars(with = "Vec<String>")]
    pub default_scps: Spanned<Vec<Spanned<String>>>,
    /// RCPs of every OU and account that lists no `rcps`, besides
    /// RCPFullAWSAccess, which AWS keeps attached everywhere.
    #[schemars(with = "Vec<String>")]
    pub default_rcps: Spanned<Vec<Spanned<String>>>,
    /// AWS quotas; settings rather than constants, because AWS raises them.
    #[schemars(with = "Limits")]
    pub limits: Spanned<Limits>,
    /// Service prefixes RCPs apply to that AWS added after this orgguard
    /// release, beside the ones it knows (data/rcp-services.txt).
    #[schemars(with = "Vec<String>")]
    pub rcp_services: Spanned<Vec<Spanned<String>>>,
    /// The region of the organization's IAM Identity Center instance.
    #[schemars(with = "Option<String>")]
    pub identity_center_region: Option<Spanned<String>>,
    /// How `apply` creates the accounts the layout declares without an id.
    pub account_creation: AccountCreation,
}

/// `[settings.account_creation]`: what CreateAccount is given, and how long
/// apply waits for it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct AccountCreation {
    /// The role AWS creates in a new account, which the management
    /// account may assume (administrator access).
    #[schemars(with = "String")]
    pub role_name: Spanned<String>,
    /// Whether IAM users and roles of the new account may see its billing
    /// (AWS's default: true).
    #[schemars(with = "bool")]
    pub iam_user_access_to_billing: Spanned<bool>,
    /// Seconds apply waits for one CreateAccount to finish.
    #[schemars(with = "u64")]
    pub timeout_seconds: Spanned<u64>,
}

/// AWS's usual name for the role CreateAccount makes in a new account.
pub const DEFAULT_ACCOUNT_ROLE: &str = "OrganizationAccountAccessRole";
/// How long apply waits for one account to be created (AWS takes minutes).
pub const DEFAULT_CREATE_ACCOUNT_TIMEOUT_SECONDS: u64 = 1800;

impl Default for AccountCreation {
    fn default() -> Self {
        AccountCreation {
            role_name: Spanned::new(0..0, DEFAULT_ACCOUNT_ROLE.to_string()),
            iam_user_access_to_billing: Spanned::new(0..0, true),
            timeout_seconds: Spanned::new(0..0, DEFAULT_CREATE_ACCOUNT_TIMEOUT_SECONDS),
        }
    }
}

impl Default for SettingsSection {
    fn default() -> Self {
        SettingsSection {
            member_role_name: Spanned::new(0..0, "OrganizationAccountAccessRole".to_string()),
            regions: Spanned::new(0..0, vec!["us-east-1".to_string()]),
            unmanaged: Unmanaged::Keep,
            default_scps: Spanned::new(0..0, vec![Spanned::new(0..0, FULL_AWS_ACCESS.to_string())]),
            default_rcps: Spanned::new(
                0..0,
                vec![Spanned::new(
                    0..0,
                    PolicyKind::Rcp.full_access().to_string(),
                )],
            ),
            limits: Spanned::new(0..0, Limits::default()),
            rcp_services: Spanned::new(0..0, Vec::new()),
            identity_center_region: None,
            account_creation: AccountCreation::default(),
        }
    }
}

pub use super::unmanaged::Unmanaged;

pub use crate::policy::limits::Limits;

#[derive(Debug, Clone, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(untagged)]
pub enum VarValue {
    Text(String),
    List(Vec<String>),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RootSection {
    /// SCP names attached here (replaces settings.default_scps).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub scps: Option<Spanned<Vec<Spanned<String>>>>,
    /// RCPs attached here besides RCPFullAWSAccess (files under policies/rcp/).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub rcps: Option<Spanned<Vec<Spanned<String>>>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OuSection {
    /// Slash-separated path from the root, such as `Workloads/Prod`.
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    /// The OU id (ou-…), once known.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    /// SCP names attached here (replaces settings.default_scps).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub scps: Option<Spanned<Vec<Spanned<String>>>>,
    /// RCPs attached here besides RCPFullAWSAccess (files under policies/rcp/).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub rcps: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountSection {
    /// The 12-digit account id. Without it (and with `email`), the account
    /// is one to create, or the live account with that email once it exists.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub id: Option<Spanned<String>>,
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// The root user's email address.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// `closed`: the account is to be closed (CloseAccount).
    #[serde(default)]
    #[schemars(with = "Option<AccountState>")]
    pub state: Option<Spanned<AccountState>>,
    /// The path of the OU the account sits in (`/` for the root).
    #[schemars(with = "String")]
    pub ou: Spanned<String>,
    /// SCP names attached here (replaces settings.default_scps).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub scps: Option<Spanned<Vec<Spanned<String>>>>,
    /// RCPs attached here besides RCPFullAWSAccess (files under policies/rcp/).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub rcps: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// This account's alternate contacts, replacing `[contacts]` type by type.
    #[serde(default)]
    pub contacts: ContactsSection,
}

impl AccountSection {
    /// The id, when the layout pins it.
    pub fn id(&self) -> Option<&str> {
        self.id.as_ref().map(|i| i.get_ref().as_str())
    }

    /// How problems and plans name the account: its id, else its email.
    pub fn key(&self) -> String {
        match (&self.id, &self.email) {
            (Some(id), _) => id.get_ref().clone(),
            (None, Some(email)) => email.get_ref().clone(),
            (None, None) => self.name.get_ref().clone(),
        }
    }

    /// Where problems about the account as a whole point: its id, else its name.
    pub fn span(&self) -> std::ops::Range<usize> {
        match &self.id {
            Some(id) => id.span(),
            None => self.name.span(),
        }
    }

    pub fn closed(&self) -> bool {
        self.state
            .as_ref()
            .is_some_and(|s| *s.get_ref() == AccountState::Closed)
    }
}

/// What the layout wants of an account's existence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AccountState {
    /// The account is a member of the organization (the default).
    Active,
    /// The account is closed with CloseAccount: suspended for a 90-day
    /// post-closure period, then closed permanently.
    Closed,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicySection {
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    /// The policy's name in AWS, when it cannot be the file name (a name
    /// with `/` or `:`, say). The layout still refers to the policy by its
    /// file name.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub name: Option<Spanned<String>>,
}

/// The `[[account]]` a reference (a delegated administrator, say) names:
/// by id, else by name.
pub fn declared_account<'a>(
    accounts: &'a [Spanned<AccountSection>],
    reference: &str,
) -> Option<&'a AccountSection> {
    let accounts = || accounts.iter().map(Spanned::get_ref);
    accounts()
        .find(|a| a.id.as_ref().is_some_and(|id| id.get_ref() == reference))
        .or_else(|| accounts().find(|a| a.name.get_ref() == reference))
}
