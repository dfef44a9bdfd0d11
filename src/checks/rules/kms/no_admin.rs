use super::{admins, key_name};
use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::resource;
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "KMS002",
    name: "key-without-administrator",
    area: Area::Kms,
    severity: Severity::Critical,
    needs: Needs::Live,
    summary: "No principal can administer a KMS key",
    docs: Docs {
        what: "Reports a key whose policy allows `kms:PutKeyPolicy` to nobody: no account root, no role, no user.",
        why: "Nobody can change the key policy, grant access or schedule the key for deletion. The key (and the data it encrypts) is stuck as it is until AWS Support intervenes.",
        example: "```json\n{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444444444444:role/app\"},\n \"Action\": [\"kms:Encrypt\", \"kms:Decrypt\"], \"Resource\": \"*\"}\n```\nas the only statement.",
        fix: "Open a case with AWS Support to regain control, then add the default statement granting `kms:*` to the account root.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    for policies in ctx.member_policies() {
        let member = policies.member;
        for (key, policy) in policies.keys() {
            let admins = admins(policy);
            if admins.everyone || admins.root || !admins.named.is_empty() {
                continue;
            }
            out.report(
                resource(&key.arn, &member.account_id, Some(&key.region)),
                format!("nobody can administer {}: no principal is allowed kms:PutKeyPolicy", key_name(key)),
                "contact AWS Support to regain control, then grant kms:* to the account root in the key policy",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{admin, key};
    use super::*;
    use crate::checks::testing::*;

    #[test]
    fn fires_when_nobody_can_put_the_policy() {
        let mut snap = org();
        let mut m = member(PROD);
        m.kms_keys.push(key(
            PROD,
            "k1",
            &admin(&format!("arn:aws:iam::{PROD}:role/app"), "kms:Decrypt"),
        ));
        m.kms_keys.push(key(PROD, "k2", &admin(PROD, "kms:*")));
        m.kms_keys.push(key(
            PROD,
            "k3",
            &admin(&format!("arn:aws:iam::{PROD}:role/x"), "kms:PutKeyPolicy"),
        ));
        snap.member_accounts.push(m);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .subject
                .resource
                .as_deref()
                .is_some_and(|r| r.ends_with("key/k1"))
        );
    }
}
