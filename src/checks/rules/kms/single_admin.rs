use super::{admins, gone, key_name};
use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::resource;
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "KMS001",
    name: "single-key-administrator",
    area: Area::Kms,
    severity: Severity::High,
    needs: Needs::Live,
    summary: "Only one principal can administer a KMS key, and the account root is not trusted",
    docs: Docs {
        what: "Reads each key policy for the principals allowed `kms:PutKeyPolicy` (through `kms:*`, `kms:Put*`, `*` or the action itself). Reports a key where exactly one named principal can, and the policy does not grant the account root (`arn:aws:iam::ACCOUNT:root`).",
        why: "Delete or rename that one role and nobody — not even the account's root user — can change the key policy again; only AWS Support can help. IAM replaces a deleted role's ARN in the policy with its unique id, and recreating a role with the same name does not restore access.",
        example: "```json\n{\"Sid\": \"KeyAdministration\", \"Effect\": \"Allow\",\n \"Principal\": {\"AWS\": \"arn:aws:iam::444444444444:role/payments-platform-admin\"},\n \"Action\": [\"kms:Put*\", \"kms:Create*\", \"kms:Delete*\"], \"Resource\": \"*\"}\n```",
        fix: "Add the default statement that grants `kms:*` to `arn:aws:iam::ACCOUNT:root` (IAM policies then decide who administers the key), or name at least a second administrator such as the break-glass role.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    for policies in ctx.member_policies() {
        let member = policies.member;
        for (key, policy) in policies.keys() {
            let admins = admins(policy);
            if admins.everyone || admins.root || admins.named.len() != 1 {
                continue;
            }
            let Some(admin) = admins.named.first() else {
                continue;
            };
            if gone(admin, member).is_some() {
                continue; // KMS003 reports the worse state.
            }
            out.report(
                resource(&key.arn, &member.account_id, Some(&key.region)),
                format!("{} can be administered only by {admin}: one deleted role away from an unmanageable key", key_name(key)),
                format!("grant kms:* to arn:aws:iam::{}:root in the key policy, or add a second administrator", member.account_id),
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
    fn fires_for_one_admin_without_root() {
        let mut snap = org();
        let mut m = member(PROD);
        m.roles.push(role(PROD, "key-admin", "{}", &[]));
        let only = admin(&format!("arn:aws:iam::{PROD}:role/key-admin"), "kms:Put*");
        m.kms_keys.push(key(PROD, "k1", &only));
        m.kms_keys.push(key(
            PROD,
            "k2",
            &format!(
                "{only},{}",
                admin(&format!("arn:aws:iam::{PROD}:root"), "kms:*")
            ),
        ));
        m.kms_keys.push(key(
            PROD,
            "k3",
            &format!(
                "{only},{}",
                admin(&format!("arn:aws:iam::{PROD}:role/BreakGlass"), "kms:*")
            ),
        ));
        m.kms_keys.push(key(
            PROD,
            "k4",
            &admin(
                &format!("arn:aws:iam::{PROD}:role/key-admin"),
                "kms:Encrypt",
            ),
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
        assert!(
            found[0]
                .message
                .contains("only by arn:aws:iam::222222222222:role/key-admin")
        );
    }
}
