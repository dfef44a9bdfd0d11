use super::{admins, gone, key_name};
use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::resource;
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "KMS003",
    name: "key-administrator-deleted",
    area: Area::Kms,
    severity: Severity::Critical,
    needs: Needs::Live,
    summary: "A KMS key's administrator no longer exists",
    docs: Docs {
        what: "For each principal allowed `kms:PutKeyPolicy`, reports a unique id (such as `AROA…`) where an ARN should be — IAM's mark of a deleted principal — or a role ARN of the key's own account that the snapshot does not find among the account's roles. When no administrator is left (and the root is not trusted), the key is unmanageable.",
        why: "Recreating a role with the same name does not restore access: the policy names the old role's unique id. If it was the only administrator, only AWS Support can recover the key.",
        example: "```json\n{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"AROA4444EXAMPLEDELETED\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}\n```",
        fix: "If another administrator or the account root is still trusted, rewrite the key policy to drop the dead principal. Otherwise open a case with AWS Support.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    for policies in ctx.member_policies() {
        let member = policies.member;
        for (key, policy) in policies.keys() {
            let admins = admins(policy);
            let dead: Vec<String> = admins
                .named
                .iter()
                .filter_map(|p| gone(p, member))
                .collect();
            if dead.is_empty() {
                continue;
            }
            let left = admins.everyone || admins.root || admins.named.len() > dead.len();
            let consequence = if left {
                "other administrators remain".to_string()
            } else {
                "no administrator is left: the key is unmanageable".to_string()
            };
            out.report(
                resource(&key.arn, &member.account_id, Some(&key.region)),
                format!("the administrator of {} is gone: {}; {consequence}", key_name(key), dead.join("; ")),
                if left {
                    "rewrite the key policy without the dead principal"
                } else {
                    "contact AWS Support to regain control of the key, then grant kms:* to the account root"
                },
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
    fn fires_for_unique_ids_and_missing_roles() {
        let mut snap = org();
        let mut m = member(PROD);
        m.roles.push(role(PROD, "alive", "{}", &[]));
        m.kms_keys
            .push(key(PROD, "k1", &admin("AROA4444EXAMPLEDELETED", "kms:*")));
        m.kms_keys.push(key(
            PROD,
            "k2",
            &admin(&format!("arn:aws:iam::{PROD}:role/ghost"), "kms:*"),
        ));
        m.kms_keys.push(key(
            PROD,
            "k3",
            &admin(&format!("arn:aws:iam::{PROD}:role/alive"), "kms:*"),
        ));
        m.kms_keys.push(key(
            PROD,
            "k4",
            &format!("{},{}", admin("AROAOLD", "kms:*"), admin(PROD, "kms:*")),
        ));
        snap.member_accounts.push(m);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0]
                .message
                .contains("`AROA4444EXAMPLEDELETED` is a unique id")
                && found[0].message.ends_with("the key is unmanageable")
        );
        assert!(found[1].message.contains("role/ghost` no longer exists"));
        assert!(found[2].message.ends_with("other administrators remain"));
    }
}
