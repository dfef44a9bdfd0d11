use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::{Severity, Subject};
use crate::org::{AccountStatus, ContactState};

pub const RULE: Rule = Rule {
    code: "ORG008",
    name: "no-security-contact",
    area: Area::Org,
    severity: Severity::Medium,
    needs: Needs::Live,
    summary: "An account has no SECURITY alternate contact",
    docs: Docs {
        what: "Reports active accounts whose SECURITY alternate contact (Account API, GetAlternateContact) is not set. Accounts whose contacts could not be read are not reported here: ORG007 reports the failed read.",
        why: "AWS sends security and abuse notices (a leaked access key, an instance sending spam, a compromised account) to the account's root email address unless a SECURITY alternate contact is set. Root addresses of member accounts are often aliases nobody reads, so the notice reaches nobody and AWS may suspend the account.",
        example: "Account 444444444444 (payments-prod) has a BILLING contact but no SECURITY contact: AWS writes to aws-payments-prod@example.com.",
        fix: "Set a SECURITY alternate contact that reaches the security team, on every account: `aws account put-alternate-contact --account-id ID --alternate-contact-type SECURITY --email-address security@example.com --name \"Security team\" --phone-number ... --title ...` from the management account (trusted access for account.amazonaws.com must be enabled), then take the snapshot again.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(live) = ctx.live else { return };
    let Some(settings) = &live.org_settings else {
        return;
    };
    for account in live
        .accounts
        .iter()
        .filter(|a| a.status == AccountStatus::Active)
    {
        if settings.contact(&account.id, "SECURITY") != ContactState::NotSet {
            continue;
        }
        let arn = ctx.account_arn(&account.id);
        out.report(
            Subject {
                resource: Some(arn.unwrap_or_else(|| account.id.clone())),
                account_id: Some(account.id.clone()),
                ..Subject::default()
            },
            format!(
                "account {} ({}) has no SECURITY alternate contact: AWS sends its security notices to {}",
                account.id,
                account.name,
                if account.email.is_empty() {
                    "the root email address"
                } else {
                    account.email.as_str()
                }
            ),
            "set a SECURITY alternate contact that reaches the security team (aws account put-alternate-contact)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::*;
    use crate::org::{AccountContacts, AlternateContact, OrgSettings};

    fn contacts(id: &str, security: bool, unread: bool) -> AccountContacts {
        let mut c = AccountContacts {
            account_id: id.into(),
            contacts: Default::default(),
            unread: vec![],
        };
        if security {
            c.contacts.insert(
                "SECURITY".into(),
                AlternateContact {
                    name: "Security".into(),
                    title: String::new(),
                    email: "security@example.com".into(),
                    phone: String::new(),
                },
            );
        }
        if unread {
            c.unread.push("SECURITY".into());
        }
        c
    }

    #[test]
    fn fires_for_accounts_read_without_a_security_contact_only() {
        let mut snap = org();
        let config = crate::checks::LintConfig::defaults();
        // Not read at all: nothing to say.
        assert!(run_live(&RULE, &snap, &config).is_empty());
        snap.org_settings = Some(OrgSettings {
            trusted_services: None,
            delegated_administrators: None,
            alternate_contacts: vec![
                contacts(MGMT, true, false),
                contacts(PROD, false, false),
                // The read failed: unknown, not "not set".
                contacts(SANDBOX, false, true),
            ],
        });
        let found = run_live(&RULE, &snap, &config);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .starts_with(&format!("account {PROD} (prod) has no SECURITY")),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].subject.account_id.as_deref(), Some(PROD));
    }
}
