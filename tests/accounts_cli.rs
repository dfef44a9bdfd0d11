//! Accounts as code, offline: `validate` names the mistakes of accounts to
//! create or close by file, line and column, with what to do.

mod support;

use support::{example_copy, orgguard};

#[test]
fn accounts_to_create_or_close_are_checked_offline() {
    let dir = example_copy();
    let path = dir.path().join("ou-layout.toml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let first = text.lines().count() + 1;
    text.push_str(
        r#"
[[account]]
name = "sandbox-1"
ou = "/"

[[account]]
name = "sandbox-2"
email = "aws-security@example.com"
ou = "/"

[[account]]
name = "gone"
email = "gone@example.com"
ou = "/"
state = "closed"

[[account]]
id = "101010101010"
name = "legacy-analytics"
ou = "Suspended"
state = "closed"
"#,
    );
    std::fs::write(&path, &text).unwrap();
    // The management account, marked closed where the example declares it.
    let text = text.replacen(
        "name = \"management\"\nemail = \"aws-management@example.com\"\nou = \"/\"",
        "name = \"management\"\nemail = \"aws-management@example.com\"\nou = \"/\"\nstate = \"closed\"",
        1,
    );
    std::fs::write(&path, &text).unwrap();
    let management_line = text
        .lines()
        .position(|l| l == "state = \"closed\"")
        .unwrap()
        + 1;
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .arg("validate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Lines shift by one once the management account gains its state.
    let at = |line: usize, column: usize| format!("ou-layout.toml:{}:{column}:", line + 1);
    for expected in [
        format!(
            "{} error[missing-email]: account `sandbox-1` has neither an id nor an email",
            at(first + 2, 8)
        ),
        "add `email = \"...\"`".to_string(),
        format!(
            "{} error[duplicate-email]: accounts `security` and `sandbox-2` have the same email `aws-security@example.com`",
            at(first + 7, 9)
        ),
        format!(
            "{} error[closed-without-id]: account `gone` is marked closed but has no id",
            at(first + 14, 9)
        ),
        "add `id = \"...\"`".to_string(),
        format!(
            "ou-layout.toml:{management_line}:9: error[close-management]: account 111111111111 (`management`) is the management account, which cannot be closed"
        ),
        "remove `state = \"closed\"`".to_string(),
        "account 101010101010 is declared twice".to_string(),
    ] {
        assert!(
            stdout.contains(&expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    assert!(stdout.contains("5 errors, 0 warnings"), "{stdout}");
}

#[test]
fn the_complete_example_in_docs_layout_validates() {
    let docs = std::fs::read_to_string(support::repo_dir().join("docs/layout.md")).unwrap();
    let example = docs
        .split_once("A complete example:\n\n```toml\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(block, _)| block)
        .expect("docs/layout.md shows a complete accounts-as-code example");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ou-layout.toml"), example).unwrap();
    let out = orgguard()
        .arg("-C")
        .arg(dir.path())
        .arg("validate")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("3 accounts"), "{stdout}");
}
