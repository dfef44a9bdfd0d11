//! The organizations the benchmarks generate, in one place: the benches
//! (and `tests/bench_org.rs`, which writes one to disk) include this file
//! with `#[path = ...] mod org;`.
//!
//! - [`plan`]: 10,000 accounts in 2,000 OUs with 20 SCPs, and an
//!   `ou-layout.toml` + `policies/` a few hundred changes away from it;
//! - [`deep`]: what `snapshot --deep` reads in a member account (roles,
//!   KMS keys, an IAM user with a key, Config recorders), with hazards
//!   planted in every hundredth account, and the lint benchmark's
//!   organization;
//! - [`ic`]: an Identity Center instance (permission sets, users, groups,
//!   assignments) over a list of accounts, and the audit benchmark's
//!   organization;
//! - [`full`]: the three together: the 10,000-account organization that
//!   `scripts/bench-offline.sh` runs the real binary against.

#![allow(dead_code)]

use std::collections::BTreeMap;

use orgguard::org::*;

/// The SCP that allows everything, as AWS attaches it.
pub const FULL_ACCESS_CONTENT: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

pub mod plan {
    //! A 10,000-account, 2,000-OU organization and a layout with a few
    //! hundred edits: 20 renamed OUs, 50 new OUs, 10 OUs to delete, 200
    //! accounts moved, 50 re-tagged, 20 OUs gaining an SCP, 5 SCPs changed.

    use super::*;
    use std::fmt::Write as _;
    use std::path::Path;

    pub const TOP: usize = 20;
    pub const MID: usize = 9;
    pub const LEAF: usize = 10;
    pub const ACCOUNTS: usize = 10_000;
    pub const POLICIES: usize = 20;

    pub struct Ou {
        pub id: String,
        pub path: String,
        pub parent: String,
    }

    pub fn tree() -> Vec<Ou> {
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

    pub fn policy_text(i: usize, variant: &str) -> String {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Deny{i}","Effect":"Deny","Action":["svc{i}:Delete*","svc{i}:{variant}"],"Resource":"*"}}]}}"#
        )
    }

    pub fn account_id(i: usize) -> String {
        format!("{:012}", 100_000_000_000u64 + i as u64)
    }

    /// The live organization.
    pub fn live(ous: &[Ou]) -> Snapshot {
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
            rcps: Vec::new(),
            identity_center: None,
            org_settings: None,
            member_accounts: vec![],
            incomplete: vec![],
        }
    }

    /// ou-layout.toml for the same organization with a few hundred edits.
    pub fn layout_toml(ous: &[Ou]) -> String {
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

    /// Writes `ou-layout.toml` and `policies/scpN.json` (five of which
    /// differ from the live organization) into `dir`.
    pub fn write_layout(dir: &Path, ous: &[Ou]) -> std::io::Result<()> {
        let policies = dir.join("policies");
        std::fs::create_dir_all(&policies)?;
        std::fs::write(dir.join("ou-layout.toml"), layout_toml(ous))?;
        for p in 0..POLICIES {
            // Five SCPs change content.
            let variant = if p < 5 { "Update*" } else { "Put*" };
            std::fs::write(
                policies.join(format!("scp{p}.json")),
                policy_text(p, variant),
            )?;
        }
        Ok(())
    }
}

pub mod deep {
    //! Member accounts as `snapshot --deep` reads them, and the lint
    //! benchmark's organization built from them.

    use super::*;

    /// Member account number `i` (id `id`): three roles (the organization
    /// access role, a service role, a key administrator), two KMS keys, an
    /// IAM user with an access key and Config recorders in two regions.
    /// Hazards: every 100th account (i % 100 == 1) has a role trusting
    /// everyone and a bastion role trusted by `next_id`, one in a hundred
    /// (i % 100 == 2) a key only one role can administer, one in ten an
    /// old access key, one in fifty a stopped recorder, and one in a
    /// thousand (i % 1000 == 3) could not be read.
    pub fn member_account(i: usize, id: &str, next_id: &str, management: &str) -> MemberAccount {
        let trust = |who: &str| {
            format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{who}"}},"Action":"sts:AssumeRole"}}]}}"#
            )
        };
        let role = |name: &str, trust: String, attached: &[&str]| Role {
            arn: format!("arn:aws:iam::{id}:role/{name}"),
            name: name.into(),
            path: "/".into(),
            role_id: format!("AROA{i}{name}"),
            trust_policy: trust,
            attached_policies: attached.iter().map(|s| s.to_string()).collect(),
            inline_policies: vec![],
            inline_documents: Default::default(),
            created_at: None,
            last_used_at: None,
            last_used_region: None,
        };
        let admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        let mut roles = vec![
            role("OrganizationAccountAccessRole", trust(&format!("arn:aws:iam::{management}:root")), &[admin]),
            role("app", r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#.into(), &[]),
            role("key-admin", trust(&format!("arn:aws:iam::{id}:root")), &[]),
        ];
        if i % 100 == 1 {
            roles.push(role("open", trust("*"), &[]));
            roles.push(role(
                "bastion",
                trust(&format!("arn:aws:iam::{next_id}:root")),
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
                account_id: Some(id.to_string()),
                region: None,
                message: "AccessDenied".into(),
            });
        }
        MemberAccount {
            account_id: id.to_string(),
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
                mfa: None,
                attached_policies: vec![],
                inline_documents: Default::default(),
                groups: vec![],
                access_keys: vec![AccessKey {
                    id: format!("AKIA{i:016}"),
                    status: "Active".into(),
                    created_at: Some(
                        if i.is_multiple_of(10) {
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
                recorder("eu-central-1", !i.is_multiple_of(50)),
                recorder("eu-west-1", true),
            ],
            groups: vec![],
            managed_policies: vec![],
            root_access_keys: Some(false),
            trails: None,
            guardduty: None,
        }
    }

    pub const ACCOUNTS: usize = 10_000;
    pub const MGMT: &str = "100000000000";

    pub fn account_id(i: usize) -> String {
        format!("{:012}", 200_000_000_000usize + i)
    }

    /// The lint benchmark's organization: 10,000 member accounts in 110
    /// OUs, four SCPs (one with a typo, one limiting regions), Identity
    /// Center with 20 permission sets and 30,050 assignments.
    pub fn lint_org() -> Snapshot {
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
            members.push(member_account(i, &id, &account_id(i + 1), MGMT));
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
            scp(FULL_AWS_ACCESS, FULL_ACCESS_CONTENT, everything),
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
                tags: Default::default(),
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
            rcps: Vec::new(),
            identity_center: Some(IdentityCenter {
                assignments_read: "by-account".to_string(),
                instance_arn: "arn:aws:sso:::instance/ssoins-bench".into(),
                identity_store_id: "d-bench".into(),
                permission_sets,
                assignments,
                users,
                groups,
            }),
            org_settings: None,
            member_accounts: members,
            incomplete: vec![],
        };
        snapshot.normalize();
        snapshot
    }
}

pub mod ic {
    //! An Identity Center instance over a list of accounts: every account
    //! gets `group_assignments` group assignments, and every
    //! `user_assignments_every`-th account `user_assignments` direct user
    //! assignments, some of which name users that no longer exist.

    use super::*;

    pub struct Shape {
        pub permission_sets: usize,
        pub users: usize,
        pub groups: usize,
        pub group_size: usize,
        pub group_assignments: usize,
        pub user_assignments: usize,
        pub user_assignments_every: usize,
        /// User assignments pick from `users + deleted_users` ids, so some
        /// name a deleted user.
        pub deleted_users: usize,
        /// Each permission set is provisioned to every n-th account.
        pub provisioned_every: usize,
    }

    /// The audit benchmark's instance: 500 accounts (see [`audit_org`]),
    /// 40 permission sets, 3,000 users in 300 groups of 20, 4,000
    /// assignments (61,000 rows with --expand-groups).
    pub const AUDIT: Shape = Shape {
        permission_sets: 40,
        users: 3000,
        groups: 300,
        group_size: 20,
        group_assignments: 6,
        user_assignments: 2,
        user_assignments_every: 1,
        deleted_users: 100,
        provisioned_every: 2,
    };

    pub fn ps_arn(i: usize) -> String {
        format!("arn:aws:sso:::permissionSet/ssoins-bench/ps-{i:04}")
    }

    pub fn identity_center(accounts: &[Account], shape: &Shape) -> IdentityCenter {
        let permission_sets = (0..shape.permission_sets)
            .map(|i| PermissionSet {
                arn: ps_arn(i),
                name: format!("Set{i:02}{}", if i % 10 == 0 { "Admin" } else { "" }),
                description: String::new(),
                session_duration: None,
                relay_state: None,
                managed_policies: vec!["arn:aws:iam::aws:policy/ReadOnlyAccess".into()],
                customer_managed_policies: vec![],
                inline_policy: None,
                permissions_boundary: None,
                tags: Default::default(),
                provisioned_accounts: accounts
                    .iter()
                    .step_by(shape.provisioned_every)
                    .map(|a| a.id.clone())
                    .collect(),
                outdated_accounts: vec![],
            })
            .collect();
        let users = (0..shape.users)
            .map(|i| User {
                id: format!("u-{i:05}"),
                user_name: format!("user{i}"),
                display_name: format!("User Número {i}"),
                email: Some(format!("user{i}@example.com")),
            })
            .collect();
        let groups = (0..shape.groups)
            .map(|g| Group {
                id: format!("g-{g:04}"),
                display_name: format!("group-{g}"),
                description: String::new(),
                members: (0..shape.group_size)
                    .map(|m| format!("u-{:05}", (g * 10 + m) % shape.users))
                    .collect(),
            })
            .collect();
        let mut assignments = Vec::new();
        for (a, account) in accounts.iter().enumerate() {
            for k in 0..shape.group_assignments {
                assignments.push(Assignment {
                    account_id: account.id.clone(),
                    permission_set_arn: ps_arn((a + k) % shape.permission_sets),
                    principal_type: PrincipalType::Group,
                    principal_id: format!("g-{:04}", (a * 7 + k) % shape.groups),
                });
            }
            if a % shape.user_assignments_every != 0 {
                continue;
            }
            for k in 0..shape.user_assignments {
                assignments.push(Assignment {
                    account_id: account.id.clone(),
                    permission_set_arn: ps_arn((a * 3 + k) % shape.permission_sets),
                    principal_type: PrincipalType::User,
                    principal_id: format!(
                        "u-{:05}",
                        (a * 13 + k) % (shape.users + shape.deleted_users)
                    ),
                });
            }
        }
        IdentityCenter {
            instance_arn: "arn:aws:sso:::instance/ssoins-bench".into(),
            identity_store_id: "d-bench".into(),
            assignments_read: "by-account".into(),
            permission_sets,
            assignments,
            users,
            groups,
        }
    }

    /// The audit benchmark's organization: 500 accounts in 10 OUs, one in
    /// fifty suspended, with the [`AUDIT`] Identity Center.
    pub fn audit_org() -> Snapshot {
        const ACCOUNTS: usize = 500;
        const OUS: usize = 10;
        let organizational_units = (0..OUS)
            .map(|i| OrganizationalUnit {
                id: format!("ou-bench-{i}"),
                arn: String::new(),
                name: format!("Unit{i}"),
                parent_id: if i < 2 {
                    "r-bench".into()
                } else {
                    format!("ou-bench-{}", i % 2)
                },
                tags: Default::default(),
            })
            .collect();
        let accounts = (0..ACCOUNTS)
            .map(|i| Account {
                id: format!("{:012}", 100_000_000_000u64 + i as u64),
                arn: String::new(),
                name: format!("account-{i:03}"),
                email: format!("aws+{i}@example.com"),
                status: if i % 50 == 0 {
                    AccountStatus::Suspended
                } else {
                    AccountStatus::Active
                },
                parent_id: format!("ou-bench-{}", i % OUS),
                joined_method: None,
                joined_at: None,
                tags: Default::default(),
            })
            .collect::<Vec<_>>();
        let identity_center = identity_center(&accounts, &AUDIT);
        Snapshot {
            schema_version: SCHEMA_VERSION,
            captured_at: "2026-11-21T09:00:00Z".into(),
            source: "benchmark".into(),
            organization: Organization {
                id: "o-bench".into(),
                arn: String::new(),
                management_account_id: accounts[0].id.clone(),
                feature_set: "ALL".into(),
            },
            roots: vec![],
            organizational_units,
            accounts,
            policies: vec![],
            rcps: Vec::new(),
            identity_center: Some(identity_center),
            org_settings: None,
            member_accounts: vec![],
            incomplete: vec![],
        }
    }
}

pub mod full {
    //! The 10,000-account organization of `scripts/bench-offline.sh`: the
    //! [`plan`] organization and layout (so `plan` has a few hundred
    //! changes), every member account read deep as in [`deep`] (so `lint`
    //! and `audit findings` have tens of thousands of resources to check),
    //! and Identity Center as in [`ic`], scaled up: 40 permission sets,
    //! 10,000 users in 1,000 groups of 20, 62,000 assignments (six group
    //! assignments per account, two direct user assignments on every tenth),
    //! 1,202,000 rows with `--expand-groups`.

    use super::*;
    use std::path::Path;

    pub const IDENTITY_CENTER: ic::Shape = ic::Shape {
        permission_sets: 40,
        users: 10_000,
        groups: 1_000,
        group_size: 20,
        group_assignments: 6,
        user_assignments: 2,
        user_assignments_every: 10,
        deleted_users: 100,
        provisioned_every: 1,
    };

    /// The live organization, normalized as `snapshot` writes it.
    pub fn snapshot(ous: &[plan::Ou]) -> Snapshot {
        let mut snapshot = plan::live(ous);
        snapshot.captured_at = "2026-11-21T09:00:00Z".into();
        snapshot.source = "benchmark".into();
        let management = plan::account_id(0);
        let org = snapshot.organization.id.clone();
        let arn =
            |kind: &str, id: &str| format!("arn:aws:organizations::{management}:{kind}/{org}/{id}");
        snapshot.organization.arn =
            format!("arn:aws:organizations::{management}:organization/{org}");
        for root in &mut snapshot.roots {
            root.arn = arn("root", &root.id);
        }
        for ou in &mut snapshot.organizational_units {
            ou.arn = arn("ou", &ou.id);
        }
        for (i, account) in snapshot.accounts.iter_mut().enumerate() {
            account.arn = arn("account", &account.id);
            if i % 500 == 251 {
                account.status = AccountStatus::Suspended;
            }
        }
        for policy in &mut snapshot.policies {
            if policy.aws_managed {
                policy.arn =
                    "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess"
                        .into();
                policy.content = FULL_ACCESS_CONTENT.into();
            } else {
                policy.arn = arn("policy", &format!("service_control_policy/{}", policy.id));
            }
        }
        snapshot.member_accounts = (1..plan::ACCOUNTS)
            .map(|i| {
                let next = plan::account_id(i % (plan::ACCOUNTS - 1) + 1);
                deep::member_account(i, &plan::account_id(i), &next, &management)
            })
            .collect();
        snapshot.identity_center = Some(ic::identity_center(&snapshot.accounts, &IDENTITY_CENTER));
        snapshot.normalize();
        snapshot
    }

    /// What was written, for the benchmark's description of the
    /// organization.
    pub struct Written {
        pub snapshot: Snapshot,
        pub snapshot_bytes: usize,
    }

    /// Writes `ou-layout.toml`, `policies/` and `snapshot.json` into `dir`.
    pub fn write(dir: &Path) -> std::io::Result<Written> {
        let ous = plan::tree();
        plan::write_layout(dir, &ous)?;
        let snapshot = snapshot(&ous);
        let text = snapshot.to_json();
        std::fs::write(dir.join("snapshot.json"), &text)?;
        Ok(Written {
            snapshot,
            snapshot_bytes: text.len(),
        })
    }
}
