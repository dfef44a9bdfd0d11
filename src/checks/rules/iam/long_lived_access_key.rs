use std::fmt::{self, Write as _};

use crate::checks::context::Context;
use crate::checks::date_of;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::checks::rules::{members, resource};
use crate::diagnostics::Severity;
use crate::org::{AccessKey, IamUser};

pub const RULE: Rule = Rule {
    code: "IAM005",
    name: "long-lived-access-key",
    area: Area::Iam,
    severity: Severity::High,
    needs: Needs::Live,
    summary: "An IAM user has an active access key",
    docs: Docs {
        what: "Reports every active access key of an IAM user, at any age, with a severity that says how urgent it is: **high** when the user also has a console password and no MFA device; **medium** when the key was created more than `max_access_key_age_days` ago (in `[lint]`, default 90), or was last used — or, never used, created — more than `max_access_key_unused_days` ago (default 90); **low** otherwise. Ages are measured from the snapshot's `captured_at`, so the same snapshot always gives the same result. A severity override in `[lint]` sets every IAM005 finding to that level.",
        why: "A long-lived key works from anywhere until someone deletes it. Keys end up in laptops, CI logs and old images; the older the key the more places it has leaked to, a key nobody uses is pure risk, and a user who also signs in to the console without MFA is one phished password away from both.",
        example: "User `legacy-batch` with key AKIA… created in 2019, still active and last used eight months ago.",
        fix: "Move the workload to a role (instance profile, IRSA, OIDC federation) and delete the key. Delete keys nobody uses. If a key is unavoidable, rotate it — create a second key, switch, deactivate and delete the old one — and give users who sign in an MFA device.",
    },
    check,
};

/// "1 day", "90 days".
struct Days(i64);

impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 day"),
            n => write!(f, "{n} days"),
        }
    }
}

/// How urgent one key is, and the finding's message, which says why.
/// Written into one string: a large organization has a finding for each
/// of 10,000 keys.
fn grade(ctx: &Context, user: &IamUser, key: &AccessKey) -> (Severity, String) {
    let age = key
        .created_at
        .as_deref()
        .and_then(date_of)
        .map(|d| (ctx.today - d).whole_days());
    let idle = key
        .last_used_at
        .as_deref()
        .and_then(date_of)
        .map(|d| (ctx.today - d).whole_days());
    let max_age = i64::from(ctx.config.max_access_key_age_days);
    let max_idle = i64::from(ctx.config.max_access_key_unused_days);
    let mut message = format!("user {} has active access key {} (", user.name, key.id);
    let opening = message.len();
    let mut add = |part: fmt::Arguments| {
        if message.len() > opening {
            message.push_str(", ");
        }
        // Writing into a String cannot fail.
        let _ = message.write_fmt(part);
    };
    let mut severity = Severity::Low;
    if let Some(age) = age {
        add(format_args!("created {} ago", Days(age)));
        if age > max_age {
            severity = Severity::Medium;
            add(format_args!("older than {}", Days(max_age)));
        }
    }
    match (idle, age) {
        (Some(idle), _) if idle > max_idle => {
            severity = Severity::Medium;
            add(format_args!(
                "unused for {} (more than {max_idle})",
                Days(idle)
            ));
        }
        (Some(idle), _) => add(format_args!("last used {} ago", Days(idle))),
        (None, Some(age)) if age > max_idle => {
            severity = Severity::Medium;
            add(format_args!("never used in more than {}", Days(max_idle)));
        }
        (None, _) => add(format_args!("never used")),
    }
    if user.console_access && user.mfa == Some(false) {
        severity = Severity::High;
        add(format_args!(
            "the user also signs in to the console without MFA"
        ));
    }
    message.push(')');
    (severity, message)
}

fn check(ctx: &Context, out: &mut Out) {
    for member in members(ctx.live) {
        for user in &member.users {
            for key in user
                .access_keys
                .iter()
                .filter(|k| k.status.eq_ignore_ascii_case("Active"))
            {
                let (severity, message) = grade(ctx, user, key);
                out.report_as(
                    severity,
                    resource(&user.arn, &member.account_id, None),
                    message,
                    "move the workload to a role and delete the key, or rotate it",
                );
                out.detail(&key.id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::org::{AccessKey, IamUser};

    fn key(id: &str, status: &str, created: &str, used: Option<&str>) -> AccessKey {
        AccessKey {
            id: id.into(),
            status: status.into(),
            created_at: Some(created.into()),
            last_used_at: used.map(str::to_string),
            last_used_service: None,
        }
    }

    fn user(name: &str, console: bool, mfa: Option<bool>, keys: Vec<AccessKey>) -> IamUser {
        IamUser {
            arn: format!("arn:aws:iam::{PROD}:user/{name}"),
            name: name.into(),
            user_id: format!("AIDA{name}"),
            created_at: None,
            console_access: console,
            password_last_used_at: None,
            mfa,
            attached_policies: vec![],
            inline_documents: Default::default(),
            groups: vec![],
            access_keys: keys,
        }
    }

    fn found(users: Vec<IamUser>, config: &crate::checks::LintConfig) -> Vec<(Severity, String)> {
        let mut snap = org();
        let mut m = member(PROD);
        m.users = users;
        snap.member_accounts.push(m);
        run_live(&RULE, &snap, config)
            .into_iter()
            .map(|f| (f.severity, f.message))
            .collect()
    }

    #[test]
    fn every_active_key_is_reported_with_severity_by_age_use_and_console_mfa() {
        // The snapshot is taken 2026-11-21.
        let users = vec![
            user(
                "batch",
                false,
                None,
                vec![
                    key(
                        "AKIAOLD",
                        "Active",
                        "2026-08-01T00:00:00Z",
                        Some("2026-11-20T00:00:00Z"),
                    ),
                    key("AKIANEW", "Active", "2026-11-20T00:00:00Z", None),
                    key(
                        "AKIAIDLE",
                        "Active",
                        "2026-10-01T00:00:00Z",
                        Some("2026-01-01T00:00:00Z"),
                    ),
                    key("AKIAOFF", "Inactive", "2019-01-01T00:00:00Z", None),
                ],
            ),
            user(
                "ops",
                true,
                Some(false),
                vec![key("AKIAOPS", "Active", "2026-11-01T00:00:00Z", None)],
            ),
            user(
                "safe",
                true,
                Some(true),
                vec![key("AKIASAFE", "Active", "2026-11-01T00:00:00Z", None)],
            ),
        ];
        let defaults = crate::checks::LintConfig::defaults();
        assert_eq!(
            found(users.clone(), &defaults),
            [
                (Severity::Medium, "user batch has active access key AKIAOLD (created 112 days ago, older than 90 days, last used 1 day ago)".to_string()),
                (Severity::Low, "user batch has active access key AKIANEW (created 1 day ago, never used)".to_string()),
                (Severity::Medium, "user batch has active access key AKIAIDLE (created 51 days ago, unused for 324 days (more than 90))".to_string()),
                (Severity::High, "user ops has active access key AKIAOPS (created 20 days ago, never used, the user also signs in to the console without MFA)".to_string()),
                (Severity::Low, "user safe has active access key AKIASAFE (created 20 days ago, never used)".to_string()),
            ]
        );
        let strict = crate::checks::LintConfig {
            max_access_key_age_days: 30,
            max_access_key_unused_days: 10,
            ..crate::checks::LintConfig::defaults()
        };
        let severities: Vec<Severity> = found(users, &strict).into_iter().map(|(s, _)| s).collect();
        assert_eq!(
            severities,
            [
                Severity::Medium,
                Severity::Low,
                Severity::Medium,
                Severity::High,
                Severity::Medium
            ]
        );
    }
}
