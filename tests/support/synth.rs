//! A synthetic organization of a chosen size and shape, reproducible from a
//! seed: first described ([`Org::generate`], pure), then created in moto
//! through the real AWS SDK ([`Org::seed`]), several calls at a time.
//!
//! The description says exactly which hazards it planted, so tests and
//! benchmarks can check what lint finds against what was put there.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use aws_config::SdkConfig;
use futures::stream::{self, StreamExt};
use serde_json::json;

use super::seed;

/// How big, and how hazardous.
#[derive(Debug, Clone)]
pub struct Shape {
    pub seed: u64,
    pub accounts: usize,
    pub ous: usize,
    /// OU levels below the root; the tree reaches exactly this depth.
    pub depth: usize,
    pub scps: usize,
    pub permission_sets: usize,
    pub groups: usize,
    pub users: usize,
    pub assignments: usize,
    /// Per member account, read by `snapshot --deep`.
    pub roles_per_account: usize,
    pub keys_per_account: usize,
    /// Share of member accounts with one role trusting `*` and one key with
    /// a single administrator.
    pub hazard_share: f64,
}

impl Shape {
    /// The size named in the scale issue.
    pub fn large(seed: u64) -> Self {
        Shape {
            seed,
            accounts: 1_000,
            ous: 100,
            depth: 5,
            scps: 60,
            permission_sets: 30,
            groups: 300,
            users: 2_000,
            assignments: 10_000,
            roles_per_account: 3,
            keys_per_account: 2,
            hazard_share: 0.1,
        }
    }

    /// Small enough for the test suite.
    pub fn small(seed: u64) -> Self {
        Shape {
            seed,
            accounts: 12,
            ous: 7,
            depth: 3,
            scps: 4,
            permission_sets: 4,
            groups: 5,
            users: 14,
            assignments: 40,
            roles_per_account: 2,
            keys_per_account: 1,
            hazard_share: 0.25,
        }
    }
}

/// A reproducible generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// A principal as the seeder names it: `user:NAME` or `group:NAME`.
pub type Principal = String;

#[derive(Debug, Clone)]
pub struct Account {
    pub name: String,
    /// OU path; empty for the root.
    pub ou: String,
    pub hazardous: bool,
}

#[derive(Debug, Clone)]
pub struct Org {
    pub shape: Shape,
    /// OU paths, parents before children.
    pub ous: Vec<String>,
    pub accounts: Vec<Account>,
    /// SCP name → target (OU path, or `account:NAME`).
    pub scps: Vec<(String, Vec<String>)>,
    /// Permission set name → managed policy ARNs.
    pub permission_sets: Vec<(String, Vec<String>)>,
    pub users: Vec<String>,
    /// Group name → member user names.
    pub groups: Vec<(String, Vec<String>)>,
    /// (principal, permission set, account name), all distinct.
    pub assignments: Vec<(Principal, String, String)>,
}

const MANAGED: [&str; 4] = [
    "arn:aws:iam::aws:policy/AdministratorAccess",
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/PowerUserAccess",
    "arn:aws:iam::aws:policy/SecurityAudit",
];

impl Org {
    pub fn generate(shape: &Shape) -> Org {
        let mut rng = Rng::new(shape.seed);
        // A spine reaches the full depth; the other OUs hang anywhere above
        // the deepest level.
        let mut ous: Vec<String> = Vec::new();
        let mut level: BTreeMap<String, usize> = BTreeMap::new();
        for i in 0..shape.ous.min(shape.depth.max(1)) {
            let path = match ous.last() {
                Some(parent) => format!("{parent}/Unit{i:03}"),
                None => format!("Unit{i:03}"),
            };
            level.insert(path.clone(), i + 1);
            ous.push(path);
        }
        for i in ous.len()..shape.ous {
            let shallow: Vec<&String> = ous.iter().filter(|p| level[*p] < shape.depth).collect();
            let pick = rng.below(shallow.len() + 1);
            let path = match shallow.get(pick) {
                Some(parent) => format!("{parent}/Unit{i:03}"),
                None => format!("Unit{i:03}"),
            };
            let depth = path.matches('/').count() + 1;
            level.insert(path.clone(), depth);
            ous.push(path);
        }
        let accounts: Vec<Account> = (0..shape.accounts)
            .map(|i| Account {
                name: format!("acct-{i:04}"),
                // One in twenty stays under the root, as new accounts do.
                ou: if ous.is_empty() || rng.below(20) == 0 {
                    String::new()
                } else {
                    ous[rng.below(ous.len())].clone()
                },
                hazardous: rng.chance(shape.hazard_share),
            })
            .collect();
        let scps = (0..shape.scps)
            .map(|i| {
                let targets = (0..1 + rng.below(3))
                    .map(|_| {
                        if rng.below(4) == 0 && !accounts.is_empty() {
                            format!("account:{}", accounts[rng.below(accounts.len())].name)
                        } else if ous.is_empty() {
                            String::new()
                        } else {
                            ous[rng.below(ous.len())].clone()
                        }
                    })
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                (format!("guardrail-{i:03}"), targets)
            })
            .collect();
        let permission_sets = (0..shape.permission_sets)
            .map(|i| {
                (
                    format!("PermSet{i:02}"),
                    vec![MANAGED[i % MANAGED.len()].to_string()],
                )
            })
            .collect();
        let users: Vec<String> = (0..shape.users).map(|i| format!("user{i:05}")).collect();
        let mut groups: Vec<(String, Vec<String>)> = (0..shape.groups)
            .map(|i| (format!("team-{i:03}"), Vec::new()))
            .collect();
        if !groups.is_empty() {
            for user in &users {
                // Most people are in one or two teams; some in none.
                for _ in 0..rng.below(3) {
                    let g = rng.below(groups.len());
                    if !groups[g].1.contains(user) {
                        groups[g].1.push(user.clone());
                    }
                }
            }
        }
        let mut seen: BTreeSet<(Principal, String, String)> = BTreeSet::new();
        let possible = (shape.users + shape.groups) * shape.permission_sets * shape.accounts;
        let wanted = shape.assignments.min(possible);
        let mut assignments = Vec::new();
        while assignments.len() < wanted {
            // Seven in ten assignments go to groups, as recommended.
            let principal = if !groups.is_empty() && (users.is_empty() || rng.below(10) < 7) {
                format!("group:{}", groups[rng.below(groups.len())].0)
            } else {
                format!("user:{}", users[rng.below(users.len())])
            };
            let set = format!("PermSet{:02}", rng.below(shape.permission_sets));
            let account = accounts[rng.below(accounts.len())].name.clone();
            let key = (principal, set, account);
            if seen.insert(key.clone()) {
                assignments.push(key);
            }
        }
        Org {
            shape: shape.clone(),
            ous,
            accounts,
            scps,
            permission_sets,
            users,
            groups,
            assignments,
        }
    }

    pub fn hazardous_accounts(&self) -> usize {
        self.accounts.iter().filter(|a| a.hazardous).count()
    }

    /// Creates the organization in moto at `endpoint` (or a proxy in front
    /// of it); returns the ids by name.
    pub async fn seed(&self, endpoint: &str, concurrency: usize) -> seed::Seeded {
        let mut s = seed::Seeder::at(endpoint).await;
        s.organization().await;
        for path in &self.ous {
            s.ou(path).await;
        }
        let org = s.org.clone();
        let root = s.seeded.root_id.clone();
        let ous = s.seeded.ous.clone();
        let created: Vec<(String, String)> = stream::iter(&self.accounts)
            .map(|a| {
                let (org, root, ous) = (org.clone(), root.clone(), &ous);
                async move {
                    let id = seed::create_account(&org, &a.name).await;
                    if !a.ou.is_empty() {
                        org.move_account()
                            .account_id(&id)
                            .source_parent_id(&root)
                            .destination_parent_id(&ous[&a.ou])
                            .send()
                            .await
                            .expect("move account");
                    }
                    org.tag_resource()
                        .resource_id(&id)
                        .tags(tag("owner", &format!("team-{}", &id[id.len() - 2..])))
                        .send()
                        .await
                        .expect("tag account");
                    (a.name.clone(), id)
                }
            })
            .buffer_unordered(concurrency)
            .collect()
            .await;
        s.seeded.accounts.extend(created);
        for (name, targets) in &self.scps {
            let id = s.scp(name, &scp_content(name)).await;
            for target in targets {
                let target_id = match target.strip_prefix("account:") {
                    Some(account) => s.seeded.accounts[account].clone(),
                    None => s.parent_id(target),
                };
                s.attach(&id, &target_id).await;
            }
        }
        s.identity_center().await;
        for (name, managed) in &self.permission_sets {
            let managed: Vec<&str> = managed.iter().map(String::as_str).collect();
            s.permission_set(name, &managed).await;
        }
        // moto's Identity Center answers 500 to concurrent writes, so these
        // go one at a time.
        for name in &self.users {
            s.user(name).await;
        }
        for (name, members) in &self.groups {
            let members: Vec<&str> = members.iter().map(String::as_str).collect();
            s.group(name, &members).await;
        }
        for (principal, set, account) in &self.assignments {
            s.assign(principal, set, account).await;
        }
        let seeder = &s;
        if self.shape.roles_per_account + self.shape.keys_per_account > 0 {
            stream::iter(&self.accounts)
                .for_each_concurrent(concurrency, |account| async move {
                    let member = seeder.member(&account.name).await;
                    let id = &seeder.seeded.accounts[&account.name];
                    seed_member(&member, id, account.hazardous, &self.shape).await;
                })
                .await;
        }
        s.seeded
    }
}

fn tag(key: &str, value: &str) -> aws_sdk_organizations::types::Tag {
    aws_sdk_organizations::types::Tag::builder()
        .key(key)
        .value(value)
        .build()
        .expect("tag")
}

fn scp_content(name: &str) -> String {
    json!({"Version": "2012-10-17", "Statement": [{
        "Sid": name.replace('-', ""),
        "Effect": "Deny",
        "Action": ["s3:DeleteBucket", "ec2:DeleteVpc"],
        "Resource": "*",
        "Condition": {"StringNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/break-glass"}}
    }]})
    .to_string()
}

/// Roles trusted by the management account and keys administered through
/// the account root; in a hazardous account, also a role that trusts `*`
/// (IAM001) and a key with a single administrator (KMS001).
async fn seed_member(member: &SdkConfig, account_id: &str, hazardous: bool, shape: &Shape) {
    for r in 0..shape.roles_per_account {
        let trust = json!({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": format!("arn:aws:iam::{}:root", seed::MANAGEMENT_ACCOUNT)},
            "Action": "sts:AssumeRole"}]});
        seed::role(member, &format!("platform-{r}"), trust, false).await;
    }
    for k in 0..shape.keys_per_account {
        let policy = json!({"Version": "2012-10-17", "Statement": [{
            "Sid": "Enable IAM User Permissions", "Effect": "Allow",
            "Principal": {"AWS": format!("arn:aws:iam::{account_id}:root")},
            "Action": "kms:*", "Resource": "*"}]});
        seed::kms_key(member, policy, &format!("data-{k}")).await;
    }
    if hazardous {
        let trust = json!({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]});
        seed::role(member, "wide-open", trust, false).await;
        let policy = json!({"Version": "2012-10-17", "Statement": [{
            "Sid": "Admin", "Effect": "Allow",
            "Principal": {"AWS": format!("arn:aws:iam::{account_id}:role/platform-0")},
            "Action": "kms:*", "Resource": "*"}]});
        seed::kms_key(member, policy, "single-admin").await;
    }
}
