use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::{account_root, resource};
use crate::diagnostics::Severity;

pub const RULE: Rule = Rule {
    code: "IAM004",
    name: "privileged-role-trusts-account-root",
    area: Area::Iam,
    severity: Severity::High,
    needs: Needs::Live,
    summary: "An administrator role trusts the whole of another account",
    docs: Docs {
        what: "Reports an administrator-equivalent role whose trust policy allows the root of another account (`arn:aws:iam::ID:root`) without narrowing it with `aws:PrincipalArn`. The management account's root is left out: that is how AWS sets up OrganizationAccountAccessRole. A role is administrator-equivalent when its policies — attached AWS managed, attached customer managed (default version) and inline, read by `snapshot --deep` — evaluated together allow, on `*`, any of: `*` (tried also as `iam:PutRolePolicy`, `organizations:LeaveOrganization` and `account:PutAlternateContact`, so that a NotAction carving out those services, as PowerUserAccess does, does not count); `iam:CreatePolicyVersion`; `iam:SetDefaultPolicyVersion`; `iam:AttachUserPolicy`, `iam:AttachGroupPolicy` or `iam:AttachRolePolicy`; `iam:PutUserPolicy`, `iam:PutGroupPolicy` or `iam:PutRolePolicy`; `iam:AddUserToGroup`; `iam:CreateAccessKey`; `iam:CreateLoginProfile` or `iam:UpdateLoginProfile`; `iam:UpdateAssumeRolePolicy`; `sts:AssumeRole`; or `iam:PassRole` together with `ec2:RunInstances`, `lambda:CreateFunction` + `lambda:InvokeFunction`, `glue:CreateDevEndpoint`, `cloudformation:CreateStack` or `datapipeline:CreatePipeline`. The list follows Rhino Security Labs' \"AWS IAM Privilege Escalation – Methods and Mitigation\" (2018). The call is evaluated as the role itself with MFA over TLS, so grants conditioned on those count; grants on named resources only do not. AWS managed policies are judged by their documents for AdministratorAccess, PowerUserAccess and IAMFullAccess; other AWS managed policies are taken to grant none of these. A role whose policy documents the snapshot lacks (an older snapshot) is reported only if its readable policies already make it an administrator.",
        why: "Trusting an account root lets every principal in that account that holds sts:AssumeRole become your administrator. This is the bastion pattern that let a sandbox account — where everyone is an administrator — switch into production.",
        example: "A role `sandbox-operator` with AdministratorAccess in a production account, trusting `arn:aws:iam::777777777777:root` (the sandbox).",
        fix: "Trust the specific role that needs access (`arn:aws:iam::ID:role/deployer`), or add a condition on `aws:PrincipalArn`, and require MFA for people.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(live) = ctx.live else { return };
    let management = live.organization.management_account_id.as_str();
    for policies in ctx.member_policies() {
        let member = policies.member;
        for (role, trust) in policies.roles() {
            let mut trusted = std::collections::BTreeSet::new();
            for s in &trust.statements {
                if !s.allow || s.has_condition_key("aws:PrincipalArn") {
                    continue;
                }
                let Some(p) = &s.principal else { continue };
                trusted.extend(
                    p.aws
                        .iter()
                        .filter_map(|a| account_root(a))
                        .filter(|id| *id != member.account_id && *id != management)
                        .map(str::to_string),
                );
            }
            // The trust policy is read first: it rules out almost every
            // role, and evaluating a role's policies costs far more.
            if trusted.is_empty() {
                continue;
            }
            let crate::privilege::Privilege::Admin(grant) = crate::privilege::of_role(member, role)
            else {
                continue;
            };
            for id in trusted {
                let name = ctx
                    .org
                    .as_ref()
                    .and_then(|o| o.index.account(&id))
                    .map(|a| format!(" ({})", a.name))
                    .unwrap_or_default();
                out.report(
                    resource(&role.arn, &member.account_id, None),
                    format!(
                        "role {} ({}) trusts every principal of account {id}{name}",
                        role.name,
                        grant.describe()
                    ),
                    format!("trust a specific role in {id} instead of its root, or add a condition on aws:PrincipalArn"),
                );
                out.detail(id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;

    const ADMIN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";

    fn trust(who: &str, cond: &str) -> String {
        format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{who}"}},"Action":"sts:AssumeRole"{cond}}}]}}"#
        )
    }

    #[test]
    fn fires_for_admin_roles_trusting_another_account_root() {
        let mut snap = org();
        let mut m = member(PROD);
        m.roles.push(role(
            PROD,
            "bastion",
            &trust(&format!("arn:aws:iam::{SANDBOX}:root"), ""),
            &[ADMIN],
        ));
        m.roles.push(role(
            PROD,
            "reader",
            &trust(&format!("arn:aws:iam::{SANDBOX}:root"), ""),
            &["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        ));
        m.roles.push(role(
            PROD,
            "oaar",
            &trust(&format!("arn:aws:iam::{MGMT}:root"), ""),
            &[ADMIN],
        ));
        m.roles.push(role(PROD, "narrow", &trust(&format!("arn:aws:iam::{SANDBOX}:root"), r#","Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::333333333333:role/deployer"}}"#), &[ADMIN]));
        snap.member_accounts.push(m);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].subject.resource.as_deref(),
            Some(format!("arn:aws:iam::{PROD}:role/bastion").as_str())
        );
        assert_eq!(
            found[0].message,
            format!(
                "role bastion (allows * on * through AdministratorAccess) trusts every principal of account {SANDBOX} (sandbox)"
            )
        );
    }

    #[test]
    fn privilege_comes_from_inline_and_customer_managed_documents_not_names() {
        let mut snap = org();
        let mut m = member(PROD);
        let root = trust(&format!("arn:aws:iam::{SANDBOX}:root"), "");
        let mut inline = role(PROD, "inline-admin", &root, &[]);
        inline.inline_policies = vec!["all".into()];
        inline.inline_documents.insert(
            "all".into(),
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#.into(),
        );
        let mut reader = role(PROD, "inline-reader", &root, &[]);
        reader.inline_documents.insert(
            "read".into(),
            r#"{"Statement":[{"Effect":"Allow","Action":["s3:Get*","iam:Get*"],"Resource":"*"}]}"#
                .into(),
        );
        let escalate = format!("arn:aws:iam::{PROD}:policy/Escalate");
        m.managed_policies.push(crate::org::ManagedPolicy {
            arn: escalate.clone(),
            name: "Escalate".into(),
            default_version: "v2".into(),
            document: r#"{"Statement":[{"Effect":"Allow","Action":"iam:AttachRolePolicy","Resource":"*"}]}"#.into(),
        });
        m.roles.push(inline);
        m.roles.push(reader);
        m.roles.push(role(PROD, "cm-admin", &root, &[&escalate]));
        // Named like an administrator policy, but not one.
        m.roles.push(role(
            PROD,
            "named",
            &root,
            &[&format!("arn:aws:iam::{PROD}:policy/AdministratorAccess")],
        ));
        snap.member_accounts.push(m);
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                format!(
                    "role inline-admin (allows * on * through inline policy all) trusts every principal of account {SANDBOX} (sandbox)"
                ),
                format!(
                    "role cm-admin (can attach any policy to a role with iam:AttachRolePolicy through policy Escalate) trusts every principal of account {SANDBOX} (sandbox)"
                ),
            ]
        );
    }

    #[test]
    fn the_documentation_lists_every_escalation_path() {
        for path in crate::privilege::escalation::PATHS {
            for action in path.actions {
                assert!(
                    RULE.docs.what.contains(&format!("`{action}`")),
                    "IAM004's documentation does not name {action}"
                );
            }
        }
    }
}
