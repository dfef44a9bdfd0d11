use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::{Severity, Subject};

pub const RULE: Rule = Rule {
    code: "ORG007",
    name: "not-checked",
    area: Area::Org,
    severity: Severity::High,
    needs: Needs::Live,
    summary: "Part of the organization could not be read, so it was not checked",
    docs: Docs {
        what: "Reports every read the snapshot records as failed: a member account whose role could not be assumed (or any of whose reads failed), and any other incomplete part of the organization.",
        why: "A read that failed is not an empty result. Without this finding an account nobody could look into would show up as an account with no hazards.",
        example: "`sts AssumeRole` into account 555555555555 was denied while taking the snapshot.",
        fix: "Make the member role (settings.member_role_name) assumable from the account running orgguard, take the snapshot again and lint it.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(live) = ctx.live else { return };
    for member in live.member_accounts.iter().filter(|m| !m.complete) {
        let reasons: Vec<String> = member
            .errors
            .iter()
            .map(|e| format!("{} {} failed: {}", e.service, e.operation, e.message))
            .collect();
        let arn = ctx.account_arn(&member.account_id);
        out.report(
            Subject {
                resource: Some(arn.unwrap_or_else(|| member.account_id.clone())),
                account_id: Some(member.account_id.clone()),
                ..Subject::default()
            },
            format!(
                "account {} was not fully checked: {}",
                member.account_id,
                if reasons.is_empty() {
                    "some reads failed".to_string()
                } else {
                    reasons.join("; ")
                }
            ),
            if member.errors.iter().any(|e| e.operation == "AssumeRole") {
                "check that the member role (settings.member_role_name) exists in the account, that its trust policy lets the role orgguard runs as assume it, and that no SCP denies sts:AssumeRole; take the snapshot again and lint it"
            } else {
                "give the member role the policy `orgguard permissions member` prints, take the snapshot again and lint it"
            },
        );
    }
    for failure in &live.incomplete {
        out.report(
            Subject {
                resource: failure.account_id.clone(),
                account_id: failure.account_id.clone(),
                region: failure.region.clone(),
                ..Subject::default()
            },
            format!(
                "{} {} failed, so what it reads was not checked: {}",
                failure.service, failure.operation, failure.message
            ),
            "if access was denied, give the role orgguard runs as the policy `orgguard permissions snapshot` prints; take the snapshot again and lint it",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::org::ReadFailure;

    #[test]
    fn reports_incomplete_accounts_and_reads() {
        let mut snap = org();
        snap.member_accounts.push(member(PROD));
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        let failure = ReadFailure {
            service: "sts".into(),
            operation: "AssumeRole".into(),
            account_id: Some(SANDBOX.into()),
            region: None,
            message: "AccessDenied".into(),
        };
        let mut broken = member(SANDBOX);
        broken.complete = false;
        broken.errors.push(failure.clone());
        snap.member_accounts.push(broken);
        snap.incomplete.push(ReadFailure {
            account_id: None,
            service: "sso-admin".into(),
            operation: "ListInstances".into(),
            ..failure
        });
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            format!("account {SANDBOX} was not fully checked: sts AssumeRole failed: AccessDenied")
        );
        assert!(
            found[1]
                .message
                .starts_with("sso-admin ListInstances failed")
        );
    }
}
