use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::resource;
use crate::diagnostics::Severity;
use crate::policy::pattern::has_wildcard;

const PROVIDER: &str = "token.actions.githubusercontent.com";
const SUB: &str = "token.actions.githubusercontent.com:sub";

pub const RULE: Rule = Rule {
    code: "IAM003",
    name: "github-oidc-without-sub",
    area: Area::Iam,
    severity: Severity::Critical,
    needs: Needs::Live,
    summary: "A GitHub Actions OIDC trust does not pin the repository",
    docs: Docs {
        what: "Reports a role that trusts the GitHub Actions OIDC provider (`token.actions.githubusercontent.com`) in a statement without a condition on `token.actions.githubusercontent.com:sub`, or whose `sub` values use a wildcard across repositories (`*`, `repo:my-org/*`).",
        why: "The `aud` claim is the same for every GitHub workflow. Without a `sub` condition, a workflow in any repository on GitHub — anyone's — can assume the role.",
        example: "```json\n{\"Effect\": \"Allow\",\n \"Principal\": {\"Federated\": \"arn:aws:iam::444444444444:oidc-provider/token.actions.githubusercontent.com\"},\n \"Action\": \"sts:AssumeRoleWithWebIdentity\",\n \"Condition\": {\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}}}\n```",
        fix: "Add `\"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:my-org/my-repo:ref:refs/heads/main\"}` (or `repo:my-org/my-repo:environment:production`).",
    },
    check,
};

/// A `sub` pattern that lets more than one repository in.
fn spans_repositories(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("repo:") else {
        return has_wildcard(value);
    };
    let repo = rest.split(':').next().unwrap_or(rest);
    has_wildcard(repo) || !repo.contains('/')
}

fn check(ctx: &Context, out: &mut Out) {
    for policies in ctx.member_policies() {
        let member = policies.member;
        for (role, trust) in policies.roles() {
            for s in &trust.statements {
                let github = s
                    .principal
                    .as_ref()
                    .is_some_and(|p| p.federated.iter().any(|f| f.ends_with(PROVIDER)));
                if !s.allow || !github {
                    continue;
                }
                let subs = s.condition_on(SUB);
                let problem = if subs.is_empty() {
                    Some("has no condition on token.actions.githubusercontent.com:sub, so any repository on GitHub can assume it".to_string())
                } else {
                    subs.iter()
                        .flat_map(|(_, values)| values.iter())
                        .find(|v| spans_repositories(v))
                        .map(|v| {
                            format!("accepts sub `{v}`, which matches more than one repository")
                        })
                };
                if let Some(problem) = problem {
                    out.report(
                        resource(&role.arn, &member.account_id, None),
                        format!("role {} trusts GitHub Actions but {problem}", role.name),
                        "add a StringLike condition on token.actions.githubusercontent.com:sub naming one repository, such as repo:my-org/my-repo:ref:refs/heads/main",
                    );
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    fn trust(condition: &str) -> String {
        format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"Federated":"arn:aws:iam::{PROD}:oidc-provider/token.actions.githubusercontent.com"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}{condition}}}}}]}}"#
        )
    }

    #[test]
    fn fires_without_sub_or_with_cross_repo_wildcards() {
        let mut snap = org();
        let mut m = member(PROD);
        m.roles.push(role(PROD, "no-sub", &trust(""), &[]));
        m.roles.push(role(
            PROD,
            "org-wide",
            &trust(r#","StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/*"}"#),
            &[],
        ));
        m.roles.push(role(PROD, "pinned", &trust(r#","StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/app:ref:refs/heads/*"}"#), &[]));
        snap.member_accounts.push(m);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].message.contains("role no-sub") && found[0].message.contains("any repository")
        );
        assert!(found[1].message.contains("`repo:acme/*`"));
    }
}
