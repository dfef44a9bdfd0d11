//! How long `access check` takes on a large organization: 1,000 accounts,
//! 2,000 users in 200 groups, 10,000 assignments, the shipped example
//! policies. Run with `cargo bench --bench access_check`.

use std::time::Instant;

use orgguard::access::AccessPolicies;
use orgguard::access::check::{evaluate_assignments, findings};
use orgguard::access::declared::{self, Actions};
use orgguard::access::entities::AccessModel;
use orgguard::org::load::parse_snapshot;
use serde_json::json;

const ACCOUNTS: usize = 1_000;
const USERS: usize = 2_000;
const GROUPS: usize = 200;
const ASSIGNMENTS: usize = 10_000;

fn snapshot_json() -> String {
    let sets = [
        "AdministratorAccess",
        "PowerUserAccess",
        "ReadOnlyAccess",
        "BillingAccess",
    ];
    let ous = [
        ("ou-b-fnd", "Foundational", "r-bench"),
        ("ou-b-wrk", "Workloads", "ou-b-fnd"),
        ("ou-b-prd", "Production", "ou-b-wrk"),
        ("ou-b-dev", "SDLC", "ou-b-wrk"),
        ("ou-b-mnt", "Maintenance", "r-bench"),
    ];
    let group_names = ["platform-admins", "developers", "auditors", "break-glass"];
    json!({
        "schema_version": 1,
        "captured_at": "2026-11-01T00:00:00Z",
        "source": "benchmark",
        "organization": {"id": "o-bench", "arn": "arn", "management_account_id": "100000000000", "feature_set": "ALL"},
        "roots": [{"id": "r-bench", "arn": "arn", "name": "Root", "policy_types": []}],
        "organizational_units": ous.iter().map(|(id, name, parent)| json!({"id": id, "arn": "arn", "name": name, "parent_id": parent})).collect::<Vec<_>>(),
        "accounts": (0..ACCOUNTS).map(|i| {
            let (ou, env) = [("ou-b-prd", "production"), ("ou-b-dev", "dev"), ("ou-b-mnt", "tools")][i % 3];
            json!({"id": format!("{:012}", 200_000_000_000u64 + i as u64), "arn": "arn", "name": format!("account-{i}"),
                   "email": format!("a{i}@example.com"), "status": "ACTIVE", "parent_id": ou, "tags": {"environment": env}})
        }).collect::<Vec<_>>(),
        "policies": [],
        "identity_center": {
            "instance_arn": "arn:aws:sso:::instance/ssoins-bench",
            "identity_store_id": "d-bench",
            "permission_sets": sets.iter().map(|name| json!({"arn": format!("arn:ps/{name}"), "name": name})).collect::<Vec<_>>(),
            "users": (0..USERS).map(|i| json!({"id": format!("u-{i}"), "user_name": format!("user{i}")})).collect::<Vec<_>>(),
            "groups": (0..GROUPS).map(|g| {
                let name = if g < group_names.len() { group_names[g].to_string() } else { format!("team-{g}") };
                json!({"id": format!("g-{g}"), "display_name": name,
                       "members": (0..USERS / GROUPS).map(|k| format!("u-{}", g * (USERS / GROUPS) + k)).collect::<Vec<_>>()})
            }).collect::<Vec<_>>(),
            "assignments": (0..ASSIGNMENTS).map(|i| json!({
                "account_id": format!("{:012}", 200_000_000_000u64 + (i % ACCOUNTS) as u64),
                "permission_set_arn": format!("arn:ps/{}", sets[(i / ACCOUNTS) % sets.len()]),
                "principal_type": "GROUP",
                // Unique per assignment: the group encodes i / ACCOUNTS.
                "principal_id": format!("g-{}", (i / ACCOUNTS) * (GROUPS / 10) + i % (GROUPS / 10)),
            })).collect::<Vec<_>>(),
        }
    })
    .to_string()
}

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/policies/access.cedar")).unwrap_or_default();
    let layout = std::fs::read_to_string(format!("{root}/ou-layout.toml")).unwrap_or_default();
    let declared = declared::section_from_toml(&layout)
        .map(|s| Actions::from_section(&s))
        .unwrap_or_default();
    let Ok(policies) = AccessPolicies::parse("policies/access.cedar", &text) else {
        eprintln!("policies/access.cedar does not parse");
        std::process::exit(2);
    };
    let policies = policies.with_declared(declared);
    let Ok(mut snapshot) = parse_snapshot("bench.json", &snapshot_json()) else {
        eprintln!("the benchmark snapshot does not parse");
        std::process::exit(2);
    };
    snapshot.normalize();

    let started = Instant::now();
    let Ok(model) = AccessModel::build(&snapshot, &policies.declared) else {
        eprintln!("cannot build the model");
        std::process::exit(2);
    };
    let built = started.elapsed();
    for expand in [false, true] {
        let started = Instant::now();
        let Ok(evaluated) = evaluate_assignments(&model, &policies, expand) else {
            eprintln!("evaluation failed");
            std::process::exit(2);
        };
        let denied = findings(&evaluated, &policies).len();
        let took = started.elapsed();
        println!(
            "access check{}: {} decisions ({denied} not allowed) in {:.0} ms, {:.1} µs per decision",
            if expand { " --expand-groups" } else { "" },
            evaluated.len(),
            took.as_secs_f64() * 1e3,
            took.as_secs_f64() * 1e6 / evaluated.len().max(1) as f64
        );
    }
    println!(
        "entities for {ACCOUNTS} accounts, {USERS} users, {GROUPS} groups built in {:.0} ms",
        built.as_secs_f64() * 1e3
    );
}
