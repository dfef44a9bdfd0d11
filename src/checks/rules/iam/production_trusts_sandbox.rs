use std::collections::BTreeSet;

use crate::checks::config::is_under;
use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::{account_root, arn_account, resource};
use crate::diagnostics::Severity;
use crate::privilege::{self, Privilege};

pub const RULE: Rule = Rule {
    code: "IAM006",
    name: "production-trusts-sandbox",
    area: Area::Iam,
    severity: Severity::High,
    needs: Needs::Live,
    summary: "A production role trusts a principal in a sandbox or SDLC account",
    docs: Docs {
        what: "Reports a role in a production account whose trust policy allows a principal — the account root, or a named role or user — of a sandbox or SDLC account. Which accounts are which comes from their OU: `production_ous` and `sandbox_ous` in `[lint]` list OU paths, each with everything under it (defaults: `Foundational/Workloads/Production` and `Foundational/Workloads/SDLC`, as in the example layout). The message says when the role is also administrator-equivalent (see IAM004 for what counts).",
        why: "Sandbox and SDLC accounts are where people experiment, run unreviewed code and hold broad rights. A production role they can assume turns any compromise or mistake there into one in production: the bastion pattern behind real incidents.",
        example: "Role `ops-bridge` in `payments-prod` (OU Foundational/Workloads/Production) trusting `arn:aws:iam::777777777777:role/dev-admin`, where 777777777777 is in Foundational/Workloads/SDLC.",
        fix: "Deploy to production from a pipeline account, not from a sandbox; remove the sandbox principal from the trust policy. If an account is filed under the wrong OU, move it, or adjust `production_ous`/`sandbox_ous`.",
    },
    check,
};

/// Whether an account's OU is under `production_ous`, and under
/// `sandbox_ous`.
#[derive(Clone, Copy)]
struct Class {
    production: bool,
    sandbox: bool,
}

fn check(ctx: &Context, out: &mut Out) {
    let Some(org) = ctx.org.as_ref() else { return };
    let classify = |path: &str| Class {
        production: is_under(path, &ctx.config.production_ous),
        sandbox: is_under(path, &ctx.config.sandbox_ous),
    };
    // Accounts share their OU's path, so it is worked out once per OU:
    // a large organization has 10,000 accounts in 2,000 OUs.
    let mut by_parent: foldhash::HashMap<&str, Class> = Default::default();
    let mut class_of = |id: &str| match org.index.account(id) {
        Some(account) => *by_parent
            .entry(account.parent_id.as_str())
            .or_insert_with(|| classify(&org.ou_path(id).unwrap_or_default())),
        None => classify(""),
    };
    for policies in ctx.member_policies() {
        let member = policies.member;
        if !class_of(&member.account_id).production {
            continue;
        }
        for (role, trust) in policies.roles() {
            let mut trusted = BTreeSet::new();
            for s in trust.statements.iter().filter(|s| s.allow) {
                let Some(p) = &s.principal else { continue };
                for principal in &p.aws {
                    let account = account_root(principal).or_else(|| arn_account(principal));
                    if let Some(id) = account
                        && id != member.account_id
                        && class_of(id).sandbox
                    {
                        trusted.insert((id.to_string(), principal.clone()));
                    }
                }
            }
            if trusted.is_empty() {
                continue;
            }
            let admin = match privilege::of_role(member, role) {
                Privilege::Admin(grant) => format!("; the role {}", grant.describe()),
                _ => String::new(),
            };
            for (id, principal) in trusted {
                out.report(
                    resource(&role.arn, &member.account_id, None),
                    format!(
                        "role {} in production {} trusts {principal} of sandbox {}{admin}",
                        role.name,
                        org.label(&member.account_id),
                        org.label(&id),
                    ),
                    "remove the sandbox principal from the trust policy; deploy to production from a pipeline account",
                );
                out.detail(principal);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::LintConfig;
    use crate::checks::testing::*;

    fn trust(who: &str) -> String {
        format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{who}"}},"Action":"sts:AssumeRole"}}]}}"#
        )
    }

    #[test]
    fn fires_for_production_roles_trusting_sandbox_principals_by_ou_setting() {
        let mut snap = org();
        let mut m = member(PROD);
        m.roles.push(role(
            PROD,
            "bridge",
            &trust(&format!("arn:aws:iam::{SANDBOX}:role/dev-admin")),
            &["arn:aws:iam::aws:policy/AdministratorAccess"],
        ));
        m.roles.push(role(
            PROD,
            "self",
            &trust(&format!("arn:aws:iam::{PROD}:root")),
            &[],
        ));
        snap.member_accounts.push(m);
        // By default no OU of the test organization is production.
        assert!(run_live(&RULE, &snap, &LintConfig::defaults()).is_empty());
        // The test organization keeps prod and sandbox in one OU.
        let config = LintConfig {
            production_ous: vec!["Workloads".into()],
            sandbox_ous: vec!["Workloads".into()],
            ..LintConfig::defaults()
        };
        let found = run_live(&RULE, &snap, &config);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            format!(
                "role bridge in production account {PROD} (prod) trusts arn:aws:iam::{SANDBOX}:role/dev-admin of sandbox account {SANDBOX} (sandbox); the role allows * on * through AdministratorAccess"
            )
        );
    }

    #[test]
    fn ou_settings_include_descendants_only_at_path_boundaries() {
        let ous = vec!["Workloads/Prod".to_string()];
        assert!(is_under("Workloads/Prod", &ous));
        assert!(is_under("Workloads/Prod/Payments", &ous));
        assert!(!is_under("Workloads/Production", &ous));
    }
}
