//! Reading a 1,000-account organization from moto, and what it costs.

mod support;

use futures::stream::{self, StreamExt};
use support::seed::{self, Seeder};

const OUS: usize = 50;
const ACCOUNTS: usize = 1000;

#[test]
fn a_thousand_account_organization_is_read_with_calls_proportional_to_the_tree() {
    let moto = support::moto();
    seed::runtime().block_on(async {
        let mut s = Seeder::new(&moto).await;
        s.organization().await;
        for i in 0..OUS / 5 {
            s.ou(&format!("Unit{i}")).await;
            for j in 0..4 {
                s.ou(&format!("Unit{i}/Team{j}")).await;
            }
        }
        let paths: Vec<String> = s.seeded.ous.keys().cloned().collect();
        let root = s.seeded.root_id.clone();
        let org = s.org.clone();
        let parents: Vec<String> = paths.iter().map(|p| s.parent_id(p)).collect();
        stream::iter(0..ACCOUNTS)
            .map(|i| {
                let (org, root, parent) = (
                    org.clone(),
                    root.clone(),
                    parents[i % parents.len()].clone(),
                );
                async move {
                    let created = org
                        .create_account()
                        .account_name(format!("account-{i:04}"))
                        .email(format!("account-{i:04}@example.com"))
                        .send()
                        .await
                        .expect("create account");
                    let id = created
                        .create_account_status()
                        .and_then(|c| c.account_id())
                        .expect("id")
                        .to_string();
                    org.move_account()
                        .account_id(&id)
                        .source_parent_id(&root)
                        .destination_parent_id(&parent)
                        .send()
                        .await
                        .expect("move account");
                }
            })
            .buffer_unordered(4)
            .collect::<Vec<_>>()
            .await;
    });
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("live.json");
    let result = moto
        .orgguard()
        .current_dir(dir.path())
        .args(["snapshot", "-v", "-o"])
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&result.get_output().stderr).into_owned();
    println!("{stderr}");
    let snap: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(snap["accounts"].as_array().unwrap().len(), ACCOUNTS + 1);
    assert_eq!(snap["organizational_units"].as_array().unwrap().len(), OUS);

    // Calls per operation, from the -v table: the tree walk costs two
    // calls per container (plus pages), tags one per OU and account.
    let calls = |operation: &str| -> u64 {
        stderr
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(operation))
            .and_then(|l| l.split_whitespace().nth(2))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no count for {operation} in:\n{stderr}"))
    };
    let containers = (OUS + 1) as u64;
    assert_eq!(calls("ListOrganizationalUnitsForParent"), containers);
    // 20 accounts per page at most; ~20 accounts per OU here.
    let account_pages = calls("ListAccountsForParent");
    assert!(
        account_pages >= containers && account_pages <= containers + (ACCOUNTS as u64) / 20 + 1,
        "{account_pages}"
    );
    assert_eq!(calls("ListTagsForResource"), (OUS + ACCOUNTS + 1) as u64);
    assert!(stderr.contains("API calls:"), "{stderr}");
}
