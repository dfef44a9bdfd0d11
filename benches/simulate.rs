//! Benchmark of `orgguard simulate`: generates a CloudTrail data set (one
//! million events by default, gzipped Records files as S3 holds them) for
//! the shipped example organization, then times parsing alone against the
//! full simulation and measures the CLI's peak memory on a tenth of the
//! files and on all of them.
//!
//!     cargo bench --bench simulate
//!     ORGGUARD_BENCH_EVENTS=5000000 cargo bench --bench simulate
//!
//! Under `cargo test` (no `--bench` argument) it runs a small smoke version.

#[path = "../tests/support/cloudtrail.rs"]
mod cloudtrail;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use cloudtrail::{Call, Caller, Rng, record, write_records_gz};
use orgguard::layout::desired::desired_snapshot;
use orgguard::org::read_snapshot;
use orgguard::simulate::chains::{Guardrails, org_paths};
use orgguard::simulate::tally::Org;
use orgguard::simulate::{parse_only, simulate};
use rayon::prelude::*;

const ACCOUNTS: &[(u32, &str)] = &[
    (25, "444444444444"),
    (25, "555555555555"),
    (15, "666666666666"),
    (10, "777777777777"),
    (5, "888888888888"),
    (5, "999999999999"),
    (5, "222222222222"),
    (3, "333333333333"),
    (2, "121212121212"),
    (3, "111111111111"),
    (2, "101010101010"),
];
const CALLERS: &[(u32, Caller)] = &[
    (30, Caller::Role("data-pipeline")),
    (30, Caller::Role("web-app")),
    (15, Caller::Role("ci-deploy")),
    (3, Caller::Role("BreakGlass")),
    (4, Caller::Role("OrganizationAccountAccessRole")),
    (
        10,
        Caller::Role("aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"),
    ),
    (7, Caller::User("deployer")),
    (1, Caller::Root),
];
const REGIONS: &[(u32, &str)] = &[
    (60, "eu-west-1"),
    (20, "eu-central-1"),
    (15, "us-east-1"),
    (5, "us-west-2"),
];
const ACTIONS: &[(u32, (&str, &str))] = &[
    (20, ("ec2.amazonaws.com", "DescribeInstances")),
    (20, ("s3.amazonaws.com", "GetObject")),
    (10, ("s3.amazonaws.com", "PutObject")),
    (10, ("kms.amazonaws.com", "Decrypt")),
    (8, ("dynamodb.amazonaws.com", "GetItem")),
    (8, ("lambda.amazonaws.com", "Invoke")),
    (8, ("logs.amazonaws.com", "PutLogEvents")),
    (6, ("sts.amazonaws.com", "AssumeRole")),
    (5, ("ec2.amazonaws.com", "RunInstances")),
    (3, ("iam.amazonaws.com", "GetRole")),
    (1, ("rds.amazonaws.com", "DeleteDBInstance")),
    (1, ("cloudtrail.amazonaws.com", "StopLogging")),
];

fn generate(dir: &Path, events: u64, files: u64) -> Vec<PathBuf> {
    let per_file = events.div_ceil(files);
    (0..files)
        .into_par_iter()
        .map(|f| {
            let start = f * per_file;
            let end = (start + per_file).min(events);
            let path = dir.join(format!(
                "AWSLogs/o-exampleorg1/CloudTrail/{f:03}/111111111111_CloudTrail_eu-west-1_20261115T{f:04}Z_bench.json.gz"
            ));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            let mut rng = Rng::new(0x5eed + f);
            let records = (start..end).map(|n| {
                let (source, name) = *rng.pick(ACTIONS);
                let call = Call {
                    account: rng.pick::<&str>(ACCOUNTS),
                    caller: *rng.pick(CALLERS),
                    source,
                    name,
                    region: rng.pick::<&str>(REGIONS),
                };
                record(&call, n)
            });
            write_records_gz(&path, records);
            path
        })
        .collect()
}

/// Runs the CLI under /usr/bin/time -v; returns (seconds, max RSS in KiB).
fn cli_run(events: &Path) -> Option<(f64, u64)> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_orgguard"))
        .arg("-C")
        .arg(repo)
        // The report goes to a pipe: `-o` renames a file into place, which
        // must never be pointed at a device such as /dev/null.
        .args(["simulate", "--format", "json", "--live"])
        .arg(repo.join("examples/live-org.json"))
        .arg("--events")
        .arg(events)
        .output()
        .ok()?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let rss = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse().ok())?;
    Some((seconds, rss))
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let events: u64 = std::env::var("ORGGUARD_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if bench { 1_000_000 } else { 2_000 });
    let file_count: u64 = if bench { 40 } else { 4 };
    let dir = tempfile::tempdir().expect("tempdir");

    let t = Instant::now();
    let files = generate(dir.path(), events, file_count);
    let bytes: u64 = files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!(
        "generated {events} events in {} gzipped Records files ({:.1} MiB) in {:.1} s",
        files.len(),
        bytes as f64 / 1_048_576.0,
        t.elapsed().as_secs_f64()
    );

    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let snapshot = read_snapshot(&repo.join("examples/live-org.json")).expect("example snapshot");
    let loaded = orgguard::layout::load(repo).expect("example layout");
    let layout = loaded.layout.expect("example layout parses");
    let org = Org {
        management_account: snapshot.organization.management_account_id.clone(),
        org_id: snapshot.organization.id.clone(),
        live: Guardrails::of(&snapshot).expect("live chains"),
        proposed: Guardrails::of(&desired_snapshot(&layout).0).expect("proposed chains"),
        org_paths: org_paths(&snapshot),
        rcp_services: Default::default(),
    };

    let t = Instant::now();
    let parsed = parse_only(&files);
    let parse_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let tally = simulate(&files, &org);
    let sim_s = t.elapsed().as_secs_f64();
    assert_eq!(parsed.events, events, "every generated event parses");
    assert_eq!(tally.events, events, "every generated event is simulated");
    assert_eq!(tally.malformed, 0);
    let not_affected: u64 = tally.not_affected.values().sum();
    let newly: u64 = tally
        .groups
        .iter()
        .filter(|(k, _)| k.outcome == orgguard::simulate::tally::Outcome::NewlyDenied)
        .map(|(_, g)| g.count)
        .sum();
    println!(
        "threads: {}; newly denied {newly}, allowed by both {}, not affected by SCPs {not_affected}, groups {}",
        rayon::current_num_threads(),
        tally.allowed_by_both,
        tally.groups.len()
    );
    println!(
        "parse only: {parse_s:.2} s, {:.0} events/s",
        events as f64 / parse_s
    );
    println!(
        "simulate:   {sim_s:.2} s, {:.0} events/s; simulate / parse = {:.2}",
        events as f64 / sim_s,
        sim_s / parse_s
    );

    if !bench {
        return;
    }
    // Peak memory of the whole command on a tenth of the files and on all
    // of them: flat memory means the two are about the same.
    let tenth = dir.path().join("tenth");
    std::fs::create_dir(&tenth).expect("mkdir");
    for f in files.iter().take(files.len() / 10) {
        let to = tenth.join(f.file_name().expect("name"));
        std::fs::hard_link(f, &to)
            .or_else(|_| std::fs::copy(f, &to).map(|_| ()))
            .expect("link");
    }
    let all = dir.path().join("AWSLogs");
    for (label, path, n) in [
        ("a tenth", tenth.as_path(), events / 10),
        ("all", all.as_path(), events),
    ] {
        match cli_run(path) {
            Some((secs, rss)) => println!(
                "orgguard simulate on {label} of the files ({n} events): {secs:.2} s wall, {:.0} events/s, max RSS {:.1} MiB",
                n as f64 / secs,
                rss as f64 / 1024.0
            ),
            None => println!(
                "orgguard simulate on {label}: /usr/bin/time -v is not available; peak memory not measured"
            ),
        }
    }
}
