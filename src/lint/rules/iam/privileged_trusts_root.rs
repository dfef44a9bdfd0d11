use super::PRIVILEGED_POLICIES;
use crate::findings::Severity;
use crate::lint::context::Context;
use crate::lint::registry::{Area, Docs, Needs, Out, Rule};
use crate::lint::rules::{account_root, members, resource};

pub const RULE: Rule = Rule {
    code: "IAM004",
    name: "privileged-role-trusts-account-root",
    area: Area::Iam,
    severity: Severity::High,
    needs: Needs::Live,
    summary: "An administrator role trusts the whole of another account",
    docs: Docs {
        what: "Reports a role with an administrator-like AWS managed policy (AdministratorAccess, PowerUserAccess, IAMFullAccess, AWSOrganizationsFullAccess) whose trust policy allows the root of another account (`arn:aws:iam::ID:root`) without narrowing it with `aws:PrincipalArn`. The management account's root is left out: that is how AWS sets up OrganizationAccountAccessRole.",
        why: "Trusting an account root lets every principal in that account that holds sts:AssumeRole become your administrator. This is the bastion pattern that let a sandbox account — where everyone is an administrator — switch into production.",
        example: "A role `sandbox-operator` with AdministratorAccess in a production account, trusting `arn:aws:iam::777777777777:root` (the sandbox).",
        fix: "Trust the specific role that needs access (`arn:aws:iam::ID:role/deployer`), or add a condition on `aws:PrincipalArn`, and require MFA for people.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(live) = ctx.live else { return };
    let management = live.organization.management_account_id.as_str();
    for member in members(ctx.live) {
        for role in &member.roles {
            let privileged: Vec<&str> = role
                .attached_policies
                .iter()
                .filter(|p| PRIVILEGED_POLICIES.contains(&p.as_str()))
                .map(|p| p.rsplit('/').next().unwrap_or(p))
                .collect();
            if privileged.is_empty() {
                continue;
            }
            let mut trusted = std::collections::BTreeSet::new();
            for s in &ctx.live_doc(&role.arn).statements {
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
                        privileged.join(", ")
                    ),
                    format!("trust a specific role in {id} instead of its root, or add a condition on aws:PrincipalArn"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::*;

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
        let found = run_live(&RULE, &snap, &crate::lint::LintConfig::defaults());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            format!(
                "role bastion (AdministratorAccess) trusts every principal of account {SANDBOX} (sandbox)"
            )
        );
    }
}
