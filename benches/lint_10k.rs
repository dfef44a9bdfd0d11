//! Lints a generated deep snapshot of 10,000 member accounts and prints the
//! time taken and the findings per rule. Run with
//! `cargo bench --bench lint_10k` (or `scripts/bench-lint.sh`).

use std::collections::BTreeMap;
use std::time::Instant;

use orgguard::model::*;

const ACCOUNTS: usize = 10_000;
const MGMT: &str = "100000000000";

fn account_id(i: usize) -> String {
    format!("{:012}", 200_000_000_000usize + i)
}

fn generate() -> Snapshot {
    let org_arn =
        |kind: &str, id: &str| format!("arn:aws:organizations::{MGMT}:{kind}/o-bench/{id}");
    let mut ous = Vec::new();
    // 10 top-level OUs, each with 10 children: 110 OUs.
    for top in 0..10 {
        let id = format!("ou-bnch-top{top:05}");
        ous.push(OrganizationalUnit {
            id: id.clone(),
            arn: org_arn("ou", &id),
            name: format!("Top{top}"),
            parent_id: "r-bnch".into(),
            tags: Default::default(),
        });
        for child in 0..10 {
            let cid = format!("ou-bnch-c{top}{child:05}");
            ous.push(OrganizationalUnit {
                id: cid.clone(),
                arn: org_arn("ou", &cid),
                name: format!("Child{child}"),
                parent_id: id.clone(),
                tags: Default::default(),
            });
        }
    }
    let leafs: Vec<String> = ous
        .iter()
        .filter(|o| o.id.contains("-c"))
        .map(|o| o.id.clone())
        .collect();
    let mut accounts = vec![Account {
        id: MGMT.into(),
        arn: org_arn("account", MGMT),
        name: "management".into(),
        email: "m@example.com".into(),
        status: AccountStatus::Active,
        parent_id: "r-bnch".into(),
        joined_method: None,
        joined_at: None,
        tags: Default::default(),
    }];
    let mut members = Vec::new();
    let trust = |who: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{who}"}},"Action":"sts:AssumeRole"}}]}}"#
        )
    };
    for i in 0..ACCOUNTS {
        let id = account_id(i);
        let status = if i % 500 == 0 {
            AccountStatus::Suspended
        } else {
            AccountStatus::Active
        };
        let parent = if i % 1000 == 7 {
            "r-bnch".to_string()
        } else {
            leafs[i % leafs.len()].clone()
        };
        accounts.push(Account {
            id: id.clone(),
            arn: org_arn("account", &id),
            name: format!("acct-{i}"),
            email: format!("a{i}@example.com"),
            status,
            parent_id: parent,
            joined_method: None,
            joined_at: None,
            tags: Default::default(),
        });
        let role = |name: &str, trust: String, attached: &[&str]| Role {
            arn: format!("arn:aws:iam::{id}:role/{name}"),
            name: name.into(),
            path: "/".into(),
            role_id: format!("AROA{i}{name}"),
            trust_policy: trust,
            attached_policies: attached.iter().map(|s| s.to_string()).collect(),
            inline_policies: vec![],
            created_at: None,
            last_used_at: None,
            last_used_region: None,
        };
        let admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        let mut roles = vec![
            role("OrganizationAccountAccessRole", trust(&format!("arn:aws:iam::{MGMT}:root")), &[admin]),
            role("app", r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#.into(), &[]),
            role("key-admin", trust(&format!("arn:aws:iam::{id}:root")), &[]),
        ];
        if i % 100 == 1 {
            roles.push(role("open", trust("*"), &[]));
            roles.push(role(
                "bastion",
                trust(&format!("arn:aws:iam::{}:root", account_id(i + 1))),
                &[admin],
            ));
        }
        let key = |n: usize, admin: &str| KmsKey {
            arn: format!("arn:aws:kms:eu-west-1:{id}:key/k{n}"),
            key_id: format!("k{n}"),
            region: "eu-west-1".into(),
            state: "Enabled".into(),
            description: String::new(),
            aliases: vec![],
            policy: format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{admin}"}},"Action":"kms:*","Resource":"*"}}]}}"#
            ),
            created_at: None,
        };
        let second = if i % 100 == 2 {
            format!("arn:aws:iam::{id}:role/key-admin")
        } else {
            format!("arn:aws:iam::{id}:root")
        };
        let recorder = |region: &str, recording: bool| ConfigRecorder {
            region: region.into(),
            name: Some("default".into()),
            recording,
            last_status: None,
        };
        let mut errors = vec![];
        if i % 1000 == 3 {
            errors.push(ReadFailure {
                service: "sts".into(),
                operation: "AssumeRole".into(),
                account_id: Some(id.clone()),
                region: None,
                message: "AccessDenied".into(),
            });
        }
        members.push(MemberAccount {
            account_id: id.clone(),
            complete: errors.is_empty(),
            errors,
            regions: vec!["eu-central-1".into(), "eu-west-1".into()],
            roles,
            users: vec![IamUser {
                arn: format!("arn:aws:iam::{id}:user/batch"),
                name: "batch".into(),
                user_id: format!("AIDA{i}"),
                created_at: None,
                console_access: false,
                password_last_used_at: None,
                attached_policies: vec![],
                access_keys: vec![AccessKey {
                    id: format!("AKIA{i:016}"),
                    status: "Active".into(),
                    created_at: Some(
                        if i % 10 == 0 {
                            "2020-01-01T00:00:00Z"
                        } else {
                            "2026-11-01T00:00:00Z"
                        }
                        .into(),
                    ),
                    last_used_at: None,
                    last_used_service: None,
                }],
            }],
            kms_keys: vec![key(1, &format!("arn:aws:iam::{id}:root")), key(2, &second)],
            config_recorders: vec![
                recorder("eu-central-1", i % 50 != 0),
                recorder("eu-west-1", true),
            ],
        });
    }
    let scp = |name: &str, content: &str, targets: Vec<String>| Policy {
        id: format!("p-{name}"),
        arn: org_arn("policy", name),
        name: name.into(),
        description: String::new(),
        aws_managed: name == FULL_AWS_ACCESS,
        content: content.into(),
        targets,
    };
    let mut everything: Vec<String> = vec!["r-bnch".into()];
    everything.extend(ous.iter().map(|o| o.id.clone()));
    everything.extend(accounts.iter().map(|a| a.id.clone()));
    let tops: Vec<String> = ous
        .iter()
        .filter(|o| o.parent_id == "r-bnch")
        .map(|o| o.id.clone())
        .collect();
    let policies = vec![
        scp(
            FULL_AWS_ACCESS,
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
            everything,
        ),
        scp(
            "deny-leave",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"#,
            vec!["r-bnch".into()],
        ),
        scp(
            "region",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*","organizations:*","sts:*","route53:*","cloudfront:*","support:*","account:*","budgets:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]},"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/BreakGlass"}}}]}"#,
            tops[..9].to_vec(),
        ),
        scp(
            "typo",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["s3:DeleteBuckett","ec2:*"],"Resource":"*"}]}"#,
            vec![tops[0].clone()],
        ),
    ];
    let ps = |n: usize| format!("arn:aws:sso:::permissionSet/ssoins-bench/ps-{n:016}");
    let permission_sets = (0..20)
        .map(|n| PermissionSet {
            arn: ps(n),
            name: format!("PS{n}"),
            description: String::new(),
            session_duration: None,
            relay_state: None,
            managed_policies: vec![],
            customer_managed_policies: vec![],
            inline_policy: None,
            permissions_boundary: None,
            provisioned_accounts: accounts
                .iter()
                .skip(1)
                .filter(|a| !a.id.ends_with("9"))
                .map(|a| a.id.clone())
                .collect(),
            outdated_accounts: vec![],
        })
        .collect();
    let users: Vec<User> = (0..500)
        .map(|u| User {
            id: format!("u-{u}"),
            user_name: format!("user{u}"),
            display_name: String::new(),
            email: None,
        })
        .collect();
    let groups: Vec<Group> = (0..50)
        .map(|g| Group {
            id: format!("g-{g}"),
            display_name: format!("group{g}"),
            description: String::new(),
            members: if g == 0 {
                vec![]
            } else {
                vec![format!("u-{g}")]
            },
        })
        .collect();
    let mut assignments = Vec::new();
    for (i, a) in accounts.iter().skip(1).enumerate() {
        for k in 0..3 {
            assignments.push(Assignment {
                account_id: a.id.clone(),
                permission_set_arn: ps((i + k) % 20),
                principal_type: PrincipalType::Group,
                principal_id: format!("g-{}", (i + k) % 50),
            });
        }
        if i % 200 == 0 {
            assignments.push(Assignment {
                account_id: a.id.clone(),
                permission_set_arn: ps(0),
                principal_type: PrincipalType::User,
                principal_id: format!("u-{}", i % 600),
            });
        }
    }
    let mut snapshot = Snapshot {
        schema_version: SCHEMA_VERSION,
        captured_at: "2026-11-21T09:00:00Z".into(),
        source: "benchmark".into(),
        organization: Organization {
            id: "o-bench".into(),
            arn: org_arn("organization", "o-bench"),
            management_account_id: MGMT.into(),
            feature_set: "ALL".into(),
        },
        roots: vec![Root {
            id: "r-bnch".into(),
            arn: org_arn("root", "r-bnch"),
            name: "Root".into(),
            policy_types: vec![],
        }],
        organizational_units: ous,
        accounts,
        policies,
        identity_center: Some(IdentityCenter {
            assignments_read: "by-account".to_string(),
            instance_arn: "arn:aws:sso:::instance/ssoins-bench".into(),
            identity_store_id: "d-bench".into(),
            permission_sets,
            assignments,
            users,
            groups,
        }),
        member_accounts: members,
        incomplete: vec![],
    };
    snapshot.normalize();
    snapshot
}

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
    let snapshot = generate();
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
    let parsed = orgguard::model::load::parse_snapshot("bench.json", &text);
    let loaded = orgguard::layout::load(&dir);
    let parse_time = started.elapsed();
    let (Ok(parsed), Ok(loaded)) = (parsed, loaded) else {
        eprintln!("could not load the generated snapshot or layout");
        std::process::exit(2);
    };
    let started = Instant::now();
    let outcome = orgguard::lint::lint(
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
