//! Commands that read the live organization when no --live snapshot is
//! given, against moto.

mod support;

use support::seed::{self, Seeder};

#[test]
fn audit_assignments_reads_identity_center_from_aws_without_a_snapshot() {
    let moto = support::moto();
    seed::runtime().block_on(async {
        let mut s = Seeder::new(&moto).await;
        s.organization().await;
        s.ou("Workloads").await;
        s.account("payments-prod", "Workloads").await;
        s.identity_center().await;
        s.permission_set("ReadOnlyAccess", &[]).await;
        s.user("carol").await;
        s.group("auditors", &["carol"]).await;
        s.assign("group:auditors", "ReadOnlyAccess", "payments-prod")
            .await;
        s.user("frank").await;
        s.assign("user:frank", "ReadOnlyAccess", "payments-prod")
            .await;
        s.delete_user("frank").await;
    });
    let dir = tempfile::tempdir().unwrap();
    let out = moto
        .orgguard()
        .current_dir(dir.path())
        .args(["audit", "assignments", "--format", "csv", "--expand-groups"])
        .assert()
        .success();
    let csv = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(
        rows.iter()
            .any(|r| r.contains("carol") && r.contains("auditors") && r.contains("payments-prod")),
        "{csv}"
    );
    // The deleted user's assignment is still a row, marked by lint.
    assert!(
        rows.iter()
            .any(|r| r.contains("(deleted)") && r.contains("SSO001")),
        "{csv}"
    );
}
