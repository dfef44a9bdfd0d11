//! The snapshot: everything orgguard reads from a live organization, in a
//! versioned, deterministic file format (see docs/snapshot.md).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::policy::kinds::PolicyKind;

/// The snapshot format version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The name AWS gives the managed SCP attached everywhere by default (the
/// kinds table holds it).
pub const FULL_AWS_ACCESS: &str = PolicyKind::Scp.full_access();
pub const FULL_AWS_ACCESS_ID: &str = PolicyKind::Scp.full_access_id();

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub schema_version: u32,
    /// RFC 3339, UTC.
    pub captured_at: String,
    /// Where the data came from: an endpoint, or a description.
    pub source: String,
    pub organization: Organization,
    pub roots: Vec<Root>,
    pub organizational_units: Vec<OrganizationalUnit>,
    pub accounts: Vec<Account>,
    /// Service control policies.
    pub policies: Vec<Policy>,
    /// Resource control policies, when the RCP type is enabled (read only
    /// then: AWS lists none otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rcps: Vec<Policy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_center: Option<IdentityCenter>,
    /// The organization's own settings: trusted service access, delegated
    /// administrators, each account's alternate contacts. `None` when not
    /// read (snapshots of older versions, `plan`'s own reads).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_settings: Option<OrgSettings>,
    /// Per-account resources, present when the snapshot was taken with `--deep`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_accounts: Vec<MemberAccount>,
    /// Parts of the organization that could not be read: never read as empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incomplete: Vec<ReadFailure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub id: String,
    pub arn: String,
    pub management_account_id: String,
    pub feature_set: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Root {
    pub id: String,
    pub arn: String,
    pub name: String,
    /// Policy types enabled on the root, such as SERVICE_CONTROL_POLICY.
    pub policy_types: Vec<PolicyTypeStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyTypeStatus {
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganizationalUnit {
    pub id: String,
    pub arn: String,
    pub name: String,
    /// A root id (`r-…`) or an OU id (`ou-…`).
    pub parent_id: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Hash)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountStatus {
    Active,
    Suspended,
    PendingClosure,
    /// A status this build does not know, kept rather than guessed.
    #[serde(other)]
    Unknown,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Active => "ACTIVE",
            AccountStatus::Suspended => "SUSPENDED",
            AccountStatus::PendingClosure => "PENDING_CLOSURE",
            AccountStatus::Unknown => "UNKNOWN",
        }
    }

    pub fn parse(text: &str) -> Self {
        match text {
            "ACTIVE" => AccountStatus::Active,
            "SUSPENDED" => AccountStatus::Suspended,
            "PENDING_CLOSURE" => AccountStatus::PendingClosure,
            _ => AccountStatus::Unknown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub email: String,
    pub status: AccountStatus,
    pub parent_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_at: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// A Service Control Policy and the targets it is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: String,
    pub arn: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub aws_managed: bool,
    /// The document exactly as AWS stores it; its length is what counts
    /// against the size limit.
    pub content: String,
    /// Root, OU and account ids, sorted.
    pub targets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityCenter {
    pub instance_arn: String,
    pub identity_store_id: String,
    /// How assignments were read: `by-account` (every account and
    /// permission set pair where the set is provisioned), `by-principal`
    /// (every user and group: assignments of deleted principals are not
    /// visible) or `every-pair` (every active account × permission set).
    #[serde(default = "default_assignments_read")]
    pub assignments_read: String,
    pub permission_sets: Vec<PermissionSet>,
    pub assignments: Vec<Assignment>,
    pub users: Vec<User>,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionSet {
    pub arn: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// ISO 8601 duration, such as PT1H.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_duration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relay_state: Option<String>,
    /// ARNs of AWS managed policies.
    #[serde(default)]
    pub managed_policies: Vec<String>,
    #[serde(default)]
    pub customer_managed_policies: Vec<PolicyReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline_policy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<PermissionsBoundary>,
    /// The set's tags (ListTagsForResource).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Accounts the permission set is provisioned to, sorted.
    #[serde(default)]
    pub provisioned_accounts: Vec<String>,
    /// Of those, the accounts whose provisioning is outdated, sorted.
    #[serde(default)]
    pub outdated_accounts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyReference {
    pub name: String,
    #[serde(default = "default_path")]
    pub path: String,
}

fn default_assignments_read() -> String {
    "by-account".to_string()
}

fn default_path() -> String {
    "/".to_string()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionsBoundary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_policy_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_managed_policy: Option<PolicyReference>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PrincipalType {
    User,
    Group,
}

impl PrincipalType {
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalType::User => "USER",
            PrincipalType::Group => "GROUP",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    pub account_id: String,
    pub permission_set_arn: String,
    pub principal_type: PrincipalType,
    pub principal_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub id: String,
    pub user_name: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub description: String,
    /// User ids, sorted.
    pub members: Vec<String>,
}

/// What `--deep` read inside one member account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberAccount {
    pub account_id: String,
    /// False when any read in this account failed; see `errors`.
    pub complete: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ReadFailure>,
    pub regions: Vec<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub users: Vec<IamUser>,
    #[serde(default)]
    pub kms_keys: Vec<KmsKey>,
    #[serde(default)]
    pub config_recorders: Vec<ConfigRecorder>,
    /// IAM groups, for the policies their members hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<IamGroup>,
    /// Customer managed policies attached to something, with the document
    /// of their default version.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub managed_policies: Vec<ManagedPolicy>,
    /// Whether the root user has an access key (GetAccountSummary);
    /// `None` when not read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_access_keys: Option<bool>,
    /// CloudTrail trails whose home region is an inspected region; `None`
    /// when not read (a region whose read failed is in `errors`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trails: Option<Vec<Trail>>,
    /// GuardDuty in each inspected region read; `None` when not read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guardduty: Option<Vec<GuardDutyRegion>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trail {
    pub arn: String,
    pub name: String,
    pub home_region: String,
    pub multi_region: bool,
    pub organization_trail: bool,
    pub log_file_validation: bool,
    /// GetTrailStatus's IsLogging.
    pub logging: bool,
    /// S3 object-level (data event) ARN prefixes the trail records, from
    /// its event selectors: `arn:aws:s3` for every bucket,
    /// `arn:aws:s3:::bucket/` for one. Empty when it records none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub s3_data_events: Vec<String>,
}

/// GuardDuty in one region: its detector, if any, and the detector's
/// status (ENABLED or DISABLED).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardDutyRegion {
    pub region: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detector_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl GuardDutyRegion {
    pub fn enabled(&self) -> bool {
        self.status.as_deref() == Some("ENABLED")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub arn: String,
    pub name: String,
    pub path: String,
    pub role_id: String,
    /// The trust policy document (JSON text, URL-decoded).
    pub trust_policy: String,
    #[serde(default)]
    pub attached_policies: Vec<String>,
    #[serde(default)]
    pub inline_policies: Vec<String>,
    /// Inline policy name → document (JSON text, URL-decoded). Snapshots
    /// written before documents were read have names only.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub inline_documents: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IamUser {
    pub arn: String,
    pub name: String,
    pub user_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Whether the user has a console password.
    pub console_access: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_last_used_at: Option<String>,
    /// Whether the user has an MFA device; read for users with console
    /// access only, `None` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa: Option<bool>,
    #[serde(default)]
    pub attached_policies: Vec<String>,
    /// Inline policy name → document (JSON text, URL-decoded).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub inline_documents: BTreeMap<String, String>,
    /// Names of the IAM groups the user is in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    #[serde(default)]
    pub access_keys: Vec<AccessKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IamGroup {
    pub arn: String,
    pub name: String,
    #[serde(default)]
    pub attached_policies: Vec<String>,
    /// Inline policy name → document (JSON text, URL-decoded).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub inline_documents: BTreeMap<String, String>,
}

/// A customer managed policy and its default version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagedPolicy {
    pub arn: String,
    pub name: String,
    pub default_version: String,
    /// The default version's document (JSON text, URL-decoded).
    pub document: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessKey {
    pub id: String,
    /// Active or Inactive.
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_service: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KmsKey {
    pub arn: String,
    pub key_id: String,
    pub region: String,
    /// Enabled, Disabled, PendingDeletion, …
    pub state: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The `default` key policy (JSON text).
    pub policy: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
}

/// AWS Config's recorder in one region; `name` is `None` when the region has
/// no recorder at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigRecorder {
    pub region: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub recording: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_status: Option<String>,
}

/// The organization's own settings. A part whose read failed is `None` (or,
/// for an account's contacts, listed in `unread`) and the failure is in the
/// snapshot's `incomplete`: never read as "not set".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgSettings {
    /// Service principals with trusted access to the organization
    /// (ListAWSServiceAccessForOrganization), sorted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trusted_services: Option<Vec<String>>,
    /// Accounts registered as delegated administrators, with their service
    /// principals (ListDelegatedAdministrators,
    /// ListDelegatedServicesForAccount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegated_administrators: Option<Vec<DelegatedAdministrator>>,
    /// Alternate contacts of each account read (the Account API), by
    /// account id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternate_contacts: Vec<AccountContacts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DelegatedAdministrator {
    pub account_id: String,
    /// Sorted.
    pub service_principals: Vec<String>,
}

/// The calls that read the organization's settings: when one fails, the
/// settings are unknown but the tree, accounts and policies are not.
pub const SETTINGS_READS: [&str; 4] = [
    "ListAWSServiceAccessForOrganization",
    "ListDelegatedAdministrators",
    "ListDelegatedServicesForAccount",
    "GetAlternateContact",
];

/// The alternate contact types of the Account API.
pub const CONTACT_TYPES: [&str; 3] = ["SECURITY", "OPERATIONS", "BILLING"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountContacts {
    pub account_id: String,
    /// Contact type (SECURITY, OPERATIONS, BILLING) → the contact; a type
    /// read and not set is absent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub contacts: BTreeMap<String, AlternateContact>,
    /// Contact types whose read failed: unknown, not "not set".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unread: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlternateContact {
    pub name: String,
    #[serde(default)]
    pub title: String,
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

/// What a snapshot knows about one alternate contact of one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactState<'a> {
    Set(&'a AlternateContact),
    NotSet,
    /// The read failed, or the snapshot did not read contacts.
    Unknown,
}

impl OrgSettings {
    /// One alternate contact of one account.
    pub fn contact(&self, account_id: &str, contact_type: &str) -> ContactState<'_> {
        match self
            .alternate_contacts
            .iter()
            .find(|c| c.account_id == account_id)
        {
            None => ContactState::Unknown,
            Some(c) if c.unread.iter().any(|t| t == contact_type) => ContactState::Unknown,
            Some(c) => match c.contacts.get(contact_type) {
                Some(contact) => ContactState::Set(contact),
                None => ContactState::NotSet,
            },
        }
    }
}

/// A read that failed: which call, where, and what AWS said.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadFailure {
    pub service: String,
    pub operation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub message: String,
}

impl Snapshot {
    /// Sorts every list so two snapshots of the same organization are
    /// byte-identical but for the capture time.
    pub fn normalize(&mut self) {
        // Below a few dozen member accounts a thread costs more than it saves.
        if self.member_accounts.len() < 64 {
            normalize_members(&mut self.member_accounts);
            self.normalize_organization();
            return;
        }
        let mut members = std::mem::take(&mut self.member_accounts);
        let members_done = std::thread::scope(|scope| {
            let sorting = scope.spawn(|| normalize_members(&mut members));
            self.normalize_organization();
            sorting.join().is_ok()
        });
        if !members_done {
            normalize_members(&mut members);
        }
        self.member_accounts = members;
    }

    /// Everything [`Snapshot::normalize`] sorts but the member accounts.
    fn normalize_organization(&mut self) {
        self.roots.sort_by(|a, b| a.id.cmp(&b.id));
        for root in &mut self.roots {
            root.policy_types.sort_by(|a, b| a.kind.cmp(&b.kind));
        }
        self.organizational_units.sort_by(|a, b| a.id.cmp(&b.id));
        self.accounts.sort_by(|a, b| a.id.cmp(&b.id));
        for list in [&mut self.policies, &mut self.rcps] {
            list.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
            for p in list.iter_mut() {
                sort_unique(&mut p.targets);
            }
        }
        if let Some(ic) = &mut self.identity_center {
            ic.permission_sets
                .sort_by(|a, b| a.name.cmp(&b.name).then(a.arn.cmp(&b.arn)));
            for ps in &mut ic.permission_sets {
                ps.managed_policies.sort();
                ps.customer_managed_policies.sort();
                sort_unique(&mut ps.provisioned_accounts);
                sort_unique(&mut ps.outdated_accounts);
            }
            sort_unique(&mut ic.assignments);
            ic.users.sort_by(|a, b| a.id.cmp(&b.id));
            ic.groups.sort_by(|a, b| a.id.cmp(&b.id));
            for g in &mut ic.groups {
                sort_unique(&mut g.members);
            }
        }
        if let Some(settings) = &mut self.org_settings {
            if let Some(services) = &mut settings.trusted_services {
                sort_unique(services);
            }
            if let Some(admins) = &mut settings.delegated_administrators {
                admins.sort_by(|a, b| a.account_id.cmp(&b.account_id));
                for a in admins.iter_mut() {
                    sort_unique(&mut a.service_principals);
                }
            }
            settings
                .alternate_contacts
                .sort_by(|a, b| a.account_id.cmp(&b.account_id));
            for c in &mut settings.alternate_contacts {
                sort_unique(&mut c.unread);
            }
        }
        self.incomplete.sort();
    }

    /// The snapshot as the JSON text orgguard writes.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The policies of one kind.
    pub fn policies_of(&self, kind: PolicyKind) -> &[Policy] {
        match kind {
            PolicyKind::Scp => &self.policies,
            PolicyKind::Rcp => &self.rcps,
        }
    }

    pub fn policies_of_mut(&mut self, kind: PolicyKind) -> &mut Vec<Policy> {
        match kind {
            PolicyKind::Scp => &mut self.policies,
            PolicyKind::Rcp => &mut self.rcps,
        }
    }

    /// Whether the organization's root has a policy type enabled.
    pub fn policy_type_enabled(&self, kind: PolicyKind) -> bool {
        self.roots.iter().any(|r| {
            r.policy_types
                .iter()
                .any(|t| t.kind == kind.aws_type() && t.status == "ENABLED")
        })
    }

    pub fn is_complete(&self) -> bool {
        self.incomplete.is_empty() && self.member_accounts.iter().all(|m| m.complete)
    }

    /// What was not read, one line each, for the warning at the top of a
    /// report: a report over a partial read must not look like a clean one.
    pub fn incomplete_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .incomplete
            .iter()
            .map(|f| {
                let region = f
                    .region
                    .as_deref()
                    .map(|r| format!(" [{r}]"))
                    .unwrap_or_default();
                format!("{} {}{region}: {}", f.service, f.operation, f.message)
            })
            .collect();
        let members = self.member_accounts.iter().filter(|m| !m.complete).count();
        if members > 0 {
            lines.push(format!(
                "{members} member account(s) could not be read completely (see ORG007)"
            ));
        }
        lines
    }
}

/// The member accounts' part of [`Snapshot::normalize`]: most of a deep
/// snapshot, so it runs beside the rest.
/// Sorts `list` and drops repeats, in one pass when it already is: a
/// snapshot orgguard wrote is, and its largest lists (400,000 provisioned
/// accounts, 62,000 assignments in the benchmark organization) would
/// otherwise be compared twice.
fn sort_unique<T: Ord>(list: &mut Vec<T>) {
    if list.is_sorted_by(|a, b| a < b) {
        return;
    }
    list.sort();
    list.dedup();
}

fn normalize_members(members: &mut [MemberAccount]) {
    members.sort_by(|a, b| a.account_id.cmp(&b.account_id));
    for m in members.iter_mut() {
        m.errors.sort();
        m.regions.sort();
        m.roles.sort_by(|a, b| a.arn.cmp(&b.arn));
        for r in &mut m.roles {
            r.attached_policies.sort();
            r.inline_policies.sort();
        }
        m.users.sort_by(|a, b| a.arn.cmp(&b.arn));
        for u in &mut m.users {
            u.attached_policies.sort();
            u.groups.sort();
            u.access_keys.sort_by(|a, b| a.id.cmp(&b.id));
        }
        m.kms_keys.sort_by(|a, b| a.arn.cmp(&b.arn));
        for k in &mut m.kms_keys {
            k.aliases.sort();
        }
        m.config_recorders
            .sort_by(|a, b| a.region.cmp(&b.region).then(a.name.cmp(&b.name)));
        m.groups.sort_by(|a, b| a.arn.cmp(&b.arn));
        for g in &mut m.groups {
            g.attached_policies.sort();
        }
        m.managed_policies.sort_by(|a, b| a.arn.cmp(&b.arn));
        if let Some(trails) = &mut m.trails {
            trails.sort_by(|a, b| a.arn.cmp(&b.arn));
        }
        if let Some(regions) = &mut m.guardduty {
            regions.sort_by(|a, b| a.region.cmp(&b.region));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_unique;

    #[test]
    fn sort_unique_sorts_and_drops_repeats_whether_or_not_the_list_was_sorted() {
        let mut shuffled = vec!["222", "111", "222", "000"];
        sort_unique(&mut shuffled);
        assert_eq!(shuffled, ["000", "111", "222"]);
        // Sorted but with a repeat: not strictly increasing, so deduplicated.
        let mut repeated = vec!["000", "111", "111", "222"];
        sort_unique(&mut repeated);
        assert_eq!(repeated, ["000", "111", "222"]);
        let mut sorted = vec!["000", "111"];
        sort_unique(&mut sorted);
        assert_eq!(sorted, ["000", "111"]);
    }
}
