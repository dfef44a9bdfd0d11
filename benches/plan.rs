//! Planning a large organization: 10,000 accounts and 2,000 OUs, against a
//! layout with a few hundred changes. Times the diff with its ordering and
//! step-by-step safety check (`plan::diff`), not the loading.
//!
//! Run with `cargo bench --bench plan`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use orgguard::model::*;
use orgguard::plan::diff;

const TOP: usize = 20;
const MID: usize = 9;
const LEAF: usize = 10;
const ACCOUNTS: usize = 10_000;
const POLICIES: usize = 20;
const RUNS: usize = 15;

struct Ou {
    id: String,
    path: String,
    parent: String,
}

fn tree() -> Vec<Ou> {
    let mut ous = Vec::new();
    for t in 0..TOP {
        let top = format!("ou-bench-t{t:06}00");
        ous.push(Ou {
            id: top.clone(),
            path: format!("top{t}"),
            parent: "r-bench".into(),
        });
        for m in 0..MID {
            let mid = format!("ou-bench-m{t:03}{m:03}00");
            ous.push(Ou {
                id: mid.clone(),
                path: format!("top{t}/mid{m}"),
                parent: top.clone(),
            });
            for l in 0..LEAF {
                ous.push(Ou {
                    id: format!("ou-bench-l{t:03}{m:03}{l:02}"),
                    path: format!("top{t}/mid{m}/leaf{l}"),
                    parent: mid.clone(),
                });
            }
        }
    }
    ous
}

fn policy_text(i: usize, variant: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Deny{i}","Effect":"Deny","Action":["svc{i}:Delete*","svc{i}:{variant}"],"Resource":"*"}}]}}"#
    )
}

fn account_id(i: usize) -> String {
    format!("{:012}", 100_000_000_000u64 + i as u64)
}

/// The live organization.
fn live(ous: &[Ou]) -> Snapshot {
    let mut organizational_units: Vec<OrganizationalUnit> = ous
        .iter()
        .map(|o| OrganizationalUnit {
            id: o.id.clone(),
            arn: String::new(),
            name: o.path.rsplit('/').next().unwrap_or_default().to_string(),
            parent_id: o.parent.clone(),
            tags: BTreeMap::new(),
        })
        .collect();
    // Ten empty OUs the layout no longer has: deleted.
    for i in 0..10 {
        organizational_units.push(OrganizationalUnit {
            id: format!("ou-bench-old{i:05}"),
            arn: String::new(),
            name: format!("old{i}"),
            parent_id: "r-bench".into(),
            tags: BTreeMap::new(),
        });
    }
    let accounts: Vec<Account> = (0..ACCOUNTS)
        .map(|i| Account {
            id: account_id(i),
            arn: String::new(),
            name: format!("acct{i}"),
            email: format!("acct{i}@example.com"),
            status: AccountStatus::Active,
            parent_id: if i == 0 {
                "r-bench".into()
            } else {
                ous[i % ous.len()].id.clone()
            },
            joined_method: None,
            joined_at: None,
            tags: BTreeMap::from([("team".to_string(), format!("t{}", i % 40))]),
        })
        .collect();
    let mut full_targets: Vec<String> = vec!["r-bench".into()];
    full_targets.extend(organizational_units.iter().map(|o| o.id.clone()));
    full_targets.extend(accounts.iter().map(|a| a.id.clone()));
    let mut policies = vec![Policy {
        id: FULL_AWS_ACCESS_ID.into(),
        arn: String::new(),
        name: FULL_AWS_ACCESS.into(),
        description: String::new(),
        aws_managed: true,
        content: "{}".into(),
        targets: full_targets,
    }];
    for p in 0..POLICIES {
        policies.push(Policy {
            id: format!("p-bench{p:05}"),
            arn: String::new(),
            name: format!("scp{p}"),
            description: String::new(),
            aws_managed: false,
            content: policy_text(p, "Put*"),
            targets: (0..TOP)
                .filter(|t| t % POLICIES == p || (t + POLICIES - 1) % POLICIES == p)
                .map(|t| ous[t * (1 + MID + MID * LEAF)].id.clone())
                .collect(),
        });
    }
    Snapshot {
        schema_version: SCHEMA_VERSION,
        captured_at: String::new(),
        source: "bench".into(),
        organization: Organization {
            id: "o-bench00001".into(),
            arn: String::new(),
            management_account_id: account_id(0),
            feature_set: "ALL".into(),
        },
        roots: vec![Root {
            id: "r-bench".into(),
            arn: String::new(),
            name: "Root".into(),
            policy_types: vec![],
        }],
        organizational_units,
        accounts,
        policies,
        identity_center: None,
        member_accounts: vec![],
        incomplete: vec![],
    }
}

/// ou-layout.toml for the same organization with a few hundred edits.
fn layout_toml(ous: &[Ou]) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "[organization]\nmanagement_account_id = \"{}\"\nid = \"o-bench00001\"\n",
        account_id(0)
    );
    t.push_str("[settings]\nunmanaged = \"delete\"\n\n[root]\nscps = [\"FullAWSAccess\"]\n\n");
    for (i, ou) in ous.iter().enumerate() {
        let top = i % (1 + MID + MID * LEAF) == 0;
        let t_index = i / (1 + MID + MID * LEAF);
        // 20 leaf OUs renamed, pinned by id.
        let renamed = i % 100 == 57;
        let path = if renamed {
            format!("{}-renamed", ou.path)
        } else {
            ou.path.clone()
        };
        let _ = writeln!(t, "[[ou]]\npath = \"{path}\"");
        if renamed {
            let _ = writeln!(t, "id = \"{}\"", ou.id);
        }
        if top {
            let a = t_index % POLICIES;
            let b = (t_index + POLICIES - 1) % POLICIES;
            let _ = writeln!(t, "scps = [\"FullAWSAccess\", \"scp{b}\", \"scp{a}\"]");
        } else if i % 100 == 31 {
            // 20 OUs gain an SCP.
            let _ = writeln!(t, "scps = [\"FullAWSAccess\", \"scp{}\"]", i % POLICIES);
        }
        t.push('\n');
    }
    // 50 new OUs.
    for n in 0..50 {
        let _ = writeln!(t, "[[ou]]\npath = \"top{}/new{n}\"\n", n % TOP);
    }
    let paths: Vec<String> = ous
        .iter()
        .enumerate()
        .map(|(i, o)| {
            if i % 100 == 57 {
                format!("{}-renamed", o.path)
            } else {
                o.path.clone()
            }
        })
        .collect();
    for i in 0..ACCOUNTS {
        let place = if i == 0 {
            "/".to_string()
        } else if i % 50 == 0 {
            // 200 accounts move.
            paths[(i + 7) % ous.len()].clone()
        } else {
            paths[i % ous.len()].clone()
        };
        let team = if i % 200 == 1 {
            "moved-team".to_string()
        } else {
            format!("t{}", i % 40)
        };
        let _ = writeln!(
            t,
            "[[account]]\nid = \"{}\"\nname = \"acct{i}\"\nou = \"{place}\"\ntags = {{ team = \"{team}\" }}\n",
            account_id(i)
        );
    }
    t
}

fn main() {
    let ous = tree();
    let live = live(&ous);
    let dir = std::env::temp_dir().join(format!("orgguard-bench-{}", std::process::id()));
    let policies = dir.join("policies");
    if let Err(e) = std::fs::create_dir_all(&policies) {
        eprintln!("cannot create {}: {e}", policies.display());
        std::process::exit(2);
    }
    let write = |path: std::path::PathBuf, text: String| {
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(2);
        }
    };
    write(dir.join("ou-layout.toml"), layout_toml(&ous));
    for p in 0..POLICIES {
        // Five SCPs change content.
        let variant = if p < 5 { "Update*" } else { "Put*" };
        write(
            policies.join(format!("scp{p}.json")),
            policy_text(p, variant),
        );
    }
    let started = Instant::now();
    let layout = match orgguard::layout::load(&dir).map(|l| l.layout) {
        Ok(Some(layout)) => layout,
        _ => {
            eprintln!("the generated layout does not load");
            std::process::exit(2);
        }
    };
    let load_time = started.elapsed();

    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut plan = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let result = diff(&layout, &live);
        times.push(start.elapsed());
        plan = Some(result);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let plan = match plan {
        Some(Ok(plan)) => plan,
        Some(Err(e)) => {
            eprintln!("the plan was refused: {e}");
            std::process::exit(2);
        }
        None => std::process::exit(2),
    };
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "organization: {} accounts, {} OUs, {} SCPs; layout loaded in {:.0} ms (not timed below)",
        live.accounts.len(),
        live.organizational_units.len(),
        live.policies.len(),
        ms(load_time)
    );
    println!(
        "plan: {} changes ({})",
        plan.changes.len(),
        plan.summary().line()
    );
    println!(
        "diff + order + safety over {RUNS} runs: min {:.1} ms, median {:.1} ms, max {:.1} ms",
        ms(times[0]),
        ms(times[RUNS / 2]),
        ms(times[RUNS - 1])
    );
}
