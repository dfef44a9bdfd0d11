use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::{members, resource};
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "IAM007",
    name: "root-access-key",
    area: Area::Iam,
    severity: Severity::Critical,
    needs: Needs::Live,
    summary: "The root user of an account has an access key",
    docs: Docs {
        what: "Reports a member account whose root user has an access key, as IAM's account summary (`AccountAccessKeysPresent`, read by `snapshot --deep`) says. An account whose summary could not be read is reported by ORG007 as not checked, never as clean.",
        why: "The root user's key can do everything in the account — close it, change its contacts, undo every IAM guardrail — and SCPs do not limit the management account's root. AWS recommends that root never has an access key.",
        example: "Account `legacy-payments`, created in 2014 before the organization, still has the root key its first developer made.",
        fix: "Sign in as root, check in CloudTrail what the key is used for, move that to a role, and delete the key (Security credentials → Access keys). Centralize root access in the organization so member accounts have no root credentials at all.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    for member in members(ctx.live) {
        if member.root_access_keys == Some(true) {
            let arn = format!("arn:aws:iam::{}:root", member.account_id);
            let name = ctx
                .org
                .as_ref()
                .map(|o| o.label(&member.account_id))
                .unwrap_or_else(|| format!("account {}", member.account_id));
            out.report(
                resource(&arn, &member.account_id, None),
                format!("the root user of {name} has an access key"),
                "delete the root access key; use a role for whatever needs it",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_only_where_the_summary_shows_a_root_key() {
        let mut snap = org();
        let mut with_key = member(PROD);
        with_key.root_access_keys = Some(true);
        let mut unread = member(SANDBOX);
        unread.root_access_keys = None;
        snap.member_accounts.push(with_key);
        snap.member_accounts.push(unread);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            format!("the root user of account {PROD} (prod) has an access key")
        );
    }
}
