//! The inventory on the fixture organization: rows, group expansion,
//! filters, deleted principals and finding codes.

use super::filters::Filters;
use super::inventory::{AssignmentRow, Inventory, Options, Shared, build};
use crate::diagnostics::{Finding, Severity, Subject, assignment_resource};
use crate::org::Snapshot;
use crate::org::load::parse_snapshot;

/// The audit tests' fixture organization (tests/fixtures/audit-org.json):
/// groups with several members, an empty group, a deleted user and a
/// deleted group still assigned, outdated and missing provisioning, a
/// suspended account, and member accounts read, not read and failed.
pub(super) fn snapshot() -> Snapshot {
    parse_snapshot(
        "audit-org.json",
        include_str!("../../tests/fixtures/audit-org.json"),
    )
    .expect("the fixture parses")
}

const PS: &str = "arn:aws:sso:::permissionSet/ssoins-1/";

fn inventory(expand: bool, filters: Filters, findings: &[Finding]) -> Inventory {
    build(
        &snapshot(),
        findings,
        &Options {
            expand_groups: expand,
            filters,
        },
    )
    .expect("the inventory builds")
}

/// account name, permission set, principal type, principal id, principal
/// name, via group, provisioning.
fn brief(rows: &[AssignmentRow]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            format!(
                "{} {} {} {} {} via={} {}",
                r.account_name,
                r.permission_set_name,
                r.principal_type,
                r.principal_id,
                r.principal_name,
                r.via_group_name.as_deref().unwrap_or("-"),
                r.provisioning.as_str()
            )
        })
        .collect()
}

#[test]
fn one_row_per_assignment_with_deleted_principals_kept() {
    let inv = inventory(false, Filters::default(), &[]);
    assert_eq!(
        brief(&inv.rows),
        [
            "dev Developer USER u-ben Ben, \"the builder\" via=- provisioned",
            "dev ReadOnly USER u-gone (deleted) via=- provisioned",
            "mgmt Admin USER u-ana Ana Díaz via=- not provisioned",
            "old ReadOnly GROUP g-empty empty via=- not provisioned",
            "payments Admin GROUP g-ops ops via=- provisioned",
            "payments ReadOnly GROUP g-readers readers via=- provisioned",
            "web Admin GROUP g-ops ops via=- outdated",
            "web ReadOnly GROUP g-gone (deleted) via=- provisioned",
        ]
    );
    assert!(inv.incomplete.is_empty());
}

#[test]
fn rows_spell_out_account_permission_set_and_principal() {
    let inv = inventory(false, Filters::default(), &[]);
    let dev = &inv.rows[0];
    assert_eq!(&*dev.account_id, "100000000004");
    assert_eq!(&*dev.ou_path, "Dev");
    assert_eq!(&*dev.account_status, "ACTIVE");
    assert_eq!(&*dev.permission_set_arn, format!("{PS}ps-dev"));
    assert_eq!(
        dev.managed_policies,
        [Shared::from("arn:aws:iam::aws:policy/PowerUserAccess")]
    );
    assert_eq!(
        dev.customer_managed_policies,
        [Shared::from("/guard/deny-iam")]
    );
    assert!(dev.has_inline_policy);
    // PowerUserAccess can assume any role (sts:AssumeRole on *): the
    // classification in `privilege` counts that as administrator-level.
    assert!(dev.admin_level);
    assert_eq!(dev.principal_email.as_deref(), Some("ben@example.com"));
    let old = &inv.rows[3];
    assert_eq!(&*old.account_status, "SUSPENDED");
    let mgmt = &inv.rows[2];
    assert_eq!(
        &*mgmt.ou_path, "",
        "an account under the root has an empty OU path"
    );
    assert!(mgmt.admin_level);
}

#[test]
fn expand_groups_gives_one_row_per_member() {
    let inv = inventory(true, Filters::default(), &[]);
    assert_eq!(
        brief(&inv.rows),
        [
            "dev Developer USER u-ben Ben, \"the builder\" via=- provisioned",
            "dev ReadOnly USER u-gone (deleted) via=- provisioned",
            "mgmt Admin USER u-ana Ana Díaz via=- not provisioned",
            // An empty group reaches nobody but the assignment still exists.
            "old ReadOnly GROUP g-empty empty via=- not provisioned",
            "payments Admin USER u-ana Ana Díaz via=ops provisioned",
            "payments Admin USER u-ben Ben, \"the builder\" via=ops provisioned",
            "payments ReadOnly USER u-ana Ana Díaz via=readers provisioned",
            // No display name: the user name stands in.
            "payments ReadOnly USER u-chloe chloe via=readers provisioned",
            "web Admin USER u-ana Ana Díaz via=ops outdated",
            "web Admin USER u-ben Ben, \"the builder\" via=ops outdated",
            "web ReadOnly GROUP g-gone (deleted) via=- provisioned",
        ]
    );
    assert_eq!(inv.rows[4].via_group_id.as_deref(), Some("g-ops"));
}

fn filtered(expand: bool, filters: Filters) -> Vec<(String, String, String)> {
    inventory(expand, filters, &[])
        .rows
        .into_iter()
        .map(|r| {
            (
                r.account_name.to_string(),
                r.permission_set_name.to_string(),
                r.principal_id.to_string(),
            )
        })
        .collect()
}

fn triple(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.to_string(), b.to_string(), c.to_string())
}

#[test]
fn account_filter_takes_names_and_ids() {
    let by_name = filtered(
        false,
        Filters {
            accounts: vec!["web".into()],
            ..Filters::default()
        },
    );
    assert_eq!(
        by_name,
        [
            triple("web", "Admin", "g-ops"),
            triple("web", "ReadOnly", "g-gone")
        ]
    );
    let by_id = filtered(
        false,
        Filters {
            accounts: vec!["100000000003".into(), "mgmt".into()],
            ..Filters::default()
        },
    );
    assert_eq!(
        by_id,
        [
            triple("mgmt", "Admin", "u-ana"),
            triple("web", "Admin", "g-ops"),
            triple("web", "ReadOnly", "g-gone")
        ]
    );
}

#[test]
fn ou_filter_includes_nested_ous() {
    let prod = filtered(
        false,
        Filters {
            ous: vec!["Prod".into()],
            ..Filters::default()
        },
    );
    assert_eq!(
        prod,
        [
            triple("payments", "Admin", "g-ops"),
            triple("payments", "ReadOnly", "g-readers"),
            triple("web", "Admin", "g-ops"),
            triple("web", "ReadOnly", "g-gone")
        ]
    );
    let nested = filtered(
        false,
        Filters {
            ous: vec!["/Prod/Payments/".into()],
            ..Filters::default()
        },
    );
    assert_eq!(nested.len(), 2);
    assert!(nested.iter().all(|r| r.0 == "payments"));
    let all = filtered(
        false,
        Filters {
            ous: vec!["/".into()],
            ..Filters::default()
        },
    );
    assert_eq!(all.len(), 8, "the root holds everything");
}

#[test]
fn permission_set_filter_takes_names_and_arns() {
    let admin = filtered(
        false,
        Filters {
            permission_sets: vec!["Admin".into()],
            ..Filters::default()
        },
    );
    assert_eq!(
        admin,
        [
            triple("mgmt", "Admin", "u-ana"),
            triple("payments", "Admin", "g-ops"),
            triple("web", "Admin", "g-ops")
        ]
    );
    let by_arn = filtered(
        false,
        Filters {
            permission_sets: vec![format!("{PS}ps-dev")],
            ..Filters::default()
        },
    );
    assert_eq!(by_arn, [triple("dev", "Developer", "u-ben")]);
}

#[test]
fn principal_filter_follows_groups_when_expanded() {
    let ana = Filters {
        principals: vec!["ana@example.com".into()],
        ..Filters::default()
    };
    assert_eq!(
        filtered(false, ana.clone()),
        [triple("mgmt", "Admin", "u-ana")],
        "without expansion only direct assignments name the user"
    );
    assert_eq!(
        filtered(true, ana),
        [
            triple("mgmt", "Admin", "u-ana"),
            triple("payments", "Admin", "u-ana"),
            triple("payments", "ReadOnly", "u-ana"),
            triple("web", "Admin", "u-ana")
        ]
    );
    let ops = Filters {
        principals: vec!["ops".into()],
        ..Filters::default()
    };
    assert_eq!(
        filtered(true, ops),
        [
            triple("payments", "Admin", "u-ana"),
            triple("payments", "Admin", "u-ben"),
            triple("web", "Admin", "u-ana"),
            triple("web", "Admin", "u-ben")
        ]
    );
    let deleted = Filters {
        principals: vec!["u-gone".into()],
        ..Filters::default()
    };
    assert_eq!(
        filtered(false, deleted),
        [triple("dev", "ReadOnly", "u-gone")]
    );
}

#[test]
fn filters_combine() {
    let rows = filtered(
        true,
        Filters {
            ous: vec!["Prod".into()],
            permission_sets: vec!["Admin".into()],
            principals: vec!["ben".into()],
            ..Filters::default()
        },
    );
    assert_eq!(
        rows,
        [
            triple("payments", "Admin", "u-ben"),
            triple("web", "Admin", "u-ben")
        ]
    );
}

#[test]
fn a_misspelled_filter_is_an_error_with_a_suggestion() {
    use miette::Diagnostic;
    let cases = [
        (
            Filters {
                accounts: vec!["paymnts".into()],
                ..Filters::default()
            },
            "no account `paymnts`",
            "payments",
        ),
        (
            Filters {
                ous: vec!["Prod/Payment".into()],
                ..Filters::default()
            },
            "no OU `Prod/Payment`",
            "Prod/Payments",
        ),
        (
            Filters {
                permission_sets: vec!["ReadOnlyAccess".into()],
                ..Filters::default()
            },
            "no permission set `ReadOnlyAccess`",
            "ReadOnly",
        ),
        (
            Filters {
                principals: vec!["chloee".into()],
                ..Filters::default()
            },
            "no principal `chloee`",
            "chloe",
        ),
    ];
    for (filters, message, near) in cases {
        let error = build(
            &snapshot(),
            &[],
            &Options {
                expand_groups: false,
                filters,
            },
        )
        .expect_err("an unknown name fails");
        assert!(error.to_string().contains(message), "{error}");
        let help = error.help().map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains(&format!("`{near}`")), "{help}");
    }
}

fn finding(code: &str, severity: Severity, account: Option<&str>, resource: &str) -> Finding {
    Finding {
        code: code.into(),
        severity,
        message: format!("{code} message"),
        subject: Subject {
            resource: Some(resource.into()),
            account_id: account.map(str::to_string),
            ..Subject::default()
        },
        help: "fix it".into(),
        fingerprint: None,
    }
}

#[test]
fn findings_land_on_their_rows_by_the_documented_convention() {
    let findings = [
        // The deleted user's assignment.
        finding(
            "IC001",
            Severity::High,
            Some("100000000004"),
            &assignment_resource("100000000004", &format!("{PS}ps-read"), "USER", "u-gone"),
        ),
        // A group assignment: on the group row, or on every member's row.
        finding(
            "IC004",
            Severity::Medium,
            Some("100000000003"),
            &assignment_resource("100000000003", &format!("{PS}ps-admin"), "GROUP", "g-ops"),
        ),
        // A permission set in one account.
        finding(
            "IC003",
            Severity::Low,
            Some("100000000003"),
            &format!("{PS}ps-admin"),
        ),
        // A permission set everywhere.
        finding("IC009", Severity::Info, None, &format!("{PS}ps-dev")),
        // Not about any assignment.
        finding(
            "KMS001",
            Severity::Critical,
            Some("100000000002"),
            "arn:aws:kms:eu-west-1:100000000002:key/1",
        ),
    ];
    let plain = inventory(false, Filters::default(), &findings);
    let codes = |inv: &Inventory| -> Vec<(String, String, String)> {
        inv.rows
            .iter()
            .filter(|r| !r.findings.is_empty())
            .map(|r| {
                (
                    r.account_name.to_string(),
                    r.principal_id.to_string(),
                    r.findings.join(","),
                )
            })
            .collect()
    };
    assert_eq!(
        codes(&plain),
        [
            triple("dev", "u-ben", "IC009"),
            triple("dev", "u-gone", "IC001"),
            triple("web", "g-ops", "IC003,IC004"),
        ]
    );
    let expanded = inventory(true, Filters::default(), &findings);
    assert_eq!(
        codes(&expanded),
        [
            triple("dev", "u-ben", "IC009"),
            triple("dev", "u-gone", "IC001"),
            triple("web", "u-ana", "IC003,IC004"),
            triple("web", "u-ben", "IC003,IC004"),
        ]
    );
    let shown: Vec<&str> = plain.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        shown,
        ["IC001", "IC004", "IC003", "IC009"],
        "most severe first, KMS001 is on no row"
    );
}

#[test]
fn an_identity_center_read_failure_marks_the_inventory_incomplete() {
    let mut snap = snapshot();
    snap.incomplete.push(crate::org::ReadFailure {
        service: "sso-admin".into(),
        operation: "ListAccountAssignments".into(),
        account_id: None,
        region: None,
        message: "ThrottlingException".into(),
    });
    let inv = build(&snap, &[], &Options::default()).expect("builds");
    assert_eq!(
        inv.incomplete,
        ["sso-admin ListAccountAssignments failed: ThrottlingException"]
    );
    // A boundary is in no column: its failed read leaves the inventory whole.
    snap.incomplete[0].operation = "GetPermissionsBoundaryForPermissionSet".into();
    let inv = build(&snap, &[], &Options::default()).expect("builds");
    assert!(inv.incomplete.is_empty(), "{:?}", inv.incomplete);
    snap.incomplete.clear();
    if let Some(ic) = &mut snap.identity_center {
        ic.assignments_read = "by-principal".into();
    }
    let inv = build(&snap, &[], &Options::default()).expect("builds");
    assert_eq!(inv.incomplete.len(), 1);
    assert!(inv.incomplete[0].contains("deleted users and groups are not visible"));
    snap.identity_center = None;
    let inv = build(&snap, &[], &Options::default()).expect("builds");
    assert!(inv.rows.is_empty());
    assert_eq!(
        inv.incomplete,
        ["the snapshot holds no Identity Center instance"]
    );
}
