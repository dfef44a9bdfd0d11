use std::collections::BTreeSet;

use crate::checks::context::{Context, OrgView};
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::{Severity, Subject};

pub const RULE: Rule = Rule {
    code: "ORG002",
    name: "required-guardrail-missing",
    area: Area::Org,
    severity: Severity::High,
    needs: Needs::Org,
    summary: "An SCP that `[lint.required_scps]` requires is not in effect",
    docs: Docs {
        what: "`[lint.required_scps]` in ou-layout.toml maps an OU path to SCP names that must be in effect — attached there or inherited from above — on that OU and every OU and account below it (`\"/\"` means the whole organization). The rule reports the highest target where one is missing, and a required path that does not exist. The management account is skipped: SCPs do not apply to it.",
        why: "Guardrails are attached by hand, OU by OU. A new OU, a moved account or a reshuffled tree quietly escapes the region restriction or the deny-all of suspended accounts; this rule makes the intent checkable.",
        example: "```toml\n[lint.required_scps]\n\"Suspended\" = [\"deny-all\"]\n\"Foundational\" = [\"region-restriction\"]\n```\nwith an OU `Foundational/Sandbox` moved to the root.",
        fix: "Attach the SCP to the target (or to an OU above it), or move the target back under the OU that carries it.",
    },
    check,
};

fn in_scope(path: &str, required: &str) -> bool {
    required == "/" || path == required || path.starts_with(&format!("{required}/"))
}

/// The names of the SCPs in effect on a target (attached along its chain).
fn in_effect<'a>(org: &'a OrgView, chain: &[&str]) -> BTreeSet<&'a str> {
    chain
        .iter()
        .flat_map(|t| org.index.policies_on(t))
        .map(|p| p.name.as_str())
        .collect()
}

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    let management = org.snapshot.organization.management_account_id.as_str();
    for required in &ctx.config.required {
        let targets: Vec<&str> = org
            .targets()
            .filter(|t| *t != management)
            .filter(|t| {
                // An OU's own path is its ou_path; an account's is its OU's.
                let path = match org.ou_path(t) {
                    Some(p) => p,
                    None => return false,
                };
                if OrgView::is_root(t) {
                    required.ou_path == "/"
                } else {
                    in_scope(&path, &required.ou_path)
                }
            })
            .collect();
        if targets.is_empty() && required.ou_path != "/" {
            out.report(
                required
                    .location
                    .as_ref()
                    .map(subject_at)
                    .unwrap_or_default(),
                format!(
                    "[lint.required_scps] names OU `{}`, which does not exist",
                    required.ou_path
                ),
                "fix the path, or remove the entry",
            );
            continue;
        }
        for target in targets {
            let Some(chain) = org.chain(target) else {
                continue;
            };
            let have = in_effect(org, &chain);
            let parent_have = (chain.len() >= 2).then(|| in_effect(org, &chain[..chain.len() - 1]));
            let parent_in_scope = chain.len() >= 2 && {
                let parent = chain[chain.len() - 2];
                parent != target
                    && !(OrgView::is_root(parent) && required.ou_path != "/")
                    && org
                        .ou_path(parent)
                        .is_some_and(|p| in_scope(&p, &required.ou_path))
            };
            for scp in &required.scps {
                if have.contains(scp.as_str()) {
                    continue;
                }
                // Reported once, at the highest target that lacks it.
                if parent_in_scope
                    && parent_have
                        .as_ref()
                        .is_some_and(|p| !p.contains(scp.as_str()))
                {
                    continue;
                }
                out.report(
                    org.target_subject(target),
                    format!(
                        "{} does not have SCP `{scp}` in effect, which [lint.required_scps] requires under `{}`",
                        org.label(target),
                        required.ou_path
                    ),
                    format!("attach `{scp}` to it or to an OU above it"),
                );
            }
        }
    }
}

fn subject_at(loc: &crate::diagnostics::Location) -> Subject {
    Subject {
        file: Some(loc.file.clone()),
        line: Some(loc.line),
        column: Some(loc.column),
        ..Subject::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    const DENY: &str =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#;

    #[test]
    fn inherited_guardrails_pass() {
        let toml = layout_toml(
            "[[ou]]\npath = \"Workloads/Team\"\n\n[lint.required_scps]\n\"Workloads\" = [\"FullAWSAccess\"]\n\"/\" = [\"FullAWSAccess\"]\n",
        );
        assert!(run_desired(&RULE, &toml, &[]).is_empty());
    }

    #[test]
    fn reports_the_highest_target_missing_it() {
        let toml = layout_toml(
            "[[ou]]\npath = \"Suspended\"\nscps = [\"FullAWSAccess\"]\n[[ou]]\npath = \"Suspended/Old\"\n[[account]]\nid = \"444444444444\"\nname = \"old\"\nou = \"Suspended/Old\"\n\n[lint.required_scps]\n\"Suspended\" = [\"deny-all\"]\n\"Nowhere\" = [\"deny-all\"]\n",
        );
        let found = run_desired(&RULE, &toml, &[("deny-all", DENY)]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|f| {
            f.message
                .starts_with("OU `Suspended` does not have SCP `deny-all` in effect")
        }));
        let missing = found
            .iter()
            .find(|f| f.message.contains("`Nowhere`, which does not exist"));
        assert_eq!(
            missing.and_then(|f| f.subject.file.as_deref()),
            Some("ou-layout.toml")
        );
    }
}
