//! The organization's own settings against a real AWS API (moto): trusted
//! access, delegated administrators and alternate contacts are read into
//! the snapshot, `lint` reports accounts without a SECURITY contact (but
//! not those whose contacts could not be read), and `import` records them
//! (declaring trusted access and delegated administrators).

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
        layout.contains("services = [\"account.amazonaws.com\", \"guardduty.amazonaws.com\"]\n"),
        "{layout}"
    );
    assert!(
        layout.contains("\"guardduty.amazonaws.com\" = [\"security\"]\n"),
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

/// `plan` against the live API (moto): its exit code under
/// --detailed-exitcode (1 when there are changes) and its output.
fn plan_live(endpoint: &str, repo: &Path) -> (i32, String) {
    support::plan_in(endpoint, repo, &[])
}

fn contact_table(name: &str, email: &str) -> String {
    format!(
        "{{ name = \"{name}\", title = \"Security\", email = \"{email}\", phone = \"+1-555-0199\" }}"
    )
}

#[test]
fn declared_security_contacts_are_planned_applied_and_converge() {
    let moto = support::moto();
    let seeded = seeded(&moto);
    let security = seeded.accounts["security"].clone();
    let payments = seeded.accounts["payments"].clone();
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.json");
    snapshot(&moto.endpoint, &live);
    let repo = dir.path().join("repo");
    support::orgguard()
        .args(["import", "--live"])
        .arg(&live)
        .arg("-o")
        .arg(&repo)
        .assert()
        .success();
    let layout_file = repo.join("ou-layout.toml");
    let imported = std::fs::read_to_string(&layout_file).unwrap();
    // import declared the management account's SECURITY contact as its own
    // (payments has none, so there is no default): the team replaces that
    // with a default for every account, and payments' own.
    assert!(
        imported.contains("contacts.security = { email = \"security-team@example.com\""),
        "{imported}"
    );
    let imported: String = imported
        .lines()
        .filter(|l| !l.starts_with("contacts."))
        .map(|l| format!("{l}\n"))
        .collect();
    let payments_line = "name = \"payments\"\n";
    assert!(imported.contains(payments_line), "{imported}");
    let declare = |default_email: &str| {
        let text = imported.replace(
            payments_line,
            &format!(
                "{payments_line}contacts.security = {}\n",
                contact_table("Payments security", "payments-sec@example.com")
            ),
        );
        format!(
            "{text}\n[contacts]\nsecurity = {}\n",
            contact_table("SecOps", default_email)
        )
    };
    std::fs::write(&layout_file, declare("secops@example.com")).unwrap();
    support::orgguard()
        .arg("-C")
        .arg(&repo)
        .arg("validate")
        .assert()
        .success();

    let (code, text) = plan_live(&moto.endpoint, &repo);
    assert_eq!(code, 1, "{text}");
    for line in [
        format!(
            "~ set SECURITY contact of account {} (master): Security team <security-team@example.com> → SecOps <secops@example.com>",
            seed::MANAGEMENT_ACCOUNT
        ),
        format!(
            "~ set SECURITY contact of account {security} (security): Security team <security-team@example.com> → SecOps <secops@example.com>"
        ),
        format!(
            "+ set SECURITY contact of account {payments} (payments): Payments security <payments-sec@example.com>"
        ),
    ] {
        assert!(text.contains(&line), "missing `{line}` in:\n{text}");
    }
    assert!(
        text.contains("Plan: 1 to create, 2 to update, 0 to move, 0 to delete."),
        "{text}"
    );

    // The same changes in the JSON and Markdown plans.
    let out = support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(&repo)
        .args(["plan", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["summary"],
        serde_json::json!({"create": 1, "update": 2, "move": 0, "delete": 0})
    );
    let payments_step = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["account_id"] == payments.as_str())
        .unwrap();
    assert_eq!(payments_step["op"], "set_contact");
    assert_eq!(payments_step["action"], "create");
    assert_eq!(payments_step["contact_type"], "SECURITY");
    assert_eq!(payments_step["new"]["email"], "payments-sec@example.com");
    let out = support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(&repo)
        .args(["plan", "--format", "markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8_lossy(&out.stdout);
    assert!(
        markdown.contains(&format!(
            "`+` set SECURITY contact of account {payments} (payments): Payments security"
        )),
        "{markdown}"
    );

    // A saved plan re-derives and applies; the live contacts are then the
    // declared ones and the next plan is empty.
    let plan_file = dir.path().join("plan.json");
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(&repo)
        .args(["plan", "-o"])
        .arg(&plan_file)
        .assert()
        .success();
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(&repo)
        .arg("apply")
        .arg(&plan_file)
        .arg("--auto-approve")
        .assert()
        .success();
    let after = snapshot(&moto.endpoint, &dir.path().join("after.json"));
    let contacts = after["org_settings"]["alternate_contacts"]
        .as_array()
        .unwrap();
    let security_of = |id: &str| {
        contacts.iter().find(|c| c["account_id"] == id).unwrap()["contacts"]["SECURITY"].clone()
    };
    assert_eq!(
        security_of(seed::MANAGEMENT_ACCOUNT)["email"],
        "secops@example.com"
    );
    assert_eq!(security_of(&security)["email"], "secops@example.com");
    assert_eq!(security_of(&payments)["email"], "payments-sec@example.com");
    assert_eq!(security_of(&payments)["phone"], "+1-555-0199");
    let (code, text) = plan_live(&moto.endpoint, &repo);
    assert_eq!(code, 0, "{text}");

    // Changing the default updates every account that takes it, and only those.
    std::fs::write(&layout_file, declare("security-oncall@example.com")).unwrap();
    let (code, text) = plan_live(&moto.endpoint, &repo);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(&format!(
            "~ set SECURITY contact of account {security} (security): SecOps <secops@example.com> → SecOps <security-oncall@example.com>"
        )),
        "{text}"
    );
    assert!(!text.contains(&payments), "{text}");
    assert!(
        text.contains("Plan: 0 to create, 2 to update, 0 to move, 0 to delete."),
        "{text}"
    );
    support::orgguard_at(&moto.endpoint)
        .arg("-C")
        .arg(&repo)
        .args(["apply", "--auto-approve"])
        .assert()
        .success();
    let (code, text) = plan_live(&moto.endpoint, &repo);
    assert_eq!(code, 0, "{text}");
}
