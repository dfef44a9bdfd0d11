//! No input may abort orgguard. Generated and mutated input is thrown at
//! every reader: the parsers in-process (a panic or a stack overflow fails
//! the test binary), and the binary itself for each command that reads a
//! file, which must end with exit 0, 1 or 2 and, on 2, a message.
//!
//! `PROPTEST_CASES` sets the number of inputs per in-process target (a
//! hundredth of it per binary target); the suite runs the defaults below,
//! scripts/fuzz.sh many more. Each target prints how many inputs it ran.

mod support;

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use support::repo_dir;

/// Inputs per in-process target, unless PROPTEST_CASES says otherwise.
const IN_PROCESS_CASES: u32 = 400;
/// Inputs per command run as a process (each costs a process start).
const BINARY_CASES: u32 = 24;

/// PROPTEST_CASES for in-process targets; a hundredth of it for the
/// binary ones, each of whose inputs starts a process.
fn cases(default: u32) -> u32 {
    let per_process = if default == BINARY_CASES { 100 } else { 1 };
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .map(|n| (n / per_process).max(1))
        .unwrap_or(default)
}

fn example(path: &str) -> String {
    std::fs::read_to_string(repo_dir().join(path)).expect("example file")
}

/// One edit of a real file: the shapes that broke parsers before (deep
/// nesting), damage (truncation, deletion, duplication) and noise.
#[derive(Debug, Clone)]
enum Mutation {
    Nest { at: usize, open: char, depth: usize },
    Truncate { at: usize },
    Delete { at: usize, len: usize },
    Duplicate { at: usize, len: usize },
    Insert { at: usize, text: String },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (
            any::<usize>(),
            prop::sample::select(vec!['[', '{', '(', '"']),
            prop_oneof![1usize..100, 100usize..200_000]
        )
            .prop_map(|(at, open, depth)| Mutation::Nest { at, open, depth }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), 1usize..200).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1usize..2000).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        (
            any::<usize>(),
            "[\\[\\]{}()\":,\\\\ a-zA-Z0-9$\\n\\u{0}-\\u{7f}\\u{e9}\\u{1f600}]{0,40}"
        )
            .prop_map(|(at, text)| Mutation::Insert { at, text }),
    ]
}

fn char_boundary(text: &str, at: usize) -> usize {
    let mut at = if text.is_empty() {
        0
    } else {
        at % (text.len() + 1)
    };
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_string();
    for m in mutations {
        match m {
            Mutation::Nest { at, open, depth } => {
                let at = char_boundary(&text, *at);
                text.insert_str(at, &open.to_string().repeat(*depth));
            }
            Mutation::Truncate { at } => {
                let at = char_boundary(&text, *at);
                text.truncate(at);
            }
            Mutation::Delete { at, len } => {
                let start = char_boundary(&text, *at);
                let end = char_boundary(&text, start + len).max(start);
                text.replace_range(start..end, "");
            }
            Mutation::Duplicate { at, len } => {
                let start = char_boundary(&text, *at);
                let end = char_boundary(&text, start + len).max(start);
                let copy = text[start..end].to_string();
                text.insert_str(end, &copy);
            }
            Mutation::Insert { at, text: extra } => {
                let at = char_boundary(&text, *at);
                text.insert_str(at, extra);
            }
        }
    }
    text
}

/// A real file with a few mutations, or text made from scratch.
fn input(seed: String) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(mutation(), 1..4).prop_map(move |m| apply(&seed, &m)),
        1 => "[\\[\\]{}()\":,\\\\ a-z0-9.\\-\\n]{0,3000}",
    ]
}

/// Runs `check` over generated input and says how many inputs it ran,
/// past the harness's output capture so the suite's log shows it.
fn run(target: &str, seed: String, default_cases: u32, check: impl Fn(&str)) {
    let ran = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: cases(default_cases),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&input(seed), |text| {
        ran.fetch_add(1, Ordering::Relaxed);
        check(&text);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{target}: {e}");
    }
    let _ = writeln!(
        std::io::stderr(),
        "fuzz {target}: {} inputs, no panic, no abort",
        ran.load(Ordering::Relaxed)
    );
}

#[test]
fn policy_documents_never_panic() {
    run(
        "policy JSON",
        example("policies/production-critical-operations.json"),
        IN_PROCESS_CASES,
        |text| {
            if let Ok(doc) = orgguard::policy::json_tree::parse(text) {
                let _ = orgguard::policy::grammar::check_scp(&doc);
                let _ = orgguard::policy::canonical::canonical_of_text(text);
            }
        },
    );
}

#[test]
fn access_policies_never_panic() {
    run(
        "access.cedar",
        example("policies/access.cedar"),
        IN_PROCESS_CASES,
        |text| {
            let _ = orgguard::access::AccessPolicies::parse("policies/access.cedar", text);
        },
    );
}

#[test]
fn snapshots_never_panic() {
    run(
        "snapshot",
        example("tests/fixtures/access/live.json"),
        IN_PROCESS_CASES,
        |text| {
            let _ = orgguard::org::load::parse_snapshot("live.json", text);
        },
    );
}

#[test]
fn saved_plans_never_panic() {
    let layout = orgguard::layout::load(&repo_dir())
        .expect("example")
        .layout
        .expect("layout");
    let live = orgguard::org::read_snapshot(&repo_dir().join("examples/live-org.json"))
        .expect("example snapshot");
    let plan = orgguard::plan::diff(&layout, &live).expect("plan");
    let saved = orgguard::plan::SavedPlan::new(&plan, &layout, &live).to_json();
    run("saved plan", saved, IN_PROCESS_CASES, |text| {
        if let Ok(plan) = orgguard::plan::SavedPlan::parse(text, "plan.json") {
            let _ = orgguard::plan::saved::check_as_derived(&plan, "plan.json", &[]);
        }
    });
}

#[test]
fn layouts_never_panic() {
    let dir = support::example_copy();
    let file = dir.path().join("ou-layout.toml");
    run(
        "ou-layout.toml",
        example("ou-layout.toml"),
        IN_PROCESS_CASES / 4,
        |text| {
            std::fs::write(&file, text).expect("write layout");
            if let Ok(mut loaded) = orgguard::layout::load(dir.path())
                && let Some(layout) = &loaded.layout
            {
                orgguard::layout::check::check(layout, &loaded.sources, &mut loaded.problems);
            }
        },
    );
}

/// What a user sees: exit 0, 1 or 2, never a crash; on 2, a message.
fn assert_no_crash(what: &str, out: &std::process::Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "{what}: exit {code:?} (killed by a signal when None):\n{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    if code == Some(2) {
        // validate reports problems on stdout, other commands on stderr.
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            !stderr.trim().is_empty() || !stdout.trim().is_empty(),
            "{what}: exit 2 without a message"
        );
    }
}

fn in_dir(dir: &Path, args: &[&str]) -> std::process::Output {
    support::orgguard()
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn validate_never_crashes_on_a_damaged_policy_or_cedar_file() {
    let dir = support::example_copy();
    let scp = example("policies/deny-all.json");
    run("validate: policy file", scp.clone(), BINARY_CASES, |text| {
        std::fs::write(dir.path().join("policies/deny-all.json"), text).expect("write");
        assert_no_crash("validate", &in_dir(dir.path(), &["validate"]));
    });
    std::fs::write(dir.path().join("policies/deny-all.json"), scp).expect("restore");
    run(
        "validate: access.cedar",
        example("policies/access.cedar"),
        BINARY_CASES,
        |text| {
            std::fs::write(dir.path().join("policies/access.cedar"), text).expect("write");
            assert_no_crash("validate", &in_dir(dir.path(), &["validate"]));
        },
    );
}

#[test]
fn commands_never_crash_on_a_damaged_snapshot_plan_or_trail() {
    let dir = support::example_copy();
    let file = dir.path().join("input.json");
    let file_arg = file.to_str().expect("utf-8 path").to_string();
    run(
        "plan --live: snapshot",
        example("examples/live-org.json"),
        BINARY_CASES,
        |text| {
            std::fs::write(&file, text).expect("write");
            assert_no_crash(
                "plan --live",
                &in_dir(dir.path(), &["plan", "--live", &file_arg]),
            );
        },
    );
    let live = repo_dir().join("examples/live-org.json");
    let live_arg = live.to_str().expect("utf-8 path").to_string();
    let plan_file = dir.path().join("plan.json");
    let saved = in_dir(
        dir.path(),
        &[
            "plan",
            "--live",
            &live_arg,
            "-q",
            "-o",
            plan_file.to_str().expect("utf-8"),
        ],
    );
    assert_no_crash("plan -o", &saved);
    run(
        "apply: saved plan",
        std::fs::read_to_string(&plan_file).expect("saved plan"),
        BINARY_CASES,
        |text| {
            std::fs::write(&file, text).expect("write");
            // Every damaged plan is refused before AWS is reached; an intact
            // one fails at the unreachable test endpoint.
            assert_no_crash(
                "apply",
                &in_dir(dir.path(), &["apply", &file_arg, "--auto-approve"]),
            );
        },
    );
    let trail = dir.path().join("trail.jsonl");
    let trail_arg = trail.to_str().expect("utf-8 path").to_string();
    run(
        "simulate: CloudTrail file",
        example("examples/cloudtrail/more-events.jsonl"),
        BINARY_CASES,
        |text| {
            std::fs::write(&trail, text).expect("write");
            assert_no_crash(
                "simulate",
                &in_dir(
                    dir.path(),
                    &["simulate", "--events", &trail_arg, "--live", &live_arg],
                ),
            );
        },
    );
}

#[test]
fn the_shapes_that_overflowed_the_stack_end_with_exit_2_naming_the_file() {
    let dir = support::example_copy();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(dir.path().join("policies/deny-all.json"), &deep).expect("write");
    let out = in_dir(dir.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "policies/deny-all.json:1:65: error[syntax]: invalid JSON: nested deeper than 64 levels"
        ),
        "{stdout}"
    );
    // The 200,000-character line is not quoted under the message.
    assert!(!stdout.contains(&"[".repeat(1_000)), "{}", stdout.len());
    std::fs::write(
        dir.path().join("policies/deny-all.json"),
        example("policies/deny-all.json"),
    )
    .expect("restore");

    let cedar = format!(
        "permit(principal, action, resource) when {{ {}true{} }};",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    std::fs::write(dir.path().join("policies/access.cedar"), cedar).expect("write");
    let out = in_dir(dir.path(), &["validate"]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("policies/access.cedar:1:")
            && stdout.contains("nested deeper than 64 levels"),
        "{stdout}"
    );
    std::fs::write(
        dir.path().join("policies/access.cedar"),
        example("policies/access.cedar"),
    )
    .expect("restore");

    // The same shape in a snapshot, a saved plan and a CloudTrail file.
    let file = dir.path().join("deep.json");
    std::fs::write(&file, format!("{{\"schema_version\": 1, \"x\": {deep}}}")).expect("write");
    let file_arg = file.to_str().expect("utf-8 path");
    let live = repo_dir().join("examples/live-org.json");
    let live_arg = live.to_str().expect("utf-8 path");
    for args in [
        vec!["plan", "--live", file_arg],
        vec!["apply", file_arg, "--auto-approve"],
        vec!["simulate", "--events", file_arg, "--live", live_arg],
    ] {
        let out = in_dir(dir.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("deep.json") && stderr.contains("nested deeper than 64 levels"),
            "{args:?}: {stderr}"
        );
    }
}

/// Found by the fuzzer: an error far along a long line (minified JSON, a
/// damaged file) made the report renderer panic. Such errors are now
/// reported without the snippet.
#[test]
fn an_error_far_along_a_long_line_is_reported_not_a_crash() {
    let dir = support::example_copy();
    let file = dir.path().join("live.json");
    let long = format!(
        "{{\"schema_version\": 1, \"source\": \"{}\" x}}",
        "a".repeat(100_000)
    );
    std::fs::write(&file, &long).expect("write");
    let out = in_dir(
        dir.path(),
        &["plan", "--live", file.to_str().expect("utf-8 path")],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("is not a valid snapshot"), "{stderr}");

    let policy = format!(
        "{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Sid\": \"{}\", \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\" x}}]}}",
        "A".repeat(100_000)
    );
    std::fs::write(dir.path().join("policies/deny-all.json"), policy).expect("write");
    let out = in_dir(dir.path(), &["validate"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    assert!(stdout.contains("policies/deny-all.json:1:"), "{stdout}");
}
