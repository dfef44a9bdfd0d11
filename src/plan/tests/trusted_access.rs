//! Trusted access and delegated administrators, planned over the small
//! organization of the parent module; every accepted plan converges.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::plan::model::UnmanagedKind;
use crate::plan::resources::trusted_access::DesiredTrustedAccess;

/// Live: GuardDuty and Config trusted; prod administers GuardDuty, dev
/// administers Config.
fn live_with_services() -> Snapshot {
    let mut l = live();
    l.org_settings = Some(OrgSettings {
        trusted_services: Some(vec![
            "config.amazonaws.com".into(),
            "guardduty.amazonaws.com".into(),
        ]),
        delegated_administrators: Some(vec![
            DelegatedAdministrator {
                account_id: "222222222222".into(),
                service_principals: vec!["guardduty.amazonaws.com".into()],
            },
            DelegatedAdministrator {
                account_id: "333333333333".into(),
                service_principals: vec!["config.amazonaws.com".into()],
            },
        ]),
        alternate_contacts: vec![],
    });
    l
}

fn declared(
    unmanaged: Unmanaged,
    services: &[&str],
    delegated: &[(&str, &[(&str, &str)])],
) -> Desired {
    let mut d = desired();
    d.trusted_access = Some(DesiredTrustedAccess {
        unmanaged,
        services: services
            .iter()
            .map(|s| s.to_string())
            .collect::<BTreeSet<_>>(),
        delegated: delegated
            .iter()
            .map(|(service, accounts)| {
                (
                    service.to_string(),
                    accounts
                        .iter()
                        .map(|(id, name)| (id.to_string(), name.to_string()))
                        .collect::<BTreeMap<_, _>>(),
                )
            })
            .collect(),
    });
    d
}

const PROD: (&str, &str) = ("222222222222", "prod");
const DEV: (&str, &str) = ("333333333333", "dev");

#[test]
fn the_live_settings_declared_plan_nothing() {
    let d = declared(
        Unmanaged::Keep,
        &["config.amazonaws.com", "guardduty.amazonaws.com"],
        &[
            ("guardduty.amazonaws.com", &[PROD]),
            ("config.amazonaws.com", &[DEV]),
        ],
    );
    let p = plan(&d, &live_with_services());
    assert!(p.changes.is_empty() && p.unmanaged.is_empty(), "{p:#?}");
}

#[test]
fn a_weekly_edit_deregisters_before_it_disables_and_enables_before_it_registers() {
    // Access Analyzer added and delegated to prod; GuardDuty moves from
    // prod to dev; Config is no longer listed, and "delete" removes it.
    let d = declared(
        Unmanaged::Delete,
        &["access-analyzer.amazonaws.com", "guardduty.amazonaws.com"],
        &[
            ("access-analyzer.amazonaws.com", &[PROD]),
            ("guardduty.amazonaws.com", &[DEV]),
        ],
    );
    let p = plan(&d, &live_with_services());
    assert_eq!(
        summaries(&p),
        [
            "- deregister account 333333333333 (dev) as delegated administrator for config.amazonaws.com",
            "- deregister account 222222222222 (prod) as delegated administrator for guardduty.amazonaws.com",
            "- disable trusted access for config.amazonaws.com",
            "+ enable trusted access for access-analyzer.amazonaws.com",
            "+ register account 222222222222 (prod) as delegated administrator for access-analyzer.amazonaws.com",
            "+ register account 333333333333 (dev) as delegated administrator for guardduty.amazonaws.com",
        ]
    );
    assert_eq!(
        p.summary().line(),
        "3 to create, 0 to update, 0 to move, 3 to delete"
    );
    let shown: Vec<(UnmanagedKind, &str, bool)> = p
        .unmanaged
        .iter()
        .map(|u| (u.kind, u.name.as_str(), u.deleted))
        .collect();
    assert_eq!(
        shown,
        [
            (
                UnmanagedKind::DelegatedAdministrator,
                "dev for config.amazonaws.com",
                true
            ),
            (UnmanagedKind::TrustedService, "config.amazonaws.com", true),
        ]
    );
}

#[test]
fn unlisted_services_and_their_administrators_are_kept_and_shown() {
    // Only GuardDuty is declared; Config and its administrator stay.
    let d = declared(
        Unmanaged::Keep,
        &["guardduty.amazonaws.com"],
        &[("guardduty.amazonaws.com", &[PROD])],
    );
    let p = plan(&d, &live_with_services());
    assert!(p.changes.is_empty(), "{:?}", summaries(&p));
    let shown: Vec<(&str, bool)> = p
        .unmanaged
        .iter()
        .map(|u| (u.name.as_str(), u.deleted))
        .collect();
    assert_eq!(
        shown,
        [
            ("dev for config.amazonaws.com", false),
            ("config.amazonaws.com", false)
        ]
    );
    // An empty list manages the service's administrators: none.
    let d = declared(
        Unmanaged::Keep,
        &["config.amazonaws.com", "guardduty.amazonaws.com"],
        &[
            ("guardduty.amazonaws.com", &[PROD]),
            ("config.amazonaws.com", &[]),
        ],
    );
    let p = plan(&d, &live_with_services());
    assert_eq!(
        summaries(&p),
        [
            "- deregister account 333333333333 (dev) as delegated administrator for config.amazonaws.com"
        ]
    );
}

#[test]
fn a_layout_without_the_section_neither_reads_nor_changes_trusted_access() {
    // No settings read at all: nothing to plan, nothing refused.
    let p = plan(&desired(), &live());
    assert!(p.changes.is_empty() && p.unmanaged.is_empty(), "{p:#?}");
}

#[test]
fn unread_trusted_access_refuses_the_plan() {
    let d = declared(Unmanaged::Keep, &["guardduty.amazonaws.com"], &[]);
    let mut l = live_with_services();
    if let Some(s) = &mut l.org_settings {
        s.delegated_administrators = None;
    }
    l.incomplete.push(ReadFailure {
        service: "organizations".into(),
        operation: "ListDelegatedServicesForAccount".into(),
        account_id: None,
        region: None,
        message: "AccessDeniedException: not allowed".into(),
    });
    let error = refusal(plan_desired(&d, &l));
    assert!(
        error.contains(
            "organizations ListDelegatedServicesForAccount: delegated administrators could not be read (AccessDeniedException: not allowed)"
        ),
        "{error}"
    );
    // A snapshot taken without the settings cannot be planned against.
    l.org_settings = None;
    l.incomplete.clear();
    let error = refusal(plan_desired(&d, &l));
    assert!(
        error.contains("trusted access could not be read"),
        "{error}"
    );
}

#[test]
fn an_administrator_that_is_not_an_active_account_is_warned_about_not_registered() {
    let mut l = live_with_services();
    l.accounts[2].status = AccountStatus::Suspended;
    let d = declared(
        Unmanaged::Keep,
        &["config.amazonaws.com", "guardduty.amazonaws.com"],
        &[
            ("guardduty.amazonaws.com", &[PROD, DEV]),
            ("config.amazonaws.com", &[DEV]),
        ],
    );
    let p = plan_desired(&d, &l).expect("plan");
    assert!(p.changes.is_empty(), "{:?}", summaries(&p));
    assert_eq!(
        p.warnings,
        [
            "account 333333333333 (dev) is not an active account of the organization, so it is not registered as delegated administrator for guardduty.amazonaws.com"
        ]
    );
}
