//! Every AWS operation orgguard calls, with the IAM action that allows it and
//! which of orgguard's uses needs it. The IAM policies `orgguard
//! permissions` prints come from this table alone; the test suite records
//! every call the commands make and checks each against it, so a call added
//! without a row here fails a test.

use serde_json::{Value, json};

/// Which use of orgguard makes a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Reading the organization and Identity Center from the management
    /// account (or a delegated administrator): plan, apply, snapshot, and
    /// lint, audit and access without --live.
    Read,
    /// Reading the organization's alternate contacts: snapshot and import;
    /// plan and apply too when the layout declares alternate contacts.
    ReadSettings,
    /// Reading trusted access and delegated administrators: snapshot and
    /// import; plan and apply too when the layout has `[trusted_access]`.
    ReadTrustedAccess,
    /// Changing the organization: apply.
    Write,
    /// Changing Identity Center: apply, when the layout declares
    /// `[identity_center]`.
    WriteIdentityCenter,
    /// Setting alternate contacts: apply, when the layout declares them.
    WriteContacts,
    /// Enabling and disabling trusted access, registering and
    /// deregistering delegated administrators: apply, when the layout has
    /// `[trusted_access]`.
    WriteTrustedAccess,
    /// Assuming the member role: snapshot --deep (and lint --deep).
    AssumeMember,
    /// Reading inside a member account, as the assumed member role.
    Member,
    /// Allowed to every principal; no policy can deny it.
    Always,
}

/// One AWS operation orgguard calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The service as orgguard's errors name it (`sso-admin`).
    pub service: &'static str,
    pub name: &'static str,
    pub need: Need,
}

impl Operation {
    /// The IAM action that allows the call (`sso:ListInstances`).
    pub fn action(&self) -> String {
        format!("{}:{}", action_prefix(self.service), self.name)
    }
}

const fn op(service: &'static str, name: &'static str, need: Need) -> Operation {
    Operation {
        service,
        name,
        need,
    }
}

/// Every operation in `src/aws/`, in the order a snapshot first makes them.
pub const OPERATIONS: &[Operation] = &[
    op("organizations", "DescribeOrganization", Need::Read),
    op("organizations", "ListRoots", Need::Read),
    op(
        "organizations",
        "ListOrganizationalUnitsForParent",
        Need::Read,
    ),
    op("organizations", "ListAccountsForParent", Need::Read),
    op("organizations", "ListTagsForResource", Need::Read),
    op("organizations", "ListPolicies", Need::Read),
    op("organizations", "DescribePolicy", Need::Read),
    op("organizations", "ListTargetsForPolicy", Need::Read),
    // The organization's own settings (snapshot, import).
    op(
        "organizations",
        "ListAWSServiceAccessForOrganization",
        Need::ReadTrustedAccess,
    ),
    op(
        "organizations",
        "ListDelegatedAdministrators",
        Need::ReadTrustedAccess,
    ),
    op(
        "organizations",
        "ListDelegatedServicesForAccount",
        Need::ReadTrustedAccess,
    ),
    op("account", "GetAlternateContact", Need::ReadSettings),
    op("sso-admin", "ListInstances", Need::Read),
    op("sso-admin", "ListPermissionSets", Need::Read),
    op("sso-admin", "DescribePermissionSet", Need::Read),
    op(
        "sso-admin",
        "ListManagedPoliciesInPermissionSet",
        Need::Read,
    ),
    op(
        "sso-admin",
        "ListCustomerManagedPolicyReferencesInPermissionSet",
        Need::Read,
    ),
    op("sso-admin", "GetInlinePolicyForPermissionSet", Need::Read),
    op(
        "sso-admin",
        "GetPermissionsBoundaryForPermissionSet",
        Need::Read,
    ),
    op("sso-admin", "ListTagsForResource", Need::Read),
    op(
        "sso-admin",
        "ListAccountsForProvisionedPermissionSet",
        Need::Read,
    ),
    // Assignments are read per account and permission set, or per
    // principal, whichever needs fewer calls for the organization's shape.
    op("sso-admin", "ListAccountAssignments", Need::Read),
    op(
        "sso-admin",
        "ListAccountAssignmentsForPrincipal",
        Need::Read,
    ),
    op("identitystore", "ListUsers", Need::Read),
    op("identitystore", "ListGroups", Need::Read),
    op("identitystore", "ListGroupMemberships", Need::Read),
    op("organizations", "CreateOrganizationalUnit", Need::Write),
    op("organizations", "UpdateOrganizationalUnit", Need::Write),
    op("organizations", "DeleteOrganizationalUnit", Need::Write),
    op("organizations", "MoveAccount", Need::Write),
    op("organizations", "CreatePolicy", Need::Write),
    op("organizations", "UpdatePolicy", Need::Write),
    op("organizations", "DeletePolicy", Need::Write),
    op("organizations", "AttachPolicy", Need::Write),
    op("organizations", "DetachPolicy", Need::Write),
    op("organizations", "TagResource", Need::Write),
    op("organizations", "UntagResource", Need::Write),
    op("organizations", "EnablePolicyType", Need::Write),
    // Accounts as code: a resumed apply first looks for the account an
    // earlier run created, by email or by a creation still under way.
    op("organizations", "ListAccounts", Need::Write),
    op("organizations", "ListCreateAccountStatus", Need::Write),
    op("organizations", "CreateAccount", Need::Write),
    op("organizations", "DescribeCreateAccountStatus", Need::Write),
    op("organizations", "CloseAccount", Need::Write),
    // Identity Center as code (apply): permission sets and their policies,
    // provisioning, account assignments, each asynchronous one followed.
    op(
        "sso-admin",
        "CreatePermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "UpdatePermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "DeletePermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "AttachManagedPolicyToPermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "DetachManagedPolicyFromPermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "AttachCustomerManagedPolicyReferenceToPermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "DetachCustomerManagedPolicyReferenceFromPermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "PutInlinePolicyToPermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "DeleteInlinePolicyFromPermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "PutPermissionsBoundaryToPermissionSet",
        Need::WriteIdentityCenter,
    ),
    op("sso-admin", "TagResource", Need::WriteIdentityCenter),
    op("sso-admin", "UntagResource", Need::WriteIdentityCenter),
    op(
        "sso-admin",
        "DeletePermissionsBoundaryFromPermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "ProvisionPermissionSet",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "DescribePermissionSetProvisioningStatus",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "CreateAccountAssignment",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "DescribeAccountAssignmentCreationStatus",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "DeleteAccountAssignment",
        Need::WriteIdentityCenter,
    ),
    op(
        "sso-admin",
        "DescribeAccountAssignmentDeletionStatus",
        Need::WriteIdentityCenter,
    ),
    op("account", "PutAlternateContact", Need::WriteContacts),
    op(
        "organizations",
        "EnableAWSServiceAccess",
        Need::WriteTrustedAccess,
    ),
    op(
        "organizations",
        "DisableAWSServiceAccess",
        Need::WriteTrustedAccess,
    ),
    op(
        "organizations",
        "RegisterDelegatedAdministrator",
        Need::WriteTrustedAccess,
    ),
    op(
        "organizations",
        "DeregisterDelegatedAdministrator",
        Need::WriteTrustedAccess,
    ),
    op("sts", "GetCallerIdentity", Need::Always),
    op("sts", "AssumeRole", Need::AssumeMember),
    op("iam", "GetAccountAuthorizationDetails", Need::Member),
    op("iam", "GetLoginProfile", Need::Member),
    op("iam", "GetUser", Need::Member),
    op("iam", "ListAccessKeys", Need::Member),
    op("iam", "GetAccessKeyLastUsed", Need::Member),
    op("iam", "ListMFADevices", Need::Member),
    op("iam", "GetAccountSummary", Need::Member),
    op("cloudtrail", "DescribeTrails", Need::Member),
    op("cloudtrail", "GetTrailStatus", Need::Member),
    op("cloudtrail", "GetEventSelectors", Need::Member),
    op("guardduty", "ListDetectors", Need::Member),
    op("guardduty", "GetDetector", Need::Member),
    op("kms", "ListKeys", Need::Member),
    op("kms", "ListAliases", Need::Member),
    op("kms", "DescribeKey", Need::Member),
    op("kms", "GetKeyPolicy", Need::Member),
    op("config", "DescribeConfigurationRecorders", Need::Member),
    op(
        "config",
        "DescribeConfigurationRecorderStatus",
        Need::Member,
    ),
];

/// Identity Center's admin API signs as, and is authorized as, `sso`.
fn action_prefix(service: &str) -> &str {
    match service {
        "sso-admin" => "sso",
        other => other,
    }
}

/// The IAM action for a call as orgguard's errors name it.
pub fn iam_action(service: &str, operation: &str) -> String {
    format!("{}:{operation}", action_prefix(service))
}

/// The row of an IAM action (`organizations:ListRoots`), if orgguard calls it.
pub fn by_action(action: &str) -> Option<&'static Operation> {
    OPERATIONS
        .iter()
        .find(|o| o.action().eq_ignore_ascii_case(action))
}

/// The policies `orgguard permissions` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Role {
    /// The read-only role a pull-request `plan` assumes (also enough for
    /// lint, audit and access without --live).
    Plan,
    /// The role `apply` assumes on merge: the plan's reads and the changes.
    Apply,
    /// The management-account role for `snapshot`; with --deep it may also
    /// assume the member role in every account, and reads the management
    /// account as a member role would.
    Snapshot,
    /// The role `snapshot --deep` assumes in each member account.
    Member,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Plan => "plan",
            Role::Apply => "apply",
            Role::Snapshot => "snapshot",
            Role::Member => "member",
        }
    }

    /// Whether this role's policy grants operations of `need`, for a layout
    /// that declares `declared` (plan and apply then read those settings,
    /// and apply changes them).
    pub fn grants(self, need: Need, deep: bool, declared: Declared) -> bool {
        matches!(
            (self, need),
            (Role::Plan | Role::Apply | Role::Snapshot, Need::Read)
                | (Role::Snapshot, Need::ReadSettings | Need::ReadTrustedAccess)
                | (Role::Apply, Need::Write)
                | (Role::Member, Need::Member)
        ) || (declared.contacts
            && matches!(
                (self, need),
                (Role::Plan | Role::Apply, Need::ReadSettings) | (Role::Apply, Need::WriteContacts)
            ))
            || (declared.trusted_access
                && matches!(
                    (self, need),
                    (Role::Plan | Role::Apply, Need::ReadTrustedAccess)
                        | (Role::Apply, Need::WriteTrustedAccess)
                ))
            || (self == Role::Snapshot
            && deep
            // --deep reads the management account itself with the
            // snapshot role's own credentials: no role to assume there.
            && matches!(need, Need::AssumeMember | Need::Member))
    }
}

/// The roles whose policy allows a call, for the help of an access-denied
/// error.
pub fn commands_needing(service: &str, operation: &str) -> Vec<&'static str> {
    let Some(row) = OPERATIONS
        .iter()
        .find(|o| o.service == service && o.name == operation)
    else {
        return Vec::new();
    };
    match row.need {
        Need::Read => vec!["plan", "apply", "snapshot"],
        Need::ReadSettings | Need::ReadTrustedAccess => vec!["snapshot"],
        Need::Write
        | Need::WriteIdentityCenter
        | Need::WriteContacts
        | Need::WriteTrustedAccess => {
            vec!["apply"]
        }
        Need::AssumeMember => vec!["snapshot --deep"],
        Need::Member => vec!["member"],
        Need::Always => Vec::new(),
    }
}

fn statement(sid: &str, actions: Vec<String>, resource: Value) -> Value {
    json!({ "Sid": sid, "Effect": "Allow", "Action": actions, "Resource": resource })
}

fn actions(need: Need, service: Option<&str>) -> Vec<String> {
    OPERATIONS
        .iter()
        .filter(|o| o.need == need)
        .filter(|o| service.is_none_or(|s| s == o.service))
        .map(Operation::action)
        .collect()
}

/// What a layout declares beyond the tree and its policies: each adds
/// reads to plan and apply, and changes to apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Declared {
    /// `[identity_center]` resources.
    pub identity_center: bool,
    /// Alternate contacts.
    pub contacts: bool,
    /// `[trusted_access]`.
    pub trusted_access: bool,
}

/// The identity policy `role` needs: exactly the actions orgguard calls in
/// that use. `member_role` is the role name `--deep` assumes. `apply` reads
/// and changes Identity Center only for a layout that declares it; the plan
/// role keeps its reads, since lint, audit and access read assignments with
/// it. Plan and apply read (and apply changes) alternate contacts and
/// trusted access only for a layout that declares them.
pub fn policy(role: Role, deep: bool, member_role: &str, declared: Declared) -> Value {
    let identity_center = declared.identity_center;
    let mut statements = Vec::new();
    let apply_without_ic = role == Role::Apply && !identity_center;
    if role.grants(Need::Read, deep, declared) {
        let org = actions(Need::Read, Some("organizations"));
        let ic: Vec<String> = actions(Need::Read, None)
            .into_iter()
            .filter(|a| !org.contains(a))
            .collect();
        statements.push(statement("ReadOrganization", org, json!("*")));
        if !apply_without_ic {
            statements.push(statement("ReadIdentityCenter", ic, json!("*")));
        }
    }
    let settings: Vec<String> = [Need::ReadTrustedAccess, Need::ReadSettings]
        .into_iter()
        .filter(|need| role.grants(*need, deep, declared))
        .flat_map(|need| actions(need, None))
        .collect();
    if !settings.is_empty() {
        statements.push(statement("ReadOrganizationSettings", settings, json!("*")));
    }
    if role.grants(Need::Write, deep, declared) {
        statements.push(statement(
            "ChangeOrganization",
            actions(Need::Write, None),
            json!("*"),
        ));
    }
    if role == Role::Apply && identity_center {
        statements.push(statement(
            "ChangeIdentityCenter",
            actions(Need::WriteIdentityCenter, None),
            json!("*"),
        ));
    }
    if role.grants(Need::WriteContacts, deep, declared) {
        statements.push(statement(
            "SetAlternateContacts",
            actions(Need::WriteContacts, None),
            json!("*"),
        ));
    }
    if role.grants(Need::WriteTrustedAccess, deep, declared) {
        statements.push(statement(
            "ChangeTrustedAccess",
            actions(Need::WriteTrustedAccess, None),
            json!("*"),
        ));
    }
    if role.grants(Need::AssumeMember, deep, declared) {
        statements.push(statement(
            "AssumeMemberRole",
            actions(Need::AssumeMember, None),
            json!(format!("arn:aws:iam::*:role/{member_role}")),
        ));
    }
    if role.grants(Need::Member, deep, declared) {
        statements.push(statement(
            "ReadMemberAccount",
            actions(Need::Member, None),
            json!("*"),
        ));
    }
    json!({ "Version": "2012-10-17", "Statement": statements })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_named_once() {
        let mut seen = std::collections::BTreeSet::new();
        for o in OPERATIONS {
            assert!(seen.insert(o.action()), "{} twice", o.action());
        }
        assert_eq!(
            by_action("sso:ListInstances").map(|o| o.service),
            Some("sso-admin")
        );
    }

    fn declared(identity_center: bool, contacts: bool, trusted_access: bool) -> Declared {
        Declared {
            identity_center,
            contacts,
            trusted_access,
        }
    }

    #[test]
    fn the_plan_policy_reads_and_never_writes() {
        let none = Declared::default();
        let text = policy(Role::Plan, false, "OrganizationAccountAccessRole", none).to_string();
        assert!(text.contains("organizations:ListRoots"));
        assert!(text.contains("identitystore:ListUsers"));
        assert!(!text.contains("organizations:AttachPolicy"));
        assert!(!text.contains("sts:AssumeRole"));
        assert!(!text.contains("organizations:ListDelegatedAdministrators"));
        let apply = policy(Role::Apply, false, "R", none).to_string();
        assert!(apply.contains("organizations:AttachPolicy"));
        assert!(!apply.contains("sso:"), "{apply}");
        assert!(!apply.contains("account:"));
        assert!(!apply.contains("organizations:EnableAWSServiceAccess"));
        let apply_ic = policy(Role::Apply, false, "R", declared(true, false, false)).to_string();
        assert!(apply_ic.contains("sso:CreateAccountAssignment"));
        assert!(apply_ic.contains("sso:ListPermissionSets"));
        let deep = policy(Role::Snapshot, true, "Reader", none).to_string();
        assert!(deep.contains("arn:aws:iam::*:role/Reader"));
        assert!(deep.contains("kms:GetKeyPolicy"));
        let shallow = policy(Role::Snapshot, false, "Reader", none).to_string();
        assert!(!shallow.contains("sts:AssumeRole") && !shallow.contains("kms:"));
        assert!(shallow.contains("organizations:ListDelegatedAdministrators"));
        assert!(shallow.contains("account:GetAlternateContact"));
        let member = policy(Role::Member, false, "R", none).to_string();
        let plan = policy(Role::Plan, false, "R", declared(false, true, false)).to_string();
        assert!(plan.contains("account:GetAlternateContact"));
        assert!(!plan.contains("account:PutAlternateContact"));
        let apply = policy(Role::Apply, false, "R", declared(false, true, false)).to_string();
        assert!(apply.contains("account:GetAlternateContact"));
        assert!(apply.contains("account:PutAlternateContact"));
        assert!(member.contains("kms:GetKeyPolicy") && !member.contains("organizations:"));
    }

    #[test]
    fn trusted_access_adds_its_reads_to_plan_and_its_writes_to_apply() {
        let plan = policy(Role::Plan, false, "R", declared(false, false, true)).to_string();
        assert!(plan.contains("organizations:ListAWSServiceAccessForOrganization"));
        assert!(plan.contains("organizations:ListDelegatedServicesForAccount"));
        assert!(!plan.contains("account:GetAlternateContact"));
        assert!(!plan.contains("organizations:RegisterDelegatedAdministrator"));
        let apply = policy(Role::Apply, false, "R", declared(false, false, true)).to_string();
        for action in [
            "EnableAWSServiceAccess",
            "DisableAWSServiceAccess",
            "RegisterDelegatedAdministrator",
            "DeregisterDelegatedAdministrator",
            "ListDelegatedAdministrators",
        ] {
            assert!(
                apply.contains(&format!("organizations:{action}")),
                "{action}"
            );
        }
        assert!(!apply.contains("account:"));
    }
}
