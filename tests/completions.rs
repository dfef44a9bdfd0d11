//! Shell completions and manual pages: generated for four shells, working
//! in bash, and committed under share/ (the release archives carry them) in
//! step with the command line.

mod support;

use std::path::Path;
use std::process::Command;

use support::{orgguard, repo_dir};

/// Shell, the file the release archives carry, a line only that shell's
/// script has.
const SHELLS: [(&str, &str, &str); 4] = [
    (
        "bash",
        "share/completions/orgguard.bash",
        "complete -F _orgguard",
    ),
    ("zsh", "share/completions/_orgguard", "#compdef orgguard"),
    (
        "fish",
        "share/completions/orgguard.fish",
        "complete -c orgguard",
    ),
    (
        "powershell",
        "share/completions/_orgguard.ps1",
        "Register-ArgumentCompleter -Native -CommandName 'orgguard'",
    ),
];

const STALE: &str = "is stale: run `bash scripts/update-generated.sh`";

fn completions(shell: &str) -> String {
    let out = orgguard().args(["completions", shell]).output().unwrap();
    assert!(out.status.success(), "{shell}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_are_generated_for_four_shells_and_committed() {
    for (shell, file, marker) in SHELLS {
        let script = completions(shell);
        assert!(script.contains(marker), "{shell}: {script}");
        for command in ["validate", "plan", "lint", "schema", "completions"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
        let committed = std::fs::read_to_string(repo_dir().join(file)).unwrap_or_default();
        assert!(committed == script, "{file} {STALE}");
    }
}

/// What bash offers after `orgguard <words>` and a tab; the last word is
/// the one being completed (empty after a space).
fn bash_offers(script: &Path, words: &[&str]) -> Vec<String> {
    let words: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let words = words.join(" ");
    let program = format!(
        "source {script}\nCOMP_WORDS=(orgguard {words})\nCOMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n\
         COMP_LINE=\"${{COMP_WORDS[*]}}\"\nCOMP_POINT=${{#COMP_LINE}}\n\
         _orgguard orgguard \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script = script.display()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(program)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_commands_and_their_values() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("orgguard.bash");
    std::fs::write(&script, completions("bash")).unwrap();

    assert_eq!(bash_offers(&script, &["va"]), ["validate"]);
    let formats = bash_offers(&script, &["lint", "--format", ""]);
    for format in ["text", "json", "sarif", "markdown", "github"] {
        assert!(formats.iter().any(|f| f == format), "{formats:?}");
    }
    let shells = bash_offers(&script, &["completions", ""]);
    for shell in ["bash", "zsh", "fish", "powershell"] {
        assert!(shells.iter().any(|s| s == shell), "{shells:?}");
    }
}

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let out = orgguard().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with(".ie \\n(.g .ds Aq \\(aq"), "{page}");
    assert!(page.contains(".TH orgguard 1"), "{page}");
    assert!(
        page.contains("Multi\\-account guardrails as code"),
        "{page}"
    );
    for command in [
        "orgguard\\-validate(1)",
        "orgguard\\-plan(1)",
        "orgguard\\-completions(1)",
    ] {
        assert!(page.contains(command), "no {command} in\n{page}");
    }
}

#[test]
fn a_page_per_command_is_written_and_committed() {
    let dir = tempfile::tempdir().unwrap();
    let out = orgguard()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    for page in [
        "orgguard.1",
        "orgguard-validate.1",
        "orgguard-plan.1",
        "orgguard-access-check.1",
    ] {
        assert!(
            written.iter().any(|w| w == page),
            "{page} not in {written:?}"
        );
    }

    let committed_dir = repo_dir().join("share/man/man1");
    let mut committed: Vec<String> = std::fs::read_dir(&committed_dir)
        .map(|dir| {
            dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    committed.sort();
    assert_eq!(committed, written, "share/man/man1 {STALE}");
    for page in &written {
        let now = std::fs::read(dir.path().join(page)).unwrap();
        let then = std::fs::read(committed_dir.join(page)).unwrap();
        assert!(now == then, "share/man/man1/{page} {STALE}");
    }
}
