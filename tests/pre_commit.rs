//! The hooks in .pre-commit-hooks.yaml, run by the real pre-commit in a
//! scratch git repository holding the example organization: a clean layout
//! commits, a broken SCP is stopped with its file and line.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pre_commit() -> PathBuf {
    let path = std::env::var_os("ORGGUARD_PRE_COMMIT")
        .map(PathBuf::from)
        .unwrap_or_else(|| support::repo_dir().join(".venv/bin/pre-commit"));
    assert!(
        path.exists(),
        "pre-commit is not installed: run `bash scripts/test.sh`, which installs it into .venv"
    );
    path
}

/// PATH with the test build of orgguard first, as an installed release
/// would be.
fn path_with_orgguard() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_orgguard"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&rest))).expect("PATH")
}

fn run(dir: &Path, program: &Path, args: &[&str], home: &Path) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("PATH", path_with_orgguard())
        .env("PRE_COMMIT_HOME", home.join("pre-commit-cache"))
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Platform Team")
        .env("GIT_AUTHOR_EMAIL", "platform@example.com")
        .env("GIT_COMMITTER_NAME", "Platform Team")
        .env("GIT_COMMITTER_EMAIL", "platform@example.com")
        .env("NO_COLOR", "1")
        .env("AWS_ENDPOINT_URL", support::NOWHERE)
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", program.display()))
}

fn git(dir: &Path, args: &[&str], home: &Path) -> Output {
    let out = run(dir, Path::new("git"), args, home);
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
    out
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A git repository holding only this repository's .pre-commit-hooks.yaml,
/// as pre-commit would clone it; returns its commit.
fn hooks_repo(dir: &Path, home: &Path) -> String {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(
        support::repo_dir().join(".pre-commit-hooks.yaml"),
        dir.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    git(dir, &["init", "--quiet"], home);
    git(dir, &["add", "."], home);
    git(dir, &["commit", "--quiet", "-m", "hooks"], home);
    let head = git(dir, &["rev-parse", "HEAD"], home);
    String::from_utf8_lossy(&head.stdout).trim().to_string()
}

/// The example organization in a git repository that uses both hooks.
fn org_repo(home: &Path) -> tempfile::TempDir {
    let hooks = home.join("hooks");
    let rev = hooks_repo(&hooks, home);
    let org = support::example_copy();
    std::fs::write(
        org.path().join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: orgguard-validate\n      - id: orgguard-lint\n",
            hooks.display()
        ),
    )
    .unwrap();
    git(org.path(), &["init", "--quiet"], home);
    let installed = run(org.path(), &pre_commit(), &["install"], home);
    assert!(installed.status.success(), "{}", text(&installed));
    git(org.path(), &["add", "."], home);
    org
}

#[test]
fn a_clean_layout_commits_and_a_broken_scp_is_stopped_with_its_line() {
    let home = tempfile::tempdir().unwrap();
    let org = org_repo(home.path());

    let clean = run(
        org.path(),
        Path::new("git"),
        &["commit", "-m", "the organization"],
        home.path(),
    );
    let out = text(&clean);
    assert!(clean.status.success(), "{out}");
    assert!(
        out.contains("orgguard validate") && out.contains("Passed"),
        "{out}"
    );
    assert!(out.contains("orgguard lint"), "{out}");

    // A typo AWS would refuse the SCP for.
    let scp = org.path().join("policies/deny-leave-organization.json");
    let text_before = std::fs::read_to_string(&scp).unwrap();
    let broken = text_before.replacen("\"Effect\": \"Deny\"", "\"Effect\": \"Denny\"", 1);
    assert_ne!(broken, text_before, "the SCP changed shape: {text_before}");
    std::fs::write(&scp, broken).unwrap();
    git(org.path(), &["add", "."], home.path());

    let refused = run(
        org.path(),
        Path::new("git"),
        &["commit", "-m", "break an SCP"],
        home.path(),
    );
    let out = text(&refused);
    assert!(
        !refused.status.success(),
        "the broken SCP was committed:\n{out}"
    );
    assert!(out.contains("Failed"), "{out}");
    assert!(
        out.contains(
            "policies/deny-leave-organization.json:6:17: error[scp-grammar]: `Effect` must be \"Allow\" or \"Deny\", found \"Denny\""
        ),
        "no file:line in\n{out}"
    );
    let log = git(org.path(), &["log", "--format=%s"], home.path());
    assert_eq!(
        String::from_utf8_lossy(&log.stdout).trim(),
        "the organization"
    );
}

#[test]
fn the_hooks_stay_quiet_when_no_layout_file_changed() {
    let home = tempfile::tempdir().unwrap();
    let org = org_repo(home.path());
    git(
        org.path(),
        &["commit", "--quiet", "-m", "the organization"],
        home.path(),
    );

    std::fs::write(org.path().join("NOTES.md"), "on-call rota\n").unwrap();
    git(org.path(), &["add", "NOTES.md"], home.path());
    let commit = run(
        org.path(),
        Path::new("git"),
        &["commit", "-m", "notes"],
        home.path(),
    );
    let out = text(&commit);
    assert!(commit.status.success(), "{out}");
    assert!(
        out.contains("(no files to check)Skipped"),
        "the hooks ran for a file outside the layout:\n{out}"
    );
}

#[test]
fn the_lint_hook_stops_a_misspelt_action_that_validate_lets_through() {
    let home = tempfile::tempdir().unwrap();
    let org = org_repo(home.path());
    git(
        org.path(),
        &["commit", "--quiet", "-m", "the organization"],
        home.path(),
    );

    let scp = org.path().join("policies/deny-leave-organization.json");
    let before = std::fs::read_to_string(&scp).unwrap();
    let misspelt = before.replacen(
        "organizations:LeaveOrganization\"",
        "organizations:LeaveOrganisation\"",
        1,
    );
    assert_ne!(misspelt, before);
    std::fs::write(&scp, misspelt).unwrap();
    git(org.path(), &["add", "."], home.path());

    let refused = run(
        org.path(),
        Path::new("git"),
        &["commit", "-m", "British spelling"],
        home.path(),
    );
    let out = text(&refused);
    assert!(!refused.status.success(), "{out}");
    assert!(
        out.contains("orgguard validate") && out.contains("Passed"),
        "{out}"
    );
    assert!(
        out.contains(
            "SCP001 policies/deny-leave-organization.json:7:17: `organizations:LeaveOrganisation`"
        ),
        "{out}"
    );
}
