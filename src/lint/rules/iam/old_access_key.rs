use crate::findings::Severity;
use crate::lint::context::Context;
use crate::lint::date_of;
use crate::lint::registry::{Area, Docs, Needs, Out, Rule};
use crate::lint::rules::{members, resource};

pub const RULE: Rule = Rule {
    code: "IAM005",
    name: "old-access-key",
    area: Area::Iam,
    severity: Severity::Medium,
    needs: Needs::Live,
    summary: "An IAM user has an active access key older than allowed",
    docs: Docs {
        what: "Reports active access keys created more than `max_access_key_age_days` (in `[lint]`, default 90) before the snapshot was taken. Age is measured from the snapshot's `captured_at`, so the same snapshot always gives the same result.",
        why: "Long-lived keys end up in laptops, CI logs and old images. The older the key, the more places it has leaked to, and the harder it is to rotate without breaking something.",
        example: "User `legacy-batch` with key AKIA… created in 2019, still active.",
        fix: "Move the workload to a role (instance profile, IRSA, OIDC federation). If a key is unavoidable, rotate it: create a second key, switch, deactivate and delete the old one.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let max = i64::from(ctx.config.max_access_key_age_days);
    for member in members(ctx.live) {
        for user in &member.users {
            for key in user
                .access_keys
                .iter()
                .filter(|k| k.status.eq_ignore_ascii_case("Active"))
            {
                let Some(created) = key.created_at.as_deref().and_then(date_of) else {
                    continue;
                };
                let age = (ctx.today - created).whole_days();
                if age > max {
                    out.report(
                        resource(&user.arn, &member.account_id, None),
                        format!(
                            "user {} has had active access key {} for {age} days (more than {max})",
                            user.name, key.id
                        ),
                        "move the workload to a role, or rotate the key",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::*;
    use crate::model::{AccessKey, IamUser};

    fn key(id: &str, status: &str, created: &str) -> AccessKey {
        AccessKey {
            id: id.into(),
            status: status.into(),
            created_at: Some(created.into()),
            last_used_at: None,
            last_used_service: None,
        }
    }

    #[test]
    fn fires_for_old_active_keys_relative_to_the_capture_date() {
        let mut snap = org();
        let mut m = member(PROD);
        m.users.push(IamUser {
            arn: format!("arn:aws:iam::{PROD}:user/batch"),
            name: "batch".into(),
            user_id: "AIDA1".into(),
            created_at: None,
            console_access: false,
            password_last_used_at: None,
            attached_policies: vec![],
            access_keys: vec![
                key("AKIAOLD", "Active", "2026-08-01T00:00:00Z"),
                key("AKIANEW", "Active", "2026-09-01T00:00:00Z"),
                key("AKIAOFF", "Inactive", "2019-01-01T00:00:00Z"),
            ],
        });
        snap.member_accounts.push(m);
        let found = run_live(&RULE, &snap, &crate::lint::LintConfig::defaults());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "user batch has had active access key AKIAOLD for 112 days (more than 90)"
        );
        let strict = crate::lint::LintConfig {
            max_access_key_age_days: 30,
            ..crate::lint::LintConfig::defaults()
        };
        assert_eq!(run_live(&RULE, &snap, &strict).len(), 2);
    }
}
