//! The rules, one per file, grouped by area. Each file holds the rule's
//! entry for the registry, its documentation and its tests.

pub mod cfg;
pub mod iam;
pub mod kms;
pub mod org;
pub mod rcp;
pub mod scp;
pub mod sso;

use crate::checks::context::{Context, OrgView};
use crate::checks::registry::Out;
use crate::diagnostics::Subject;
use crate::org::{MemberAccount, Policy, Snapshot};
use crate::policy::kinds::PolicyKind;

/// Reports each of `policies` (of `kind`) that is longer than AWS accepts:
/// SCP005 and RCP004, with the one size limit validate and the plan use.
pub fn report_too_large<'o>(
    ctx: &Context,
    out: &mut Out,
    org: &OrgView<'o>,
    kind: PolicyKind,
    policies: impl Iterator<Item = &'o Policy>,
) {
    for policy in policies {
        let size = policy.content.chars().count();
        if let Some(breach) = ctx.limits.check_size(kind, &policy.name, size) {
            out.report(
                org.policy_subject(policy, None),
                breach.message,
                breach.help,
            );
        }
    }
}

/// The account id an `arn:aws:iam::ID:root` or bare `ID` principal names.
pub fn account_root(principal: &str) -> Option<&str> {
    let id = principal
        .strip_prefix("arn:aws:iam::")
        .and_then(|rest| rest.strip_suffix(":root"))
        .or(Some(principal))?;
    (id.len() == 12 && id.chars().all(|c| c.is_ascii_digit())).then_some(id)
}

/// The account id inside an ARN.
pub fn arn_account(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

/// A live resource as a finding's subject.
pub fn resource(arn: &str, account_id: &str, region: Option<&str>) -> Subject {
    Subject {
        resource: Some(arn.to_string()),
        account_id: Some(account_id.to_string()),
        region: region.map(str::to_string),
        ..Subject::default()
    }
}

/// The member accounts a deep snapshot read.
pub fn members(live: Option<&Snapshot>) -> &[MemberAccount] {
    live.map(|s| s.member_accounts.as_slice()).unwrap_or(&[])
}
