//! `orgguard lint` and `orgguard explain` end to end, on the shipped
//! example organization and on broken copies of it.

mod support;

use support::{example_copy, orgguard, repo_dir};

fn live_example() -> String {
    repo_dir()
        .join("examples/live-org.json")
        .display()
        .to_string()
}

fn edit_layout(dir: &std::path::Path, from: &str, to: &str) {
    let path = dir.join("ou-layout.toml");
    let text = std::fs::read_to_string(&path).expect("read layout");
    assert!(
        text.contains(from),
        "the layout no longer contains {from:?}"
    );
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write layout");
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The shipped SCPs deny `s3:DeletePublicAccessBlock`, which is an S3 API
/// call but not an IAM action (it is authorized by
/// `s3:PutBucketPublicAccessBlock`): a real mistake SCP001 finds. Until the
/// policy is corrected that is the only finding allowed here.
fn is_known_shipped_typo(finding: &serde_json::Value) -> bool {
    finding["code"] == "SCP001"
        && finding["subject"]["file"] == "policies/production-critical-operations.json"
        && finding["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("`s3:DeletePublicAccessBlock`"))
}

#[test]
fn shipped_layout_passes_offline_including_its_required_guardrails() {
    let out = orgguard()
        .arg("-C")
        .arg(repo_dir())
        .args(["lint", "--format", "json"])
        .output()
        .expect("run");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let findings = value["findings"].as_array().expect("findings");
    let unexpected: Vec<_> = findings
        .iter()
        .filter(|f| !is_known_shipped_typo(f))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    assert_eq!(
        out.status.code(),
        Some(if findings.is_empty() { 0 } else { 1 })
    );
    assert_eq!(value["waived"].as_array().map(Vec::len), Some(2));

    let text = stdout(
        &orgguard()
            .arg("-C")
            .arg(repo_dir())
            .arg("lint")
            .output()
            .expect("run"),
    );
    assert!(
        text.contains("2 waived")
            && text.contains("note: 22 rules about live resources need a snapshot"),
        "{text}"
    );
}

#[test]
fn live_example_reports_each_planted_hazard() {
    let out = orgguard()
        .arg("-C")
        .arg(repo_dir())
        .args(["lint", "--live", &live_example()])
        .output()
        .expect("run");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for expected in [
        "KMS001 arn:aws:kms:eu-west-1:444444444444:key/5e1d0c9b-0000-4000-8000-000000000002",
        "KMS003 arn:aws:kms:eu-west-1:444444444444:key/5e1d0c9b-0000-4000-8000-000000000003",
        "IAM001 arn:aws:iam::777777777777:role/sandbox-admin",
        "IAM003 arn:aws:iam::444444444444:role/github-deploy",
        "IAM004 arn:aws:iam::444444444444:role/sandbox-operator",
        "IAM005 arn:aws:iam::444444444444:user/legacy-batch",
        "SCP001 arn:aws:organizations::111111111111:policy/o-exampleorg1/service_control_policy/p-ex00000006: `s3:DeletePublicAccessBlok`",
        "ORG001 arn:aws:organizations::111111111111:account/o-exampleorg1/121212121212",
        "ORG007 arn:aws:organizations::111111111111:account/o-exampleorg1/555555555555: account 555555555555 was not fully checked",
        "no SCP denies sts:AssumeRole; take the snapshot again",
        "SSO001 ",
        "user 906757ffff-deleted-frank",
        "SSO002 ",
        "the account is SUSPENDED",
        "SSO003 ",
        "PowerUserAccess is outdated on account 777777777777",
        "BillingAccess is not provisioned to account 121212121212",
        "SSO004 ",
        "to user dave on account 444444444444",
        "SSO005 ",
        "group contractors",
        "CFG001 ",
        "account 777777777777 has an AWS Config recorder that is not recording in eu-west-1",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // The clean counterparts stay quiet.
    for quiet in [
        "role/org-audit-reader",
        "222222222222:role/BreakGlass",
        "key/0f3a1b2c",
        "role/payments-api",
        "user/dave:",
    ] {
        assert!(
            !text.contains(quiet),
            "{quiet} should not be reported:\n{text}"
        );
    }
    // Waivers match live SCPs that the layout defines, through their file.
    assert!(!text.contains("SCP `deny-all`"), "{text}");
}

#[test]
fn a_snapshot_lints_without_a_layout() {
    let empty = tempfile::tempdir().expect("tempdir");
    let out = orgguard()
        .arg("-C")
        .arg(empty.path())
        .args(["lint", "--live", &live_example()])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("KMS003"));
}

#[test]
fn missing_required_guardrail_points_at_the_ou_and_fail_on_sets_the_exit_code() {
    let dir = example_copy();
    edit_layout(
        dir.path(),
        "scps = [\"FullAWSAccess\", \"region-restriction\", \"protect-security-services\", \"deny-root-user\"]",
        "scps = [\"FullAWSAccess\", \"protect-security-services\", \"deny-root-user\"]",
    );
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .arg("lint")
        .output()
        .expect("run");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("ORG002 ou-layout.toml:32:8: OU `Foundational` does not have SCP `region-restriction` in effect"),
        "{text}"
    );
    // region-restriction is now attached nowhere.
    assert!(
        text.contains("SCP006 policies/region-restriction.json:1:1"),
        "{text}"
    );
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["lint", "--fail-on", "critical"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn github_annotations_and_markdown_point_at_files() {
    let dir = example_copy();
    let path = dir.path().join("policies/deny-root-user.json");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(
        &path,
        text.replace("\"Action\": \"*\"", "\"Action\": \"iam:CreateUsr\""),
    )
    .expect("write");
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["lint", "--format", "github"])
        .output()
        .expect("run");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text.contains("::error file=policies/deny-root-user.json,line=7,col=17,title=SCP001 (high)::`iam:CreateUsr` in SCP `deny-root-user` matches no IAM action"),
        "{text}"
    );
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["lint", "--format", "markdown"])
        .output()
        .expect("run");
    let md = stdout(&out);
    assert!(
        md.contains("| high | `SCP001` unknown-action | `policies/deny-root-user.json:7:17` |"),
        "{md}"
    );
    assert!(md.contains("<details><summary>2 waived</summary>"), "{md}");
}

#[test]
fn expired_waivers_are_findings_and_stop_hiding() {
    let dir = example_copy();
    edit_layout(dir.path(), "expires = 2027-12-31", "expires = 2020-01-31");
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["lint", "--format", "json", "--fail-on", "medium"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let codes: Vec<&str> = value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| !is_known_shipped_typo(f))
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert_eq!(codes, ["ORG006", "SCP003"], "{value}");
    assert_eq!(value["waived"].as_array().map(Vec::len), Some(1));
}

#[test]
fn severity_overrides_and_disabled_rules_apply() {
    let dir = example_copy();
    edit_layout(
        dir.path(),
        "max_access_key_age_days = 90",
        "max_access_key_age_days = 90\ndisable = [\"KMS003\"]\nseverity = { IAM005 = \"critical\" }",
    );
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["lint", "--live", &live_example(), "--format", "json"])
        .output()
        .expect("run");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let findings = value["findings"].as_array().expect("findings");
    assert!(findings.iter().all(|f| f["code"] != "KMS003"));
    let iam005 = findings
        .iter()
        .find(|f| f["code"] == "IAM005")
        .expect("IAM005");
    assert_eq!(iam005["severity"], "critical");
}

#[test]
fn bad_lint_settings_are_errors_with_a_position() {
    let dir = example_copy();
    edit_layout(dir.path(), "rule = \"SCP003\"", "rule = \"SCP03\"");
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .arg("lint")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`SCP03` is not a lint rule") && err.contains("did you mean `SCP003`?"),
        "{err}"
    );
    assert!(err.contains("ou-layout.toml"), "{err}");

    let dir = example_copy();
    edit_layout(dir.path(), "[lint]\n", "[lint]\nwaivers = []\n");
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .arg("lint")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sarif_validates_against_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sarif-schema-2.1.0.json")).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("compile schema");
    let dir = example_copy();
    edit_layout(
        dir.path(),
        "\"Suspended\" = [\"deny-all\"]",
        "\"Suspended\" = [\"deny-all\", \"deny-root-user\"]",
    );
    for args in [
        vec!["lint", "--format", "sarif"],
        vec!["lint", "--format", "sarif", "--live", &live_example()],
    ] {
        let out = orgguard()
            .arg("-C")
            .arg(dir.path())
            .args(&args)
            .output()
            .expect("run");
        let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif is json");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        let results = log["runs"][0]["results"].as_array().expect("results");
        assert!(!results.is_empty(), "{args:?}");
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules");
        assert!(rules.iter().any(|r| {
            r["id"] == "KMS001"
                && r["help"]["markdown"]
                    .as_str()
                    .is_some_and(|m| m.contains("### How to fix"))
        }));
        if args.len() == 3 {
            let org002 = results
                .iter()
                .find(|r| r["ruleId"] == "ORG002")
                .expect("ORG002");
            assert_eq!(
                org002["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                "ou-layout.toml"
            );
        } else {
            let kms = results
                .iter()
                .find(|r| r["ruleId"] == "KMS003")
                .expect("KMS003");
            assert_eq!(
                kms["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
                "arn:aws:kms:eu-west-1:444444444444:key/5e1d0c9b-0000-4000-8000-000000000003"
            );
        }
    }
}

#[test]
fn explain_prints_the_documentation_sections() {
    let out = orgguard()
        .args(["explain", "kms001"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for section in [
        "KMS001 single-key-administrator",
        "WHAT IT CHECKS",
        "WHY IT IS DANGEROUS",
        "EXAMPLE",
        "HOW TO FIX",
    ] {
        assert!(text.contains(section), "{text}");
    }
    let out = orgguard().args(["explain", "KMS01"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `KMS001`?"));
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let out = orgguard()
        .args(["explain", "--all", "--format", "markdown"])
        .output()
        .expect("run");
    let generated = stdout(&out);
    let committed = std::fs::read_to_string(repo_dir().join("docs/rules.md")).unwrap_or_default();
    assert!(
        generated == committed,
        "docs/rules.md is stale: regenerate it with `cargo run -- explain --all --format markdown > docs/rules.md`"
    );
}

fn lint_json(
    dir: &std::path::Path,
    live: &str,
    extra: &[&str],
) -> (Option<i32>, serde_json::Value) {
    let out = orgguard()
        .arg("-C")
        .arg(dir)
        .args(["lint", "--live", live, "--format", "json"])
        .args(extra)
        .output()
        .expect("run");
    let value = serde_json::from_slice(&out.stdout).expect("json");
    (out.status.code(), value)
}

fn finding_of<'v>(
    value: &'v serde_json::Value,
    code: &str,
    resource: &str,
) -> &'v serde_json::Value {
    value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| {
            f["code"] == code
                && f["subject"]["resource"]
                    .as_str()
                    .is_some_and(|r| r.ends_with(resource))
        })
        .unwrap_or_else(|| panic!("no {code} on {resource}: {value:#}"))
}

#[test]
fn severity_rules_match_by_ou_and_resource_and_the_first_match_wins() {
    let dir = example_copy();
    edit_layout(
        dir.path(),
        "max_access_key_age_days = 90\n",
        "max_access_key_age_days = 90\nseverity_rules = [\n  { ou = \"Foundational/Workloads/Production\", resource = \"arn:aws:iam::*:user/*\", severity = \"info\" },\n  { ou = \"Foundational/Workloads/Production\", raise = 1 },\n  { account_tag = \"environment=dev\", lower = 2 },\n]\n",
    );
    let (_, plain) = lint_json(&repo_dir(), &live_example(), &[]);
    let (_, ruled) = lint_json(dir.path(), &live_example(), &[]);
    let severity = |v: &serde_json::Value, code: &str, resource: &str| {
        finding_of(v, code, resource)["severity"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    // An IAM user in Production: the first rule sets info, the second is not reached.
    assert_eq!(severity(&plain, "IAM005", "user/legacy-batch"), "medium");
    assert_eq!(severity(&ruled, "IAM005", "user/legacy-batch"), "info");
    // Any other finding in Production is one level higher.
    assert_eq!(severity(&plain, "IAM004", "role/sandbox-operator"), "high");
    assert_eq!(
        severity(&ruled, "IAM004", "role/sandbox-operator"),
        "critical"
    );
    // An account under the root is in no OU: unchanged.
    assert_eq!(
        severity(&ruled, "ORG001", "121212121212"),
        severity(&plain, "ORG001", "121212121212")
    );

    // explain --severity names the rule that set it.
    let id = finding_of(&ruled, "IAM004", "role/sandbox-operator")["fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_string();
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["explain", "--severity", &id[..8], "--live", &live_example()])
        .output()
        .expect("run");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.starts_with(&format!("{id} IAM004 ")), "{text}");
    assert!(text.contains("severity: critical"), "{text}");
    assert!(text.contains("1. IAM004 reported it as high"), "{text}");
    assert!(
        text.contains("3. severity rule 2 (ou-layout.toml:")
            && text.contains(
                "{ ou = \"Foundational/Workloads/Production\", raise = 1 } — high → critical"
            ),
        "{text}"
    );

    // A rule that both sets and raises is refused with its position.
    edit_layout(dir.path(), "raise = 1 }", "raise = 1, severity = \"low\" }");
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["lint", "--live", &live_example()])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("exactly one of `severity`, `raise` and `lower`")
            && err.contains("ou-layout.toml"),
        "{err}"
    );
}

#[test]
fn a_baseline_reports_new_open_and_fixed_and_fails_on_new_findings_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let baseline = dir.path().join("baseline.json");
    let (code, first) = lint_json(
        &repo_dir(),
        &live_example(),
        &["--write-baseline", baseline.to_str().expect("path")],
    );
    assert_eq!(code, Some(1), "the example has high findings");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).expect("baseline written"))
            .expect("json");
    assert_eq!(saved["orgguard_baseline"], 1);
    assert_eq!(
        saved["findings"].as_array().map(Vec::len),
        first["findings"].as_array().map(Vec::len)
    );

    // The same organization against its baseline: nothing new, exit 0.
    let out = orgguard()
        .arg("-C")
        .arg(repo_dir())
        .args(["lint", "--live", &live_example(), "--baseline"])
        .arg(&baseline)
        .output()
        .expect("run");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let total = first["findings"].as_array().map(Vec::len).unwrap_or(0);
    assert!(
        text.contains(&format!(
            "against the baseline 0 new, {total} still open, 0 fixed; none new at or above high"
        )),
        "{text}"
    );

    // Fix one hazard (sandbox-admin trusting everyone) and add another (a
    // console user without MFA holding a key).
    let mut snapshot: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(live_example()).expect("read"))
            .expect("json");
    for member in snapshot["member_accounts"].as_array_mut().expect("members") {
        if member["account_id"] == "777777777777" {
            member["roles"]
                .as_array_mut()
                .expect("roles")
                .retain(|r| r["name"] != "sandbox-admin");
        }
        if member["account_id"] == "444444444444" {
            member["users"].as_array_mut().expect("users").push(serde_json::json!({
                "arn": "arn:aws:iam::444444444444:user/ops",
                "name": "ops",
                "user_id": "AIDA4444OPS",
                "console_access": true,
                "mfa": false,
                "access_keys": [{"id": "AKIA4444OPS", "status": "Active", "created_at": "2026-11-01T00:00:00Z"}]
            }));
        }
    }
    let changed = dir.path().join("changed.json");
    std::fs::write(&changed, snapshot.to_string()).expect("write");
    let changed = changed.to_str().expect("path");
    let out = orgguard()
        .arg("-C")
        .arg(repo_dir())
        .args(["lint", "--live", changed, "--baseline"])
        .arg(&baseline)
        .output()
        .expect("run");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("  [new] IAM005 arn:aws:iam::444444444444:user/ops: user ops has active access key AKIA4444OPS"), "{text}");
    assert!(
        text.contains("  [open] IAM004 arn:aws:iam::444444444444:role/sandbox-operator"),
        "{text}"
    );
    assert!(
        text.contains("FIXED (1)\n  IAM001 arn:aws:iam::777777777777:role/sandbox-admin: "),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "against the baseline 1 new, {} still open, 1 fixed; 1 new at or above high",
            total - 1
        )),
        "{text}"
    );
    // The new finding is high: --fail-on critical lets it pass.
    let (code, value) = lint_json(
        &repo_dir(),
        changed,
        &[
            "--baseline",
            baseline.to_str().expect("path"),
            "--fail-on",
            "critical",
        ],
    );
    assert_eq!(code, Some(0), "{value:#}");
    assert_eq!(value["baseline"]["new"].as_array().map(Vec::len), Some(1));
    assert_eq!(value["baseline"]["fixed"][0]["code"], "IAM001");

    // SARIF carries each finding's id and whether it is new.
    let out = orgguard()
        .arg("-C")
        .arg(repo_dir())
        .args(["lint", "--live", changed, "--format", "sarif", "--baseline"])
        .arg(&baseline)
        .output()
        .expect("run");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(
        results
            .iter()
            .all(|r| r["partialFingerprints"]["orgguardFindingId/v1"].is_string())
    );
    let new: Vec<_> = results
        .iter()
        .filter(|r| r["baselineState"] == "new")
        .collect();
    assert_eq!(new.len(), 1, "{new:#?}");
    assert_eq!(new[0]["ruleId"], "IAM005");
}
