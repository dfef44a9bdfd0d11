//! Import, then load and plan: the layout written from a snapshot must
//! plan no changes against that snapshot, whatever the names in it.

use serde_json::json;

use super::{ImportError, import, import_with};
use crate::org::Snapshot;

const EXAMPLE: &str = include_str!("../../../examples/live-org.json");

fn example() -> serde_json::Value {
    serde_json::from_str(EXAMPLE).expect("example snapshot")
}

/// The snapshot, with any outdated permission-set provisioning done: AWS
/// reporting a set not provisioned to its latest version is a pending
/// re-provisioning every layout plans (plan::resources tests cover it), not
/// a difference the import could write away.
fn snapshot(value: serde_json::Value) -> Snapshot {
    let mut s: Snapshot = serde_json::from_value(value).expect("snapshot");
    if let Some(ic) = s.identity_center.as_mut() {
        for set in &mut ic.permission_sets {
            set.outdated_accounts.clear();
        }
    }
    s.normalize();
    s
}

/// Writes the import into a temporary repository, loads and checks it
/// like `plan` does, and plans it against the same snapshot.
fn import_and_plan(live: &Snapshot) -> (super::Imported, crate::plan::Plan) {
    let imported = import(live).expect("import");
    let dir = tempfile::tempdir().expect("tempdir");
    for file in &imported.files {
        let path = dir.path().join(&file.path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, &file.text).expect("write");
    }
    let mut loaded = crate::layout::load(dir.path()).expect("load");
    let layout = loaded.layout.take().unwrap_or_else(|| {
        panic!(
            "the layout does not parse: {:?}\n{}",
            loaded.problems.list, imported.files[0].text
        )
    });
    crate::layout::check::check(&layout, &loaded.sources, &mut loaded.problems);
    let errors: Vec<_> = loaded
        .problems
        .list
        .iter()
        .filter(|p| p.severity.blocks())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{}", imported.files[0].text);
    let plan = crate::plan::diff(&layout, live).expect("plan");
    (imported, plan)
}

/// Nothing the layout could have named is left unmanaged. An assignment
/// whose principal the identity store no longer has (the example's
/// deleted user) cannot be named, so plan lists it as not in the layout.
fn assert_nothing_unmanaged(plan: &crate::plan::Plan) {
    let named: Vec<_> = plan
        .unmanaged
        .iter()
        .filter(|u| {
            !u.note
                .contains("the principal is not in the identity store")
        })
        .collect();
    assert!(named.is_empty(), "{named:#?}");
}

#[test]
fn the_example_organization_imports_to_a_layout_that_plans_no_changes() {
    let live = snapshot(example());
    let (imported, plan) = import_and_plan(&live);
    assert!(plan.changes.is_empty(), "{:#?}", plan.changes);
    assert_nothing_unmanaged(&plan);
    assert_eq!(imported.counts.ous, 9);
    assert_eq!(imported.counts.accounts, 11);
    assert_eq!(imported.counts.scps, 6);
    let layout = &imported.files[0].text;
    // Pinned, commented, and the suspended account says what that means.
    assert!(
        layout.contains("path = \"Foundational/Workloads/Production\"\nid = \"ou-ex12-prd00004\""),
        "{layout}"
    );
    assert!(
        layout.contains("# SUSPENDED: closed accounts stay in the organization for 90 days"),
        "{layout}"
    );
    // ...and is written closed, so the layout never plans to close it again
    // nor moves it.
    assert!(
        layout.contains("ou = \"Suspended\"\nstate = \"closed\"\n"),
        "{layout}"
    );
    assert!(
        layout.contains(
            "[organization]\nmanagement_account_id = \"111111111111\"\nid = \"o-exampleorg1\""
        ),
        "{layout}"
    );
    let paths: Vec<&str> = imported.files.iter().map(|f| f.path.as_str()).collect();
    assert!(
        paths.contains(&"policies/legacy-deny-public-s3.json"),
        "{paths:?}"
    );
    // Pretty-printed.
    let leave = imported
        .files
        .iter()
        .find(|f| f.path == "policies/deny-leave-organization.json")
        .expect("file");
    assert!(leave.text.starts_with("{\n  \"Version\""), "{}", leave.text);
}

#[test]
fn awkward_names_tags_and_rcps_are_written_so_they_read_back_exactly() {
    let mut v = example();
    v["roots"][0]["policy_types"]
        .as_array_mut()
        .unwrap()
        .push(json!({"type": "RESOURCE_CONTROL_POLICY", "status": "ENABLED"}));
    let policies = v["policies"].as_array_mut().unwrap();
    // A name with a slash and spaces, and two that differ only by case.
    policies.push(json!({
        "id": "p-slash0001", "arn": "", "name": "Deny S3 / public: \"all\"",
        "description": "quotes \" and \\ backslashes", "aws_managed": false,
        "content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:PutBucketPolicy\",\"Resource\":\"*\"}]}",
        "targets": ["ou-ex12-prd00004"]
    }));
    for (id, name, action) in [
        ("p-case00001", "guard", "ec2:*"),
        ("p-case00002", "Guard", "rds:*"),
    ] {
        policies.push(json!({
            "id": id, "arn": "", "name": name, "description": "", "aws_managed": false,
            "content": format!("{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Deny\",\"Action\":\"{action}\",\"Resource\":\"*\"}}]}}"),
            "targets": ["222222222222"]
        }));
    }
    v["rcps"] = json!([
        {"id": "p-RCPFullAWSAccess", "arn": "", "name": "RCPFullAWSAccess", "description": "", "aws_managed": true,
         "content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
         "targets": ["r-ex12", "ou-ex12-wrk00003", "444444444444"]},
        {"id": "p-rcp00001", "arn": "", "name": "data-perimeter", "description": "perimeter", "aws_managed": false,
         "content": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"s3:*\",\"examplesvc:GetThing\"],\"Resource\":\"*\",\"Condition\":{\"StringNotEqualsIfExists\":{\"aws:PrincipalOrgID\":\"o-exampleorg1\"}}}]}",
         "targets": ["ou-ex12-wrk00003", "444444444444"]}
    ]);
    v["accounts"][2]["tags"] =
        json!({"cost center": "R&D \"east\"", "a.b": "x=y", "team": "contractors"});
    v["organizational_units"][0]["tags"] = json!({"owner": "it's"});
    let live = snapshot(v);
    let (imported, plan) = import_and_plan(&live);
    assert!(plan.changes.is_empty(), "{:#?}", plan.changes);
    assert_nothing_unmanaged(&plan);
    assert_eq!(imported.counts.rcps, 1);
    // A service AWS accepted in an RCP that this release does not list is
    // added to the layout's settings, so the imported layout validates.
    assert!(
        imported.files[0]
            .text
            .contains("rcp_services = [\"examplesvc\"]\n"),
        "{}",
        imported.files[0].text
    );
    let paths: Vec<&str> = imported.files.iter().map(|f| f.path.as_str()).collect();
    assert!(
        paths.contains(&"policies/Deny-S3-public-all.json"),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"policies/rcp/data-perimeter.json"),
        "{paths:?}"
    );
    // One of the pair keeps its name, the other gets a distinct file.
    assert!(
        paths.contains(&"policies/guard.json") || paths.contains(&"policies/Guard.json"),
        "{paths:?}"
    );
    let lower: Vec<String> = paths.iter().map(|p| p.to_lowercase()).collect();
    let mut unique = lower.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(lower.len(), unique.len(), "{paths:?}");
}

#[test]
fn a_snapshot_whose_organizations_read_failed_is_refused() {
    let mut v = example();
    v["incomplete"] = json!([{"service": "organizations", "operation": "ListPoliciesForTarget", "message": "AccessDenied"}]);
    let err = import(&snapshot(v)).unwrap_err();
    assert!(
        matches!(err, ImportError::Incomplete(ref m) if m.contains("ListPoliciesForTarget")),
        "{err}"
    );
}

#[test]
fn an_ou_name_no_path_can_hold_is_refused_by_name() {
    let mut v = example();
    v["organizational_units"][0]["name"] = json!("Dev/Test");
    let err = import(&snapshot(v)).unwrap_err();
    assert!(err.to_string().contains("`Dev/Test`"), "{err}");
}

#[test]
fn extra_section_writers_append_their_sections() {
    fn sets(s: &Snapshot) -> Option<String> {
        Some(format!("# {} accounts\n[lint]\n", s.accounts.len()))
    }
    let imported = import_with(&snapshot(example()), &[sets]).expect("import");
    // After the organization's sections, before Identity Center's.
    let text = &imported.files[0].text;
    let extra = text
        .find("\n# 11 accounts\n[lint]\n")
        .expect("the extra section");
    assert!(extra < text.find("[identity_center]").expect("identity center"));
}

#[test]
fn a_failed_settings_read_does_not_stop_import_or_plan() {
    let mut v = example();
    v["incomplete"] = json!([{"service": "organizations", "operation": "ListDelegatedAdministrators", "message": "AccessDeniedException: not allowed"}]);
    v["org_settings"] = json!({"trusted_services": ["guardduty.amazonaws.com"]});
    let live = snapshot(v);
    let (imported, plan) = import_and_plan(&live);
    assert!(plan.changes.is_empty(), "{:#?}", plan.changes);
    let layout = &imported.files[0].text;
    // Not declared: an unread list written as empty would disable services.
    assert!(
        layout.contains("# Trusted access and delegated administrators could not be read"),
        "{layout}"
    );
    assert!(!layout.contains("\n[trusted_access]\n"), "{layout}");
}

#[test]
fn trusted_access_and_delegated_administrators_are_declared_and_plan_nothing() {
    let mut v = example();
    v["org_settings"] = json!({
        "trusted_services": ["access-analyzer.amazonaws.com", "guardduty.amazonaws.com", "sso.amazonaws.com"],
        "delegated_administrators": [
            {"account_id": "222222222222", "service_principals": ["access-analyzer.amazonaws.com", "guardduty.amazonaws.com"]},
            {"account_id": "999999999999", "service_principals": ["guardduty.amazonaws.com"]},
            // Trust withdrawn after the registration: not declared.
            {"account_id": "333333333333", "service_principals": ["macie.amazonaws.com"]}
        ]
    });
    let live = snapshot(v);
    let (imported, plan) = import_and_plan(&live);
    assert!(plan.changes.is_empty(), "{:#?}", plan.changes);
    let layout = &imported.files[0].text;
    for line in [
        "[trusted_access]\nunmanaged = \"keep\"\n",
        "services = [\"access-analyzer.amazonaws.com\", \"guardduty.amazonaws.com\", \"sso.amazonaws.com\"]\n",
        "\n[trusted_access.delegated_administrators]\n",
        "\"access-analyzer.amazonaws.com\" = [\"security\"]\n",
        "\"guardduty.amazonaws.com\" = [\"security\", \"tooling\"]\n",
        "#   macie.amazonaws.com: 333333333333\n",
    ] {
        assert!(layout.contains(line), "missing {line:?} in\n{layout}");
    }
    // The undeclared registration is shown, and kept.
    let kept: Vec<_> = plan
        .unmanaged
        .iter()
        .filter(|u| u.kind == crate::plan::model::UnmanagedKind::DelegatedAdministrator)
        .map(|u| (u.id.as_str(), u.deleted))
        .collect();
    assert_eq!(kept, vec![("333333333333", false)]);
}

#[test]
fn alternate_contacts_are_declared_as_defaults_or_per_account_and_plan_nothing() {
    let mut v = example();
    let ids: Vec<String> = v["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .filter(|a| a["status"].as_str().unwrap_or("ACTIVE") == "ACTIVE")
        .map(|a| a["id"].as_str().expect("id").to_string())
        .collect();
    let contact = |who: &str, phone: &str| json!({"name": who, "title": "Team", "email": format!("{who}@example.com"), "phone": phone});
    let (first, second) = (ids[0].clone(), ids[1].clone());
    let contacts: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| {
            let mut c = json!({
                "account_id": id,
                "contacts": {"SECURITY": contact("secops", "+1-555-0100")}
            });
            // OPERATIONS differs between two accounts; BILLING is held by
            // one account, and another's lacks a phone (not declarable).
            if *id == first {
                c["contacts"]["OPERATIONS"] = contact("ops-a", "+1-555-0101");
                c["contacts"]["BILLING"] = contact("billing", "+1-555-0102");
            }
            if *id == second {
                c["contacts"]["OPERATIONS"] = contact("ops-b", "+1-555-0103");
                c["contacts"]["BILLING"] = contact("billing-b", "");
            }
            c
        })
        .collect();
    v["org_settings"] = json!({ "alternate_contacts": contacts });
    let live = snapshot(v);
    let (imported, plan) = import_and_plan(&live);
    assert!(plan.changes.is_empty(), "{:#?}", plan.changes);
    let layout = &imported.files[0].text;
    assert!(
        layout.contains("\n[contacts.security]\nemail = \"secops@example.com\"\nname = \"secops\"\nphone = \"+1-555-0100\"\ntitle = \"Team\"\n"),
        "{layout}"
    );
    assert!(!layout.contains("[contacts.operations]"), "{layout}");
    assert_eq!(
        layout.matches("contacts.operations = {").count(),
        2,
        "{layout}"
    );
    assert_eq!(
        layout.matches("contacts.billing = {").count(),
        1,
        "{layout}"
    );
    assert!(
        layout.contains("billing-b@example.com"),
        "listed in the comment: {layout}"
    );
}
