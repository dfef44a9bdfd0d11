//! Commands that read the live organization themselves when no --live
//! snapshot is given, against moto.

mod support;

use support::seed::{self, Seeder};

#[test]
fn audit_iam_users_reads_every_member_account_without_a_snapshot() {
    let moto = support::moto();
    let key = seed::runtime().block_on(async {
        let mut s = Seeder::new(&moto).await;
        s.organization().await;
        s.ou("Workloads").await;
        s.account("payments-prod", "Workloads").await;
        s.account("payments-dev", "Workloads").await;
        let member = s.member("payments-prod").await;
        seed::iam_user_with_key(&member, "legacy-batch").await
    });
    let dir = tempfile::tempdir().unwrap();
    let out = moto
        .orgguard()
        .current_dir(dir.path())
        .args(["audit", "iam-users", "--format", "csv"])
        .assert()
        .success();
    let csv = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(
        rows.iter()
            .any(|r| r.contains("payments-prod") && r.contains("legacy-batch") && r.contains(&key)),
        "{csv}"
    );
    assert!(
        rows.iter().any(|r| r.contains("payments-dev")),
        "every account has a row: {csv}"
    );
}
