//! The organization's own settings against a real AWS API (moto): trusted
//! access, delegated administrators and alternate contacts are read into
//! the snapshot, `lint` reports accounts without a SECURITY contact (but
//! not those whose contacts could not be read), and `import` records them.

mod support;

use std::path::Path;

use aws_sdk_account::types::AlternateContactType;
use support::proxy::{FaultProxy, Rule, json_error};
use support::seed::{self, Seeded, Seeder};

/// An organization with two members: `security` (delegated administrator
/// for GuardDuty, with a SECURITY contact) and `payments` (no contact);
/// trusted access for GuardDuty and the Account API; the management
/// account has a SECURITY contact.
fn seeded(moto: &support::Moto) -> Seeded {
    seed::runtime().block_on(async {
        let mut s = Seeder::new(moto).await;
        s.organization().await;
        s.ou("Workloads").await;
        let security = s.account("security", "").await;
        s.account("payments", "Workloads").await;
        for principal in ["guardduty.amazonaws.com", "account.amazonaws.com"] {
            s.org
                .enable_aws_service_access()
                .service_principal(principal)
                .send()
                .await
                .expect("enable trusted access");
        }
        s.org
            .register_delegated_administrator()
            .account_id(&security)
            .service_principal("guardduty.amazonaws.com")
            .send()
            .await
            .expect("register delegated administrator");
        let account = aws_sdk_account::Client::new(&s.config);
        for id in [Some(security.as_str()), None] {
            account
                .put_alternate_contact()
                .set_account_id(id.map(str::to_string))
                .alternate_contact_type(AlternateContactType::Security)
                .email_address("security-team@example.com")
                .name("Security team")
                .phone_number("+1-555-0100")
                .title("On call")
                .send()
                .await
                .expect("put alternate contact");
        }
        s.seeded
    })
}

fn snapshot(endpoint: &str, out: &Path) -> serde_json::Value {
    support::orgguard_at(endpoint)
        .current_dir(out.parent().unwrap())
        .args(["snapshot", "-q", "-o"])
        .arg(out)
        .assert()
        .success();
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

/// The ORG008 and ORG007 findings of `lint --live FILE`, as (code, account).
fn findings(live: &Path) -> Vec<(String, String)> {
    let out = support::orgguard()
        .args(["lint", "--format", "json", "--live"])
        .arg(live)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "ORG008" || f["code"] == "ORG007")
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["subject"]["account_id"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn settings_are_read_and_accounts_without_a_security_contact_are_reported() {
    let moto = support::moto();
    let seeded = seeded(&moto);
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.json");
    let snap = snapshot(&moto.endpoint, &live);
    let settings = &snap["org_settings"];
    assert_eq!(
        settings["trusted_services"],
        serde_json::json!(["account.amazonaws.com", "guardduty.amazonaws.com"])
    );
    let security = &seeded.accounts["security"];
    let payments = &seeded.accounts["payments"];
    assert_eq!(
        settings["delegated_administrators"],
        serde_json::json!([{"account_id": security, "service_principals": ["guardduty.amazonaws.com"]}])
    );
    let contacts = settings["alternate_contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 3, "{contacts:?}");
    let of = |id: &str| contacts.iter().find(|c| c["account_id"] == id).unwrap();
    assert_eq!(
        of(security)["contacts"]["SECURITY"]["email"],
        "security-team@example.com"
    );
    assert_eq!(
        of(seed::MANAGEMENT_ACCOUNT)["contacts"]["SECURITY"]["name"],
        "Security team"
    );
    assert!(of(payments).get("contacts").is_none(), "{:?}", of(payments));
    assert!(snap.get("incomplete").is_none(), "{snap}");

    assert_eq!(
        findings(&live),
        vec![("ORG008".to_string(), payments.clone())]
    );

    // import records the settings, and what it wrote still plans nothing.
    let repo = dir.path().join("imported");
    support::orgguard()
        .args(["import", "--live"])
        .arg(&live)
        .arg("-o")
        .arg(&repo)
        .assert()
        .success();
    let layout = std::fs::read_to_string(repo.join("ou-layout.toml")).unwrap();
    assert!(
        layout.contains("# Trusted access: account.amazonaws.com, guardduty.amazonaws.com."),
        "{layout}"
    );
    assert!(
        layout.contains(&format!(
            "#   {security} (security): guardduty.amazonaws.com"
        )),
        "{layout}"
    );
    assert!(
        layout.contains(&format!(
            "#   {payments} (payments): not set / not set / not set"
        )),
        "{layout}"
    );
    support::orgguard()
        .arg("-C")
        .arg(&repo)
        .args(["plan", "--detailed-exitcode", "--live"])
        .arg(&live)
        .assert()
        .code(0);
}

#[test]
fn a_contact_that_could_not_be_read_is_incomplete_not_missing() {
    let moto = support::moto();
    let seeded = seeded(&moto);
    let payments = seeded.accounts["payments"].clone();
    let proxy = FaultProxy::start(&moto.endpoint);
    let denied = payments.clone();
    proxy.add(Rule {
        when: Box::new(move |r| r.service == "account" && r.body.contains(&denied)),
        fault: json_error(
            403,
            "AccessDeniedException",
            "User is not authorized to perform: account:GetAlternateContact",
        ),
        remaining: None,
    });
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.json");
    let snap = snapshot(&proxy.endpoint, &live);
    let incomplete = snap["incomplete"].as_array().unwrap();
    assert_eq!(incomplete.len(), 3, "{incomplete:?}");
    assert!(incomplete.iter().all(|f| {
        f["operation"] == "GetAlternateContact"
            && f["account_id"] == payments.as_str()
            && f["message"]
                .as_str()
                .unwrap()
                .starts_with("AccessDeniedException")
    }));
    let contacts = snap["org_settings"]["alternate_contacts"]
        .as_array()
        .unwrap();
    let of_payments = contacts
        .iter()
        .find(|c| c["account_id"] == payments.as_str())
        .unwrap();
    assert_eq!(
        of_payments["unread"],
        serde_json::json!(["BILLING", "OPERATIONS", "SECURITY"])
    );
    // Not reported as missing a contact; reported as not checked.
    let found = findings(&live);
    assert!(!found.iter().any(|(code, _)| code == "ORG008"), "{found:?}");
    assert!(
        found.contains(&("ORG007".to_string(), payments.clone())),
        "{found:?}"
    );

    // The tree read fine: plan and import still work from this snapshot.
    let repo = dir.path().join("imported");
    support::orgguard()
        .args(["import", "--live"])
        .arg(&live)
        .arg("-o")
        .arg(&repo)
        .assert()
        .success();
    let layout = std::fs::read_to_string(repo.join("ou-layout.toml")).unwrap();
    assert!(
        layout.contains(&format!(
            "#   {payments} (payments): not read / not read / not read"
        )),
        "{layout}"
    );
}
