//! The rules `orgguard validate` checks while it reads ou-layout.toml,
//! policies/ and policies/access.cedar: the registry's second table. Their
//! codes are kebab-case (`scp-grammar`) and are their names; errors are
//! [`Severity::ERROR`] (they block), warnings [`Severity::WARNING`].
//!
//! The checks themselves live with the files they read (`layout::check*`,
//! `policy::grammar`, `access::validate`) and report through
//! `diagnostics::Problems`; a code they push that is not here fails the tests.

use super::context::Context;
use super::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;

/// Validate reports these rules itself, while it reads the files; lint's
/// engine does not run them (it runs [`super::RULES`]).
fn reported_by_validate(_: &Context, _: &mut Out) {}

const fn rule(
    code: &'static str,
    area: Area,
    severity: Severity,
    summary: &'static str,
    docs: Docs,
) -> Rule {
    Rule {
        code,
        name: code,
        area,
        severity,
        needs: Needs::Files,
        summary,
        docs,
        check: reported_by_validate,
    }
}

const E: Severity = Severity::ERROR;
const W: Severity = Severity::WARNING;

pub const VALIDATE_RULES: &[Rule] = &[
    // The files themselves.
    rule(
        "syntax",
        Area::Layout,
        E,
        "A file does not parse, or ou-layout.toml has a key or value of the wrong shape",
        Docs {
            what: "ou-layout.toml must be TOML that fits the layout schema (schemas/ou-layout.schema.json): known sections and keys, values of the right type. Every policy file must be plain JSON: no comments, no trailing commas.",
            why: "Nothing else can be checked, planned or applied from a file orgguard cannot read; a misspelt key would otherwise be silently ignored.",
            example: "`scsp = [\"deny-all\"]` on an [[ou]] (did you mean `scps`?), or a policy with a trailing comma after its last statement.",
            fix: "Correct the text at the position shown; the help line suggests the closest known key.",
        },
    ),
    rule(
        "template",
        Area::Layout,
        E,
        "A `${var}` placeholder in a policy is not defined or misused",
        Docs {
            what: "Policy files may use `${name}` placeholders filled from `[vars]` in ou-layout.toml. Every placeholder must name a defined variable, and a list variable must be a whole JSON string. IAM's own variables (`${aws:username}`, `${*}`, …) are left alone.",
            why: "An undefined placeholder would be sent to AWS as literal text and match nothing, silently weakening the guardrail.",
            example: "`\"Resource\": \"arn:aws:s3:::${log_bucket}/*\"` with no `log_bucket` in [vars].",
            fix: "Define the variable in [vars], or correct its name (the help line suggests the closest).",
        },
    ),
    rule(
        "invalid-value",
        Area::Layout,
        E,
        "A value is not one AWS accepts (id, name, email, region, limit, duration, ARN)",
        Docs {
            what: "Values are checked against AWS's formats and ranges before anything is sent: 12-digit account ids, OU and organization ids, OU paths, account and policy names and their lengths, email addresses, IAM role names, region codes, variable names, non-zero limits, alternate contacts, permission set names, session durations, managed policy ARNs, service principals written in full and inline policy paths.",
            why: "AWS would reject the call halfway through an apply, after earlier changes have landed; some mistakes (a bare numeric account id losing its leading zeros) would name the wrong account.",
            example: "`id = 012345678901` written as a TOML number, which becomes 12345678901.",
            fix: "Write the value in the form the help line shows, such as a quoted 12-digit string for account ids.",
        },
    ),
    rule(
        "missing-key",
        Area::Layout,
        E,
        "A section lacks a key it needs",
        Docs {
            what: "An [[identity_center.assignment]] must name a principal (`group` or `user`) and at least one target (`accounts`, `ous` or `account_tags`).",
            why: "Without them the assignment grants nothing, or grants to nobody, and the intent of the entry is lost.",
            example: "An assignment with `permission_set` and `accounts` but no `group`.",
            fix: "Add the key the message names.",
        },
    ),
    rule(
        "duplicate-name",
        Area::Layout,
        E,
        "Two policies or permission sets have the same name in AWS",
        Docs {
            what: "Policy names (of every kind, including a `name` set in [policies.NAME]) are unique in an organization, and permission set names in an Identity Center instance.",
            why: "AWS refuses to create the second one, so the apply fails after earlier changes have landed.",
            example: "policies/guard.json and policies/rcp/guard.json, or two permission sets named `ReadOnly`.",
            fix: "Rename one of them.",
        },
    ),
    rule(
        "unknown-reference",
        Area::Layout,
        E,
        "A file the layout names does not exist",
        Docs {
            what: "Files the layout refers to by path, such as a permission set's inline policy under policies/permission-sets/, must exist.",
            why: "The plan cannot know what to send, and a typo would otherwise read as an empty policy.",
            example: "`inline_policy = \"permission-sets/billing.json\"` with no such file.",
            fix: "Create the file, or correct the path (relative to policies/).",
        },
    ),
    rule(
        "ignored-file",
        Area::Layout,
        W,
        "A file in policies/ is not a policy and is ignored",
        Docs {
            what: "Policy files end in `.json` (SCPs in policies/, RCPs in policies/rcp/); other files there, `.cedar` and `.md` files aside, are skipped.",
            why: "A policy saved with the wrong extension is never created or attached, and nothing else would say so.",
            example: "policies/deny-root.jsn.",
            fix: "Rename the file to end in .json, or move it out of policies/.",
        },
    ),
    rule(
        "unused-var",
        Area::Layout,
        W,
        "A variable in [vars] is used by no policy",
        Docs {
            what: "Every variable defined in [vars] should be used as `${name}` by at least one policy file.",
            why: "An unused variable usually means a policy refers to it under another name, or a placeholder was removed by mistake.",
            example: "`[vars] log_bucket = \"...\"` while the policy writes `${logs_bucket}`.",
            fix: "Use it in a policy, or remove it.",
        },
    ),
    // The organization's shape.
    rule(
        "duplicate-ou",
        Area::Org,
        E,
        "An OU is declared twice, or one OU id is pinned to two OUs",
        Docs {
            what: "Each OU path appears in one [[ou]], and an OU id (`id = \"ou-…\"`) belongs to one path.",
            why: "Sibling OUs must have different names in AWS; two entries for one OU would give it two sets of attachments.",
            example: "Two [[ou]] entries with `path = \"Workloads/Production\"`.",
            fix: "Remove or rename one of them.",
        },
    ),
    rule(
        "unknown-ou",
        Area::Org,
        E,
        "An OU is referred to but not declared",
        Docs {
            what: "An OU's parent, an account's `ou` and an assignment's `ous` must name an OU declared with [[ou]].",
            why: "Parents are never implied (every OU carries its own SCPs), so a missing OU would leave the plan nowhere to put the account or OU.",
            example: "`ou = \"Workloads/Prod\"` on an account while the OU is `Workloads/Production`.",
            fix: "Declare the OU, or correct the path (the help line suggests the closest).",
        },
    ),
    rule(
        "ou-depth",
        Area::Org,
        E,
        "An OU is nested deeper than AWS allows",
        Docs {
            what: "OU depth is compared with `settings.limits.ou_max_depth` (AWS's quota: 5 levels under the root).",
            why: "AWS refuses to create the OU, so the apply fails partway.",
            example: "`path = \"A/B/C/D/E/F\"`.",
            fix: "Flatten the tree, or raise `settings.limits.ou_max_depth` if AWS raised your quota.",
        },
    ),
    rule(
        "duplicate-account",
        Area::Org,
        E,
        "An account is declared twice",
        Docs {
            what: "An account id appears in one [[account]] entry.",
            why: "An account sits in exactly one place; two entries would make the plan move it back and forth.",
            example: "Account 111111111111 under both `Sandbox` and `Workloads`.",
            fix: "Remove one of the entries.",
        },
    ),
    rule(
        "unknown-account",
        Area::Org,
        E,
        "An account is referred to but not in the layout",
        Docs {
            what: "Accounts named by assignments and by delegated administrators must be declared with [[account]] (by name or id).",
            why: "orgguard cannot resolve the name to an account id, so the assignment or registration cannot be planned.",
            example: "`accounts = [\"securty\"]` in an assignment.",
            fix: "Declare the account, or correct the name (the help line suggests the closest).",
        },
    ),
    rule(
        "missing-email",
        Area::Org,
        E,
        "An account to create has no email",
        Docs {
            what: "An [[account]] without `id` is one orgguard creates, and AWS creates an account for a root email address.",
            why: "CreateAccount cannot be called without the email.",
            example: "`[[account]] name = \"sandbox-2\"` with neither `id` nor `email`.",
            fix: "Add `email = \"...\"`, or the id of the existing account.",
        },
    ),
    rule(
        "duplicate-email",
        Area::Org,
        E,
        "Two accounts have the same email",
        Docs {
            what: "Every AWS account has its own root email address.",
            why: "AWS refuses to create the second account, after the plan has already made other changes.",
            example: "Two accounts to create with `email = \"aws@example.com\"`.",
            fix: "Give each [[account]] its own address.",
        },
    ),
    rule(
        "closed-without-id",
        Area::Org,
        E,
        "An account marked closed has no id",
        Docs {
            what: "`state = \"closed\"` needs the account's `id`: orgguard closes only an account it can name by id.",
            why: "Closing is hard to undo (90 days of post-closure); guessing the account from a name is not safe.",
            example: "`[[account]] name = \"old\" state = \"closed\"` without `id`.",
            fix: "Add `id = \"...\"` (from `orgguard snapshot`), or remove the entry if the account was never created.",
        },
    ),
    rule(
        "close-management",
        Area::Org,
        E,
        "The management account is marked closed",
        Docs {
            what: "The management account cannot be closed while the organization exists.",
            why: "AWS refuses; closing it is only possible by deleting the organization, which orgguard never does.",
            example: "`state = \"closed\"` on the account whose id is `settings.management_account_id`.",
            fix: "Remove `state = \"closed\"`.",
        },
    ),
    rule(
        "duplicate-service",
        Area::Org,
        E,
        "A service is listed twice in [trusted_access]",
        Docs {
            what: "Each service principal appears once in `[trusted_access] services`.",
            why: "A repeated entry is usually a typo for another service that is then missing.",
            example: "`services = [\"sso.amazonaws.com\", \"sso.amazonaws.com\"]`.",
            fix: "Remove the second entry.",
        },
    ),
    rule(
        "not-trusted",
        Area::Org,
        E,
        "A delegated administrator is registered for a service that is not trusted",
        Docs {
            what: "Every service under `delegated_administrators` must also be in `[trusted_access] services`.",
            why: "AWS registers delegated administrators only for services the organization trusts, so the apply would fail.",
            example: "`delegated_administrators = { \"guardduty.amazonaws.com\" = [\"security\"] }` without GuardDuty in services.",
            fix: "Add the service to `[trusted_access] services`.",
        },
    ),
    rule(
        "not-created-yet",
        Area::Org,
        E,
        "A delegated administrator is an account the same plan creates",
        Docs {
            what: "An account without an id is created by the plan; it cannot be registered as a delegated administrator in the same plan.",
            why: "The registration needs the account id, which exists only once CreateAccount has finished.",
            example: "A new `security` account (no `id`) named as GuardDuty's delegated administrator.",
            fix: "Apply the layout that creates the account, pin its id, then register it.",
        },
    ),
    rule(
        "management-delegated",
        Area::Org,
        E,
        "The management account is named as a delegated administrator",
        Docs {
            what: "Delegated administrators must be member accounts.",
            why: "AWS refuses to register the management account; delegation exists to keep work out of it.",
            example: "The management account listed under `delegated_administrators`.",
            fix: "Delegate to a member account, such as the security account.",
        },
    ),
    rule(
        "duplicate-delegated-administrator",
        Area::Org,
        E,
        "An account is listed twice as a service's delegated administrator",
        Docs {
            what: "Each account appears once per service under `delegated_administrators` (by name or by id, not both).",
            why: "The plan would try to register it twice and AWS refuses the second call.",
            example: "`[\"security\", \"222222222222\"]` where both name the security account.",
            fix: "Remove the second entry.",
        },
    ),
    rule(
        "disables-needed-service",
        Area::Org,
        W,
        "[trusted_access] would disable a service the layout needs",
        Docs {
            what: "With `unmanaged = \"delete\"` in [trusted_access], services not listed are disabled. An [identity_center] section needs `sso.amazonaws.com`, and alternate contacts need `account.amazonaws.com`.",
            why: "The plan would disable trusted access for a service the same layout relies on: without `sso.amazonaws.com` Identity Center stops working across the organization; without `account.amazonaws.com` alternate contacts cannot be managed.",
            example: "An [identity_center] section with `[trusted_access] unmanaged = \"delete\"` and no `sso.amazonaws.com`.",
            fix: "Add the service to `[trusted_access] services`.",
        },
    ),
    // Policies, per kind.
    rule(
        "no-scp",
        Area::Scp,
        E,
        "A root, OU or account would have no SCP attached",
        Docs {
            what: "Every root, OU and account keeps at least one SCP attached, and the layout must have a [root] section saying which.",
            why: "AWS refuses to detach the last SCP; a layout that asks for it would fail in the apply.",
            example: "`scps = []` on an OU.",
            fix: "Attach FullAWSAccess, or an allow-list.",
        },
    ),
    rule(
        "scp-limit",
        Area::Scp,
        E,
        "Too many SCPs are attached to one target",
        Docs {
            what: "The SCPs attached directly to a root, OU or account are counted against `settings.limits.scps_per_target` (AWS's quota: 10 since 2026-05-15). Inherited SCPs do not count.",
            why: "AWS rejects the AttachPolicy call, so the apply fails partway.",
            example: "An OU with 11 SCPs in `scps = [...]`.",
            fix: "Merge SCPs, or attach some on a parent OU. If AWS raised your quota, set `settings.limits.scps_per_target`.",
        },
    ),
    rule(
        "duplicate-scp",
        Area::Scp,
        E,
        "An SCP is listed twice for one target",
        Docs {
            what: "Each name appears once in a target's `scps = [...]`.",
            why: "A repeated name is usually a typo for another SCP that is then not attached.",
            example: "`scps = [\"deny-root\", \"deny-root\"]`.",
            fix: "Remove the repeated name.",
        },
    ),
    rule(
        "unknown-scp",
        Area::Scp,
        E,
        "An SCP is attached or described but has no file",
        Docs {
            what: "Every name in `scps = [...]` and every [policies.NAME] section must have a policy file (policies/NAME.json), FullAWSAccess aside.",
            why: "The plan cannot attach a policy it cannot create; a typo would otherwise drop a guardrail.",
            example: "`scps = [\"deny-al\"]` while the file is policies/deny-all.json.",
            fix: "Add the file, or correct the name (the help line suggests the closest).",
        },
    ),
    rule(
        "managed-scp",
        Area::Scp,
        E,
        "A policy file redefines FullAWSAccess",
        Docs {
            what: "FullAWSAccess is managed by AWS and cannot be created or changed.",
            why: "A file with that name cannot be applied, and would read as if the managed policy were yours to change.",
            example: "policies/FullAWSAccess.json.",
            fix: "Delete the file; refer to FullAWSAccess by name.",
        },
    ),
    rule(
        "scp-grammar",
        Area::Scp,
        E,
        "An SCP document breaks the IAM policy grammar",
        Docs {
            what: "SCP documents are checked as AWS's policy validator checks them: Version, Statement, known keys, Effect, Action/NotAction patterns, Resource ARNs (six parts, policy variables only in the resource part), condition operators and their values. Style problems are warnings.",
            why: "AWS rejects an invalid document on CreatePolicy/UpdatePolicy, and some mistakes are accepted but match nothing, so the guardrail silently does nothing.",
            example: "`\"Resource\": \"arn:aws:iam:*user/x\"` (fewer than six parts), or `\"Effect\": \"deny\"`.",
            fix: "Correct the document at the position shown.",
        },
    ),
    rule(
        "scp-size",
        Area::Scp,
        E,
        "An SCP is longer than AWS accepts",
        Docs {
            what: "The document as sent to AWS (compact JSON) is compared with `settings.limits.scp_max_chars` (AWS's quota: 10,240 characters since 2026-05-15).",
            why: "AWS rejects the CreatePolicy/UpdatePolicy call, so the guardrail change never lands.",
            example: "An SCP listing hundreds of individual actions instead of wildcards.",
            fix: "Split it into two SCPs, or shorten it with wildcards and NotAction.",
        },
    ),
    rule(
        "unattached-scp",
        Area::Scp,
        W,
        "An SCP is attached nowhere",
        Docs {
            what: "Every SCP file should be attached to the root, an OU or an account.",
            why: "An unattached SCP protects nothing; usually an attachment was forgotten or removed by mistake. Lint's SCP006 reports the same (as low), on live organizations too.",
            example: "policies/deny-leave-org.json named in no `scps = [...]`.",
            fix: "Attach it, or delete the file.",
        },
    ),
    rule(
        "rcp-limit",
        Area::Rcp,
        E,
        "Too many RCPs are attached to one target",
        Docs {
            what: "The RCPs attached directly to a root, OU or account, RCPFullAWSAccess included, are counted against `settings.limits.rcps_per_target` (AWS's quota: 5).",
            why: "AWS rejects the AttachPolicy call, so the apply fails partway.",
            example: "An OU with 5 RCPs of its own besides RCPFullAWSAccess.",
            fix: "Merge RCPs, or attach some on a parent OU.",
        },
    ),
    rule(
        "duplicate-rcp",
        Area::Rcp,
        E,
        "An RCP is listed twice for one target",
        Docs {
            what: "Each name appears once in a target's `rcps = [...]`.",
            why: "A repeated name is usually a typo for another RCP that is then not attached.",
            example: "`rcps = [\"data-perimeter\", \"data-perimeter\"]`.",
            fix: "Remove the repeated name.",
        },
    ),
    rule(
        "unknown-rcp",
        Area::Rcp,
        E,
        "An RCP is attached but has no file",
        Docs {
            what: "Every name in `rcps = [...]` must have a file policies/rcp/NAME.json, RCPFullAWSAccess aside.",
            why: "The plan cannot attach a policy it cannot create; a typo would otherwise drop a guardrail.",
            example: "`rcps = [\"data-perimetre\"]`.",
            fix: "Add the file, or correct the name.",
        },
    ),
    rule(
        "managed-rcp",
        Area::Rcp,
        E,
        "A policy file redefines RCPFullAWSAccess",
        Docs {
            what: "RCPFullAWSAccess is managed by AWS and cannot be created or changed.",
            why: "A file with that name cannot be applied.",
            example: "policies/rcp/RCPFullAWSAccess.json.",
            fix: "Delete the file; refer to RCPFullAWSAccess by name.",
        },
    ),
    rule(
        "rcp-grammar",
        Area::Rcp,
        E,
        "An RCP document breaks the IAM grammar or what RCPs allow",
        Docs {
            what: "RCP documents are checked against the IAM policy grammar and RCPs' own rules: Deny statements only, `Principal` \"*\", no NotPrincipal and no NotAction, actions of services RCPs support (data/rcp-services.txt, plus `rcp_services` under `[settings]` for services AWS added since this orgguard release), no bare \"*\" action.",
            why: "AWS rejects such a document on CreatePolicy/UpdatePolicy, so the guardrail never lands.",
            example: "An RCP statement with `\"Effect\": \"Allow\"`, or `\"Action\": \"ec2:*\"`.",
            fix: "Correct the document at the position shown.",
        },
    ),
    rule(
        "rcp-size",
        Area::Rcp,
        E,
        "An RCP is longer than AWS accepts",
        Docs {
            what: "The document as sent to AWS (compact JSON) is compared with `settings.limits.rcp_max_chars` (AWS's quota: 5,120 characters).",
            why: "AWS rejects the CreatePolicy/UpdatePolicy call, so the guardrail change never lands.",
            example: "An RCP listing many individual actions instead of wildcards.",
            fix: "Split it into two RCPs, or shorten it with wildcards.",
        },
    ),
    rule(
        "unattached-rcp",
        Area::Rcp,
        W,
        "An RCP is attached nowhere",
        Docs {
            what: "Every RCP file should be attached to the root, an OU or an account.",
            why: "An unattached RCP protects nothing; usually an attachment was forgotten.",
            example: "policies/rcp/data-perimeter.json named in no `rcps = [...]`.",
            fix: "Attach it, or delete the file.",
        },
    ),
    // Identity Center and access.cedar.
    rule(
        "unknown-permission-set",
        Area::Sso,
        E,
        "An assignment names a permission set that is not declared",
        Docs {
            what: "Every [[identity_center.assignment]] must name a permission set declared in [[identity_center.permission_set]].",
            why: "The plan cannot assign a permission set it does not manage.",
            example: "`permission_set = \"ReadOnly\"` while the set is declared as `ReadOnlyAccess`.",
            fix: "Declare the permission set, or correct the name.",
        },
    ),
    rule(
        "matches-nothing",
        Area::Sso,
        W,
        "An assignment's account tags match no account",
        Docs {
            what: "An assignment targeting `account_tags = { ... }` should match at least one account of the layout.",
            why: "It grants nothing today; usually a tag key or value is misspelt.",
            example: "`account_tags = { env = \"prod\" }` while accounts carry `environment = \"prod\"`.",
            fix: "Check the tag keys and values against the [[account]] tags.",
        },
    ),
    rule(
        "ic-limit",
        Area::Sso,
        E,
        "A permission set exceeds an Identity Center quota",
        Docs {
            what: "Identity Center's quotas: permission sets per instance, managed policies per permission set, description length and inline policy size.",
            why: "AWS rejects the call, so the apply fails partway.",
            example: "A permission set attaching 21 managed policies.",
            fix: "Merge or split permission sets, or move permissions into the inline policy as the message says.",
        },
    ),
    rule(
        "policy-grammar",
        Area::Sso,
        E,
        "A permission set's inline policy breaks the IAM policy grammar",
        Docs {
            what: "Inline policies under policies/permission-sets/ are checked against the IAM policy grammar, as SCPs are.",
            why: "AWS rejects an invalid inline policy when the permission set is written, and some mistakes match nothing.",
            example: "An inline policy with `\"Effect\": \"allow\"`.",
            fix: "Correct the document at the position shown.",
        },
    ),
    rule(
        "unknown-principal",
        Area::Sso,
        E,
        "An assignment names a user or group missing from the snapshot's identity store",
        Docs {
            what: "With `validate --live FILE`, the users and groups named by assignments are looked up in the snapshot's identity store.",
            why: "The plan cannot assign a principal that does not exist; names are case-sensitive.",
            example: "`group = \"platform-admins\"` while the group is `Platform-Admins`.",
            fix: "Create the principal in Identity Center first, or correct the name.",
        },
    ),
    rule(
        "access-not-permitted",
        Area::Sso,
        E,
        "A declared assignment is not permitted by policies/access.cedar",
        Docs {
            what: "Every assignment the layout declares is checked against policies/access.cedar, the policy of who may hold which permission set on which accounts.",
            why: "Applying it would grant access the organization's own access policy forbids.",
            example: "The `contractors` group assigned AdministratorAccess on a production account while access.cedar forbids it.",
            fix: "Narrow the assignment's targets, or change access.cedar if the access is intended (`orgguard access explain` shows the decision).",
        },
    ),
    rule(
        "cedar-syntax",
        Area::Sso,
        E,
        "policies/access.cedar does not parse",
        Docs {
            what: "policies/access.cedar must be valid Cedar: static policies (no templates), each policy id once.",
            why: "Access cannot be checked against a policy that cannot be read.",
            example: "A `permit` without its closing `;`.",
            fix: "Correct the text at the position shown.",
        },
    ),
    rule(
        "cedar-schema",
        Area::Sso,
        E,
        "policies/access.cedar does not fit orgguard's Cedar schema",
        Docs {
            what: "Policies are validated strictly against the Cedar schema orgguard builds from the declared permission sets (`orgguard access schema` prints it): entity types, attributes and actions. Cedar's warnings are reported as warnings.",
            why: "A policy naming an unknown type, attribute or action never matches, so the rule it states is silently not enforced.",
            example: "`action == Action::\"AdminAccess\"` when the permission set is `AdministratorAccess`.",
            fix: "Correct the name the message shows, or declare it in [access].",
        },
    ),
    rule(
        "access-actions",
        Area::Sso,
        E,
        "The [access] section's permission sets or action groups are wrong",
        Docs {
            what: "[access] declares the permission sets access.cedar talks about and groups of them: valid names, no duplicates, no name both a set and a group, groups naming only declared sets or groups.",
            why: "The Cedar schema is built from them; a wrong entry makes policies fail to validate or match nothing.",
            example: "An action group listing `AdminAcess`.",
            fix: "Correct or declare the name the message shows.",
        },
    ),
    rule(
        "access-unknown-name",
        Area::Sso,
        W,
        "policies/access.cedar names a user, group or account that the snapshot does not have",
        Docs {
            what: "With `validate --live FILE`, the entities access.cedar names are looked up in the snapshot.",
            why: "A policy about a principal or account that does not exist usually holds a typo, so it does not apply to whom it was meant for.",
            example: "`principal in Group::\"auditor\"` while the group is `auditors`.",
            fix: "Correct the name, or remove the policy if the entity is gone.",
        },
    ),
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::VALIDATE_RULES;

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The arguments of the call that starts at `text` (just past its
    /// opening parenthesis), split at top-level commas.
    fn arguments(text: &str) -> Vec<String> {
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let mut args = vec![String::new()];
        for c in text.chars() {
            if in_string {
                in_string = c != '"' || escaped;
                escaped = c == '\\' && !escaped;
            } else {
                match c {
                    '"' => in_string = true,
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' if depth == 0 => break,
                    ')' | ']' | '}' => depth -= 1,
                    ',' if depth == 0 => {
                        args.push(String::new());
                        continue;
                    }
                    _ => {}
                }
            }
            if let Some(last) = args.last_mut() {
                last.push(c);
            }
        }
        let mut args: Vec<String> = args.into_iter().map(|a| a.trim().to_string()).collect();
        // A trailing comma.
        if args.last().is_some_and(String::is_empty) {
            args.pop();
        }
        args
    }

    /// Every code the source passes to `Problems`: string literals, and
    /// the per-kind codes of `layout::check`'s `codes` table.
    fn pushed_codes() -> BTreeSet<String> {
        let mut files = Vec::new();
        rust_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut codes = BTreeSet::new();
        for file in files
            .iter()
            .filter(|f| !f.ends_with("checks/validate_rules.rs"))
        {
            let text = std::fs::read_to_string(file).unwrap();
            for (call, position) in [
                ("problems.error(", 0),
                ("problems.warning(", 0),
                ("problems.push(", 1),
            ] {
                for (at, _) in text.match_indices(call) {
                    let args = arguments(&text[at + call.len()..]);
                    // Problems take (severity,) code, location, message, help;
                    // anything else named `problems` is a plain list.
                    if args.len() != 4 + position {
                        continue;
                    }
                    let code = &args[position];
                    if let Some(literal) = code.strip_prefix('"') {
                        codes.insert(literal.trim_end_matches('"').to_string());
                    } else {
                        assert!(
                            code.starts_with("codes."),
                            "{}: `{call}` is given the code `{code}`; write the code as a literal so the registry test sees it",
                            file.display()
                        );
                    }
                }
            }
            if let Some(at) = text.find("fn codes(kind: PolicyKind) -> Codes") {
                let body = &text[at..];
                let body = &body[..body.find("\n}\n").unwrap()];
                for line in body.lines() {
                    if let Some((_, value)) = line.trim().split_once(": \"") {
                        codes.insert(value.trim_end_matches("\",").to_string());
                    }
                }
            }
        }
        codes
    }

    #[test]
    fn every_code_validate_reports_is_registered_and_every_registered_one_is_reported() {
        let pushed = pushed_codes();
        // The scan sees the calls it should.
        for code in ["scp-grammar", "rcp-limit", "unknown-scp", "cedar-syntax"] {
            assert!(pushed.contains(code), "the scan missed {code}: {pushed:?}");
        }
        let registered: BTreeSet<String> =
            VALIDATE_RULES.iter().map(|r| r.code.to_string()).collect();
        let unregistered: Vec<_> = pushed.difference(&registered).collect();
        assert!(
            unregistered.is_empty(),
            "validate reports codes the registry does not have (add them to src/checks/validate_rules.rs): {unregistered:?}"
        );
        let unused: Vec<_> = registered.difference(&pushed).collect();
        assert!(
            unused.is_empty(),
            "registered validate rules nothing reports: {unused:?}"
        );
    }

    #[test]
    fn the_scan_reads_codes_in_every_argument_shape() {
        assert_eq!(
            arguments("\"a-b\", Some(x(1, 2)), format!(\"{a}, b\"), \"h\")\n rest"),
            ["\"a-b\"", "Some(x(1, 2))", "format!(\"{a}, b\")", "\"h\""]
        );
        assert_eq!(
            arguments("issue.severity, codes.grammar, None)")[1],
            "codes.grammar"
        );
    }
}
