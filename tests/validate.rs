//! `orgguard validate` on the shipped example and on broken copies of it:
//! every kind of mistake gives the right exit code and a message naming
//! the file, line and problem, and never a panic.

mod support;

use std::path::Path;

use predicates::prelude::*;
use support::{example_copy, orgguard, repo_dir};

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn append(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let mut old = std::fs::read_to_string(&path).unwrap();
    old.push_str(text);
    std::fs::write(path, old).unwrap();
}

/// Runs validate on `dir`; checks the exit code and that stdout has each
/// expected fragment; returns stdout.
fn validate(dir: &Path, code: i32, expected: &[&str]) -> String {
    let out = orgguard()
        .arg("-C")
        .arg(dir)
        .arg("validate")
        .assert()
        .code(code);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    for e in expected {
        assert!(stdout.contains(e), "missing {e:?} in:\n{stdout}");
    }
    stdout
}

#[test]
fn the_shipped_example_is_clean_and_summarised() {
    orgguard()
        .arg("-C")
        .arg(repo_dir())
        .arg("validate")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "ou-layout.toml: 8 OUs, 10 accounts, 7 SCPs, 2 RCPs, 24 SCP attachments; 0 errors, 0 warnings",
        ));
}

#[test]
fn toml_syntax_errors_name_line_and_column_and_exit_2() {
    let dir = example_copy();
    edit(
        dir.path(),
        "ou-layout.toml",
        "[root]\nscps = [",
        "[root]\nscps = [[",
    );
    validate(
        dir.path(),
        2,
        &["ou-layout.toml:", "error[syntax]", "could not be parsed"],
    );
}

#[test]
fn unknown_keys_are_rejected_with_a_suggestion() {
    let dir = example_copy();
    edit(
        dir.path(),
        "ou-layout.toml",
        "path = \"Maintenance\"",
        "path = \"Maintenance\"\nscsp = []",
    );
    let out = validate(
        dir.path(),
        2,
        &["unknown key `scsp`", "did you mean `scps`?"],
    );
    assert!(out.contains("ou-layout.toml:"), "{out}");
}

#[test]
fn json_syntax_errors_in_a_policy_file_name_the_file_and_line() {
    let dir = example_copy();
    edit(
        dir.path(),
        "policies/deny-all.json",
        "\"Resource\": \"*\"",
        "\"Resource\": \"*\",",
    );
    validate(
        dir.path(),
        2,
        &[
            "policies/deny-all.json:8:22: error[syntax]: invalid JSON: trailing commas are not allowed",
        ],
    );
}

#[test]
fn references_to_undefined_scps_suggest_the_right_name() {
    let dir = example_copy();
    edit(
        dir.path(),
        "ou-layout.toml",
        "scps = [\"deny-all\"]",
        "scps = [\"deny-al\"]",
    );
    validate(
        dir.path(),
        1,
        &[
            "SCP `deny-al` is attached to OU `Suspended` but not defined",
            "did you mean `deny-all`?",
        ],
    );
}

#[test]
fn a_defined_but_unattached_scp_is_a_warning_only() {
    let dir = example_copy();
    std::fs::write(dir.path().join("policies/spare.json"), "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"ec2:*\", \"Resource\": \"*\"}]}").unwrap();
    validate(
        dir.path(),
        0,
        &[
            "warning[unattached-scp]",
            "SCP `spare` is not attached anywhere",
            "0 errors, 1 warning",
        ],
    );
    orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["validate", "--deny-warnings"])
        .assert()
        .code(1);
}

#[test]
fn an_account_in_two_places_is_an_error() {
    let dir = example_copy();
    append(
        dir.path(),
        "ou-layout.toml",
        "\n[[account]]\nid = \"999999999999\"\nname = \"tooling\"\nou = \"Suspended\"\n",
    );
    validate(
        dir.path(),
        1,
        &["account 999999999999 is declared twice (in `Maintenance` and `Suspended`)"],
    );
}

#[test]
fn duplicate_sibling_ous_are_an_error() {
    let dir = example_copy();
    append(
        dir.path(),
        "ou-layout.toml",
        "\n[[ou]]\npath = \"Maintenance\"\n",
    );
    validate(dir.path(), 1, &["OU `Maintenance` is declared twice"]);
}

#[test]
fn ous_deeper_than_the_limit_are_an_error() {
    let dir = example_copy();
    let mut path = String::from("Maintenance");
    for level in ["A", "B", "C", "D", "E"] {
        path = format!("{path}/{level}");
        append(
            dir.path(),
            "ou-layout.toml",
            &format!("\n[[ou]]\npath = \"{path}\"\n"),
        );
    }
    validate(
        dir.path(),
        1,
        &["OU `Maintenance/A/B/C/D/E` is 6 levels deep; the limit is 5"],
    );
}

#[test]
fn too_many_scps_on_one_target_counting_full_aws_access() {
    // An organization still on the quota of 5 AWS had before 2026-05-15.
    let dir = example_copy();
    append(
        dir.path(),
        "ou-layout.toml",
        "\n[settings.limits]\nscps_per_target = 5\n",
    );
    edit(
        dir.path(),
        "ou-layout.toml",
        "scps = [\"FullAWSAccess\", \"production-critical-operations\"]",
        "scps = [\"FullAWSAccess\", \"production-critical-operations\", \"deny-all\", \"deny-root-user\", \"region-restriction\", \"protect-security-services\"]",
    );
    validate(
        dir.path(),
        1,
        &["OU `Foundational/Workloads/Production` has 6 SCPs attached; the limit is 5"],
    );
}

#[test]
fn scps_per_target_follow_the_2026_quota_and_a_raised_limit_is_honoured() {
    // Since 2026-05-15 AWS allows 10 SCPs per target: 7 on an OU is legal
    // without any setting, 11 is not.
    let dir = example_copy();
    for i in 0..4 {
        std::fs::write(
            dir.path().join(format!("policies/extra-{i}.json")),
            format!(
                r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", "Action": "ec2:DeleteVpc{i}", "Resource": "*"}}]}}"#
            ),
        )
        .unwrap();
    }
    let seven = "scps = [\"FullAWSAccess\", \"production-critical-operations\", \"deny-all\", \"deny-root-user\", \"region-restriction\", \"protect-security-services\", \"deny-leave-organization\"]";
    edit(
        dir.path(),
        "ou-layout.toml",
        "scps = [\"FullAWSAccess\", \"production-critical-operations\"]",
        seven,
    );
    validate(dir.path(), 0, &["0 errors"]);
    let eleven = seven.replace("]", ", \"extra-0\", \"extra-1\", \"extra-2\", \"extra-3\"]");
    edit(dir.path(), "ou-layout.toml", seven, &eleven);
    validate(dir.path(), 1, &["has 11 SCPs attached; the limit is 10"]);
    append(
        dir.path(),
        "ou-layout.toml",
        "\n[settings.limits]\nscps_per_target = 12\n",
    );
    validate(dir.path(), 0, &["0 errors"]);
}

#[test]
fn a_target_left_without_any_scp_is_an_error() {
    let dir = example_copy();
    edit(
        dir.path(),
        "ou-layout.toml",
        "path = \"Maintenance\"",
        "path = \"Maintenance\"\nscps = []",
    );
    validate(dir.path(), 1, &["OU `Maintenance` has no SCP"]);
}

#[test]
fn policy_grammar_mistakes_point_at_the_text() {
    let dir = example_copy();
    std::fs::write(
        dir.path().join("policies/deny-all.json"),
        r#"{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "A", "Effect": "deny", "Action": "*", "NotAction": "s3:*", "Resource": "*"},
    {"Sid": "A", "Effect": "Deny", "Action": "s3", "Resource": "*", "Principal": "*",
     "Condition": {"StringEqual": {"aws:PrincipalArn": "x"}}},
    {"Effect": "Deny", "Action": "ec2:*"}
  ]
}
"#,
    )
    .unwrap();
    validate(
        dir.path(),
        1,
        &[
            "policies/deny-all.json:4:28: error[scp-grammar]: `Effect` must be \"Allow\" or \"Deny\", found \"deny\"",
            "a statement may have `Action` or `NotAction`, not both",
            "duplicate Sid `A`",
            "`s3` is not an action",
            "SCPs do not support `Principal`",
            "unknown condition operator `StringEqual`",
            "did you mean `StringEquals`?",
            "the statement has neither `Resource` nor `NotResource`",
        ],
    );
}

#[test]
fn a_missing_statement_or_version_is_reported() {
    let dir = example_copy();
    std::fs::write(
        dir.path().join("policies/deny-all.json"),
        "{\"Statment\": []}",
    )
    .unwrap();
    validate(
        dir.path(),
        1,
        &[
            "unknown policy element `Statment`",
            "did you mean `Statement`?",
            "the policy has no `Version`",
            "the policy has no `Statement`",
        ],
    );
}

#[test]
fn unresolved_and_unused_variables() {
    let dir = example_copy();
    edit(
        dir.path(),
        "policies/region-restriction.json",
        "${allowed_regions}",
        "${allowed_region}",
    );
    validate(
        dir.path(),
        1,
        &[
            "policies/region-restriction.json:56:34: error[template]: `${allowed_region}` is not defined",
            "did you mean `${allowed_regions}`?",
            "warning[unused-var]: variable `allowed_regions` is not used by any policy",
        ],
    );
}

#[test]
fn iam_policy_variables_are_left_alone() {
    let dir = example_copy();
    edit(
        dir.path(),
        "policies/deny-root-user.json",
        "\"arn:aws:iam::*:root\"",
        "[\"arn:aws:iam::*:root\", \"arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}\", \"${*}${?}${$}\"]",
    );
    validate(dir.path(), 0, &["0 errors"]);
}

#[test]
fn a_policy_over_the_size_limit_counts_what_would_be_sent() {
    let dir = example_copy();
    // Whitespace does not count: the document is sent compact.
    edit(
        dir.path(),
        "policies/deny-all.json",
        "\"Action\": \"*\"",
        &format!("\"Action\": \"*\"{}", " ".repeat(6000)),
    );
    validate(dir.path(), 0, &["0 errors"]);
    let actions: Vec<String> = (0..700).map(|i| format!("\"ec2:Action{i:04}\"")).collect();
    edit(
        dir.path(),
        "policies/deny-all.json",
        "\"Action\": \"*\"",
        &format!("\"Action\": [{}]", actions.join(", ")),
    );
    validate(
        dir.path(),
        1,
        &[
            "error[scp-size]: SCP `deny-all` is",
            "characters as sent to AWS; the limit is 10240",
        ],
    );
}

#[test]
fn json_output_lists_problems_with_positions() {
    let dir = example_copy();
    edit(
        dir.path(),
        "ou-layout.toml",
        "scps = [\"deny-all\"]",
        "scps = [\"deny-al\"]",
    );
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .args(["validate", "--format", "json"])
        .assert()
        .code(1);
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["errors"], 1);
    let problem = &report["findings"][0];
    assert_eq!(problem["code"], "unknown-scp");
    assert_eq!(problem["severity"], "high");
    assert_eq!(problem["subject"]["file"], "ou-layout.toml");
    assert!(problem["subject"]["line"].as_u64().unwrap() > 1);
    assert_eq!(problem["help"], "did you mean `deny-all`?");
    assert_eq!(report["summary"]["accounts"], 10);
}

#[test]
fn a_missing_layout_is_an_error_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    orgguard()
        .arg("-C")
        .arg(dir.path())
        .arg("validate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read"))
        .stderr(predicate::str::contains("ou-layout.toml"))
        .stderr(predicate::str::contains("-C DIR"));
}

#[test]
fn help_describes_the_commands() {
    orgguard()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Multi-account guardrails as code"))
        .stdout(predicate::str::contains("validate"));
    orgguard()
        .args(["validate", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("offline"))
        .stdout(predicate::str::contains("--deny-warnings"));
}

#[test]
fn rcps_are_checked_for_grammar_names_and_the_limit_of_five() {
    let dir = example_copy();
    validate(dir.path(), 0, &["0 errors"]);
    // Four RCPs of one's own besides RCPFullAWSAccess fill a target; a
    // fifth goes over AWS's quota of 5.
    for i in 0..5 {
        std::fs::write(
            dir.path().join(format!("policies/rcp/extra-{i}.json")),
            format!(
                r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject{i}", "Resource": "*"}}]}}"#
            ),
        )
        .unwrap();
    }
    edit(
        dir.path(),
        "ou-layout.toml",
        "path = \"Foundational/Infra\"",
        "path = \"Foundational/Infra\"\nrcps = [\"RCPFullAWSAccess\", \"extra-0\", \"extra-1\", \"extra-2\", \"extra-3\"]",
    );
    edit(
        dir.path(),
        "ou-layout.toml",
        "path = \"Maintenance\"",
        "path = \"Maintenance\"\nrcps = [\"extra-0\", \"extra-1\", \"extra-2\", \"extra-3\", \"extra-4\"]",
    );
    let out = validate(
        dir.path(),
        1,
        &["OU `Maintenance` has 6 RCPs attached (RCPFullAWSAccess included); the limit is 5"],
    );
    assert!(!out.contains("OU `Foundational/Infra` has"), "{out}");

    // The RCP grammar, at the text.
    edit(
        dir.path(),
        "policies/rcp/extra-4.json",
        "\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"s3:PutObject4\"",
        "\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ec2:RunInstances\"",
    );
    validate(
        dir.path(),
        1,
        &[
            "policies/rcp/extra-4.json:1:52: error[rcp-grammar]: RCPs support only \"Effect\": \"Deny\"",
            "error[rcp-grammar]: RCPs do not apply to the `ec2` service",
            "if AWS has added `ec2` since this orgguard release",
        ],
    );

    // A service AWS added to RCPs after this release is named in the
    // layout; a name that is no service prefix, or one orgguard already
    // knows, is said so at the setting.
    edit(
        dir.path(),
        "ou-layout.toml",
        "unmanaged = \"keep\"",
        "unmanaged = \"keep\"\nrcp_services = [\"ec2\", \"Bedrock AgentCore\", \"signin\"]",
    );
    let out = validate(
        dir.path(),
        1,
        &[
            "error[rcp-grammar]: RCPs support only \"Effect\": \"Deny\"",
            "error[invalid-value]: `Bedrock AgentCore` is not a service prefix",
            "warning[invalid-value]: orgguard already knows that RCPs apply to `signin`",
        ],
    );
    assert!(!out.contains("`ec2` service"), "{out}");
}

#[test]
fn a_missing_comma_in_a_policy_is_a_syntax_error_as_aws_would_say() {
    let dir = example_copy();
    edit(
        dir.path(),
        "policies/deny-all.json",
        "\"Effect\": \"Deny\",",
        "\"Effect\": \"Deny\"",
    );
    validate(
        dir.path(),
        2,
        &["policies/deny-all.json:7:7: error[syntax]: invalid JSON: expected `,` or `}`"],
    );
}

#[test]
fn two_policies_given_the_same_aws_name_are_an_error() {
    let dir = example_copy();
    // deny-all may be called something else in AWS, but not what another
    // policy is called.
    edit(
        dir.path(),
        "ou-layout.toml",
        "[policies.deny-all]\n",
        "[policies.deny-all]\nname = \"deny-root-user\"\n",
    );
    validate(
        dir.path(),
        1,
        &[
            "[policies.deny-all] and [policies.deny-root-user] are both named `deny-root-user` in AWS",
        ],
    );
    edit(
        dir.path(),
        "ou-layout.toml",
        "name = \"deny-root-user\"",
        "name = \"Deny everything / suspended\"",
    );
    validate(dir.path(), 0, &["0 errors"]);
}

#[test]
fn an_aws_name_that_is_another_policy_files_name_is_an_error() {
    let dir = example_copy();
    edit(
        dir.path(),
        "ou-layout.toml",
        "[policies.deny-all]\n",
        "[policies.deny-all]\nname = \"deny-external-assume-role\"\n",
    );
    // That RCP has a [policies] section too; drop it to reach the file check.
    edit(
        dir.path(),
        "ou-layout.toml",
        "[policies.deny-external-assume-role]\ndescription = \"Roles can be assumed only by principals of the organization and AWS services.\"\n",
        "",
    );
    validate(
        dir.path(),
        1,
        &[
            "[policies.deny-all] is named `deny-external-assume-role` in AWS, the name of policies/rcp/deny-external-assume-role.json",
        ],
    );
}

#[test]
fn alternate_contacts_need_every_field_and_a_real_email_address() {
    let dir = example_copy();
    append(
        dir.path(),
        "ou-layout.toml",
        "\n[contacts.security]\nname = \"SecOps\"\ntitle = \"Security\"\nemail = \"secops@example.com\"\nphone = \"+1-555-0100\"\n",
    );
    validate(dir.path(), 0, &["0 errors"]);
    edit(
        dir.path(),
        "ou-layout.toml",
        "email = \"aws-security@example.com\"\n",
        "email = \"aws-security@example.com\"\ncontacts.security = { name = \"Security account\", title = \"\", email = \"secops at example.com\", phone = \"+1-555-0101\" }\n",
    );
    validate(
        dir.path(),
        1,
        &[
            "error[invalid-value]: the SECURITY contact of account 222222222222 has an empty `title`",
            "error[invalid-value]: the SECURITY contact of account 222222222222 has email `secops at example.com`, which is not an email address",
        ],
    );
    // A contact AWS would refuse for a missing field is refused here first.
    edit(
        dir.path(),
        "ou-layout.toml",
        "phone = \"+1-555-0100\"\n",
        "",
    );
    validate(dir.path(), 2, &["error[syntax]: missing key `phone`"]);
}

#[test]
fn a_zero_limit_points_at_its_key_and_an_unknown_one_is_refused() {
    let dir = example_copy();
    append(
        dir.path(),
        "ou-layout.toml",
        "\n[settings.limits]\nscps_per_target = 12\nrcps_per_target = 0\n",
    );
    let lines = std::fs::read_to_string(dir.path().join("ou-layout.toml"))
        .unwrap()
        .lines()
        .count();
    let out = validate(dir.path(), 1, &["limit `rcps_per_target` is 0"]);
    assert!(
        out.contains(&format!("ou-layout.toml:{lines}:1: error[invalid-value]")),
        "{out}"
    );

    let dir = example_copy();
    append(
        dir.path(),
        "ou-layout.toml",
        "\n[settings.limits]\nscps_per_targets = 12\n",
    );
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .arg("validate")
        .assert()
        .code(2);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("scps_per_targets"), "{stdout}");
}
