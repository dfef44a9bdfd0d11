//! Lints a generated deep snapshot of 10,000 member accounts and prints the
//! time taken and the findings per rule. Run with
//! `cargo bench --bench lint_10k` (or `scripts/bench-lint.sh`).

use std::collections::BTreeMap;
use std::time::Instant;

#[path = "support/org.rs"]
mod org;

const LAYOUT: &str = r#"[organization]
management_account_id = "100000000000"

[root]
scps = ["FullAWSAccess"]

[lint]
break_glass_roles = ["arn:aws:iam::*:role/BreakGlass"]

[lint.required_scps]
"/" = ["deny-leave"]
"Top0" = ["region"]
"Top9" = ["region"]
"#;

fn main() {
    let started = Instant::now();
    let snapshot = org::deep::lint_org();
    let generated = started.elapsed();
    let text = snapshot.to_json();

    // The settings come from a layout, as they would in a repository.
    let dir = std::env::temp_dir().join(format!("orgguard-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(dir.join("policies"));
    let _ = std::fs::write(dir.join("ou-layout.toml"), LAYOUT);
    for p in &snapshot.policies {
        if !p.aws_managed {
            let _ = std::fs::write(
                dir.join("policies").join(format!("{}.json", p.name)),
                &p.content,
            );
        }
    }

    let started = Instant::now();
    let parsed = orgguard::org::load::parse_snapshot("bench.json", &text);
    let loaded = orgguard::layout::load(&dir);
    let parse_time = started.elapsed();
    let (Ok(parsed), Ok(loaded)) = (parsed, loaded) else {
        eprintln!("could not load the generated snapshot or layout");
        std::process::exit(2);
    };
    let started = Instant::now();
    let outcome = orgguard::checks::lint(
        loaded.layout.as_ref(),
        &loaded.sources,
        Some(&parsed),
        None,
        time::macros::date!(2026 - 11 - 21),
    );
    let lint_time = started.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    let Ok(outcome) = outcome else {
        eprintln!("lint failed");
        std::process::exit(2);
    };
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &outcome.findings {
        *per_rule.entry(f.code.as_str()).or_default() += 1;
    }
    println!(
        "snapshot: {} accounts, {} OUs, {} roles, {} KMS keys, {} assignments; {:.1} MB of JSON",
        parsed.accounts.len(),
        parsed.organizational_units.len(),
        parsed
            .member_accounts
            .iter()
            .map(|m| m.roles.len())
            .sum::<usize>(),
        parsed
            .member_accounts
            .iter()
            .map(|m| m.kms_keys.len())
            .sum::<usize>(),
        parsed
            .identity_center
            .as_ref()
            .map(|ic| ic.assignments.len())
            .unwrap_or(0),
        text.len() as f64 / 1e6
    );
    println!("generate: {:.3} s", generated.as_secs_f64());
    println!(
        "parse snapshot + load layout: {:.3} s",
        parse_time.as_secs_f64()
    );
    println!(
        "lint: {:.3} s, {} findings",
        lint_time.as_secs_f64(),
        outcome.findings.len()
    );
    for (code, n) in per_rule {
        println!("  {code}: {n}");
    }
}
