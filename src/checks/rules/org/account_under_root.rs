use crate::checks::context::{Context, OrgView};
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "ORG001",
    name: "account-under-root",
    area: Area::Org,
    severity: Severity::Medium,
    needs: Needs::Org,
    summary: "A member account sits directly under the root",
    docs: Docs {
        what: "Reports member accounts whose parent is the root rather than an OU. The management account is expected there and skipped.",
        why: "Only the root's SCPs reach an account under the root: none of the OU guardrails (region restriction, security-service protection) apply, and the account is easy to forget in reviews that go OU by OU.",
        example: "```toml\n[[account]]\nid = \"121212121212\"\nname = \"contractor-lab\"\nou = \"/\"\n```",
        fix: "Move the account into the OU whose guardrails it needs (`ou = \"...\"` in ou-layout.toml, then plan and apply).",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    let management = org.snapshot.organization.management_account_id.as_str();
    for account in &org.snapshot.accounts {
        if account.id != management && OrgView::is_root(&account.parent_id) {
            out.report(
                org.target_subject(&account.id),
                format!(
                    "account {} ({}) is directly under the root, outside every OU guardrail",
                    account.id, account.name
                ),
                "move it into an OU, such as the one for its environment",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_for_members_under_the_root_only() {
        let mut snap = org();
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        snap.accounts[2].parent_id = "r-1".into();
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with(&format!("account {SANDBOX} (sandbox)"))
        );
        assert_eq!(found[0].subject.account_id.as_deref(), Some(SANDBOX));
    }
}
