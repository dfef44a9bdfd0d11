//! The scale benchmark (not part of the test run: `#[ignore]`; run it with
//! `scripts/bench-scale.sh`). It seeds moto with a large synthetic
//! organization, puts the fault proxy in front with 50 ms of latency per
//! call and Identity Center throttled at 20 requests per second, and
//! measures:
//! - `orgguard snapshot --deep`: calls, wall time, and the ratio of wall
//!   time to the floor the throttle sets (Identity Center calls / 20 per s);
//! - on the same org, `orgguard import` and then `plan` twice: with the
//!   imported `[identity_center]` section and without it (no Identity
//!   Center call), both expected to report no changes;
//! - on a second org, a fifth of the size with the same proportions (the
//!   walk over every account and permission set of the large one alone would
//!   take 25 minutes at 20 requests/s): the assignment inventory read three
//!   ways on the same proxy: orgguard's choice (`--assignments auto`), the
//!   per-account × per-permission-set walk (`--assignments every-pair`), and
//!   `aws-sso-util admin assignments` when `ORGGUARD_AWS_SSO_UTIL` names its
//!   executable.
//!
//! `ORGGUARD_BENCH_SHAPE=small` runs the same steps on the test-sized org.

mod support;

use std::time::{Duration, Instant};

use support::proxy::FaultProxy;
use support::seed;
use support::synth::{Org, Shape};

const IDENTITY_CENTER: [&str; 2] = ["sso", "identitystore"];
const RATE: f64 = 20.0;

struct Run {
    wall: Duration,
    identity_center_calls: u64,
    assignment_calls: u64,
    all_calls: u64,
    throttled: u64,
    /// CPU seconds the moto server spent meanwhile: when it nears the wall
    /// time, the emulator, not orgguard, sets the pace.
    moto_cpu: f64,
    output: String,
}

/// utime + stime of the moto server behind `endpoint`, from /proc.
fn moto_cpu_seconds(endpoint: &str) -> f64 {
    let port = endpoint.rsplit(':').next().unwrap_or_default();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    for entry in entries.flatten() {
        let cmd = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
        if cmd.contains("python")
            && cmd.contains("moto_server")
            && cmd.contains(&format!("-p {port}"))
        {
            let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
            let fields: Vec<&str> = stat
                .rsplit(')')
                .next()
                .unwrap_or_default()
                .split_whitespace()
                .collect();
            let ticks = |i: usize| {
                fields
                    .get(i)
                    .and_then(|f| f.parse::<f64>().ok())
                    .unwrap_or(0.0)
            };
            // Fields 14 and 15 of stat; clock ticks are 1/100 s on Linux.
            return (ticks(11) + ticks(12)) / 100.0;
        }
    }
    0.0
}

fn measure(moto: &support::Moto, proxy: &FaultProxy, run: impl FnOnce() -> String) -> Run {
    proxy.reset_counts();
    let cpu = moto_cpu_seconds(&moto.endpoint);
    let start = Instant::now();
    let output = run();
    let wall = start.elapsed();
    let moto_cpu = moto_cpu_seconds(&moto.endpoint) - cpu;
    let tallies = proxy.tallies();
    let sum = |f: &dyn Fn(&(String, String)) -> bool| -> u64 {
        tallies
            .iter()
            .filter(|(k, _)| f(k))
            .map(|(_, t)| t.calls)
            .sum()
    };
    Run {
        wall,
        identity_center_calls: sum(&|(s, _)| IDENTITY_CENTER.contains(&s.as_str())),
        assignment_calls: sum(&|(s, a)| {
            s == "sso"
                && matches!(
                    a.as_str(),
                    "ListAccountAssignments"
                        | "ListAccountAssignmentsForPrincipal"
                        | "ListAccountsForProvisionedPermissionSet"
                        | "ListPermissionSetsProvisionedToAccount"
                )
        }),
        all_calls: sum(&|_| true),
        throttled: tallies.values().map(|t| t.throttled).sum(),
        moto_cpu,
        output,
    }
}

fn orgguard_snapshot(proxy: &FaultProxy, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = support::orgguard_at(&proxy.endpoint)
        .current_dir(dir.path())
        .args([
            "snapshot",
            "-v",
            "--regions",
            "us-east-1",
            "-o",
            "live.json",
        ])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

fn line<'a>(text: &'a str, prefix: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or("(not printed)")
}

fn shape(full: Shape) -> Shape {
    match std::env::var("ORGGUARD_BENCH_SHAPE").as_deref() {
        Ok("small") => Shape::small(1),
        _ => full,
    }
}

/// Seeds the org through a provisioning-aware proxy, then slows the proxy
/// down to 50 ms a call with Identity Center at 20 requests/s.
fn seeded(moto: &support::Moto, shape: &Shape) -> FaultProxy {
    let proxy = FaultProxy::start(&moto.endpoint);
    proxy.emulate_provisioning();
    proxy.emulate_permissions_boundaries();
    let org = Org::generate(shape);
    let start = Instant::now();
    seed::runtime().block_on(org.seed(&proxy.endpoint, 6));
    println!(
        "organization: {} accounts in {} OUs ({} levels), {} SCPs, {} permission sets, {} groups, {} users, {} assignments, {} roles and {} keys per account, {} accounts with planted hazards; seeded in {:.0} s",
        shape.accounts,
        shape.ous,
        shape.depth,
        shape.scps,
        shape.permission_sets,
        shape.groups,
        shape.users,
        shape.assignments,
        shape.roles_per_account,
        shape.keys_per_account,
        org.hazardous_accounts(),
        start.elapsed().as_secs_f64()
    );
    proxy.latency(Duration::from_millis(50));
    proxy.throttle(&IDENTITY_CENTER, RATE, RATE);
    println!(
        "proxy: 50 ms added to every call; Identity Center (sso + identitystore) throttled at {RATE} requests/s"
    );
    proxy
}

#[test]
#[ignore = "a benchmark: run scripts/bench-scale.sh"]
fn a_deep_snapshot_of_the_large_org() {
    let moto = support::moto();
    let proxy = seeded(&moto, &shape(Shape::large(1)));
    for (title, args) in [
        ("orgguard snapshot --deep", &["--deep"][..]),
        ("orgguard snapshot", &[][..]),
    ] {
        let run = measure(&moto, &proxy, || orgguard_snapshot(&proxy, args));
        let floor = run.identity_center_calls as f64 / RATE;
        println!("{title}");
        println!("  {}", line(&run.output, "organization "));
        if args.contains(&"--deep") {
            println!("  {}", line(&run.output, "member accounts:"));
        }
        println!(
            "  orgguard's own count: {}",
            line(&run.output, "API calls:")
        );
        println!(
            "  proxy: {} calls, {} to Identity Center, {} throttled; moto busy {:.0} s; wall {:.1} s; throttle floor {:.1} s; ratio {:.2}\n",
            run.all_calls,
            run.identity_center_calls,
            run.throttled,
            run.moto_cpu,
            run.wall.as_secs_f64(),
            floor,
            run.wall.as_secs_f64() / floor
        );
    }
    plan_with_and_without_identity_center(&moto, &proxy);
}

#[test]
#[ignore = "a benchmark: run scripts/bench-scale.sh"]
fn the_assignment_inventory_three_ways() {
    let moto = support::moto();
    let full = Shape {
        accounts: 200,
        ous: 20,
        scps: 12,
        groups: 60,
        users: 400,
        assignments: 2_000,
        roles_per_account: 0,
        keys_per_account: 0,
        ..Shape::large(2)
    };
    let proxy = seeded(&moto, &shape(full));
    println!("assignment inventory, same proxy:");
    println!(
        "  {:<44} {:>10} {:>12} {:>10} {:>10} {:>8}",
        "reader", "wall s", "assignment", "IC calls", "throttled", "moto s"
    );
    let row = |name: &str, r: &Run| {
        println!(
            "  {:<44} {:>10.1} {:>12} {:>10} {:>10} {:>8.0}",
            name,
            r.wall.as_secs_f64(),
            r.assignment_calls,
            r.identity_center_calls,
            r.throttled,
            r.moto_cpu
        )
    };
    let auto = measure(&moto, &proxy, || orgguard_snapshot(&proxy, &[]));
    row(
        &format!(
            "orgguard snapshot (auto: {})",
            line(&auto.output, "organization ")
                .split("(read ")
                .nth(1)
                .and_then(|s| s.split(')').next())
                .unwrap_or("?")
        ),
        &auto,
    );
    let walk = measure(&moto, &proxy, || {
        orgguard_snapshot(&proxy, &["--assignments", "every-pair"])
    });
    row("account × permission set walk (every-pair)", &walk);
    match std::env::var("ORGGUARD_AWS_SSO_UTIL") {
        Ok(tool) => {
            let util = measure(&moto, &proxy, || {
                let out = std::process::Command::new(&tool)
                    .args(["admin", "assignments"])
                    .envs(support::aws_env(&proxy.endpoint))
                    .env("AWS_DEFAULT_REGION", "us-east-1")
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                String::from_utf8_lossy(&out.stdout).into_owned()
            });
            row("aws-sso-util admin assignments", &util);
            println!(
                "  (aws-sso-util printed {} assignment lines)",
                util.output.lines().count().saturating_sub(1)
            );
        }
        Err(_) => println!("  aws-sso-util: skipped (ORGGUARD_AWS_SSO_UTIL is not set)"),
    }
    println!(
        "\norgguard's choice vs the walk: {:.1}× fewer assignment calls, {:.1}× less time",
        walk.assignment_calls as f64 / auto.assignment_calls.max(1) as f64,
        walk.wall.as_secs_f64() / auto.wall.as_secs_f64()
    );
}

fn orgguard_in(proxy: &FaultProxy, dir: &std::path::Path, args: &[&str]) -> String {
    let out = support::orgguard_at(&proxy.endpoint)
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "orgguard {args:?}:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// `plan` reads Identity Center only when the layout declares it: the
/// organization behind `proxy`, imported into a layout, planned with the
/// imported [identity_center] section (Identity Center read, as plan did
/// for every layout before) and with the same layout without it.
fn plan_with_and_without_identity_center(moto: &support::Moto, proxy: &FaultProxy) {
    let declared = tempfile::tempdir().unwrap();
    let import = measure(moto, proxy, || {
        orgguard_in(proxy, declared.path(), &["import", "-q"])
    });
    println!(
        "orgguard import: {} calls, {} to Identity Center; wall {:.1} s",
        import.all_calls,
        import.identity_center_calls,
        import.wall.as_secs_f64()
    );
    let layout = std::fs::read_to_string(declared.path().join("ou-layout.toml")).unwrap();
    let cut = layout
        .find("\n[identity_center]")
        .expect("import wrote an [identity_center] section");
    let plain = tempfile::tempdir().unwrap();
    std::fs::write(plain.path().join("ou-layout.toml"), &layout[..cut + 1]).unwrap();
    copy_dir(
        &declared.path().join("policies"),
        &plain.path().join("policies"),
    );
    for (title, dir) in [
        (
            "orgguard plan, layout with [identity_center] (reads Identity Center, as every plan did before)",
            declared.path(),
        ),
        (
            "orgguard plan, layout without [identity_center]",
            plain.path(),
        ),
    ] {
        let run = measure(moto, proxy, || orgguard_in(proxy, dir, &["plan"]));
        assert!(
            run.output.contains("No changes."),
            "import then plan is not empty:\n{}",
            run.output
        );
        println!(
            "{title}\n  no changes; {} calls, {} to Identity Center ({} throttled); wall {:.1} s",
            run.all_calls,
            run.identity_center_calls,
            run.throttled,
            run.wall.as_secs_f64()
        );
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
