use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::{Severity, Subject};

pub const RULE: Rule = Rule {
    code: "ORG006",
    name: "expired-waiver",
    area: Area::Org,
    severity: Severity::Medium,
    needs: Needs::Org,
    summary: "A waiver in `[lint]` has expired",
    docs: Docs {
        what: "Reports each `[[lint.waiver]]` whose `expires` date is before today (offline) or before the snapshot's capture date (live). An expired waiver no longer hides the findings it covered; they are reported again.",
        why: "Waivers are promises to fix something by a date. An expired one is a promise broken silently unless someone is told.",
        example: "```toml\n[[lint.waiver]]\nrule = \"IAM005\"\nresource = \"arn:aws:iam::444444444444:user/legacy-batch\"\nreason = \"batch job migrates to a role in Q1\"\nexpires = 2026-03-31\n```",
        fix: "Fix what the waiver covered and delete the waiver, or extend `expires` with a new reason.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    for waiver in ctx.config.waivers.iter().filter(|w| w.expires < ctx.today) {
        let subject = waiver
            .location
            .as_ref()
            .map(|l| Subject {
                file: Some(l.file.clone()),
                line: Some(l.line),
                column: Some(l.column),
                ..Subject::default()
            })
            .unwrap_or_default();
        out.report(
            subject,
            format!(
                "the waiver of {} for `{}` expired on {} (\"{}\")",
                waiver.rule, waiver.resource, waiver.expires, waiver.reason
            ),
            "fix the finding and delete the waiver, or extend `expires` with a new reason",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_for_expired_waivers_only() {
        let waiver = |date: &str| {
            format!(
                "[[lint.waiver]]\nrule = \"ORG001\"\nresource = \"*\"\nreason = \"legacy\"\nexpires = {date}\n"
            )
        };
        let toml = layout_toml(&format!("{}{}", waiver("2999-01-01"), waiver("2000-01-01")));
        let found = run_desired(&RULE, &toml, &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("expired on 2000-01-01"));
        assert_eq!(found[0].subject.file.as_deref(), Some("ou-layout.toml"));
    }
}
