//! What rules see: the settings, the organization to check (desired or
//! live) and the live snapshot's member-account data, plus helpers that
//! say where a finding is.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use time::Date;

use super::config::LintConfig;
use super::directory::Directory;
use crate::diagnostics::Sources;
use crate::diagnostics::Subject;
use crate::layout::Layout;
use crate::layout::desired::DESIRED_ROOT_ID;
use crate::org::tree::OrgIndex;
use crate::org::{KmsKey, MemberAccount, Policy, Role, Snapshot};
use crate::policy::document::Document;
use crate::policy::json_tree::{Kind, Node};

pub use crate::policy::limits::Limits;
use crate::policy::rcp_services::RcpServices;

/// The quotas of a layout's `settings.limits`.
pub fn limits_of(layout: &Layout) -> Limits {
    *layout.file.settings.limits.get_ref()
}

/// The organization the SCP and organization rules check: the desired
/// state (findings point into the repository) or the live one (findings
/// carry ARNs).
pub struct OrgView<'a> {
    pub snapshot: &'a Snapshot,
    pub index: OrgIndex<'a>,
    /// Present when the view was built from the layout.
    pub desired: Option<Desired<'a>>,
    /// The layout beside a live view, so findings about an SCP it defines
    /// also point at its file.
    pub files: Option<(&'a Layout, &'a Sources)>,
    docs: HashMap<&'a str, Document>,
}

pub struct Desired<'a> {
    pub layout: &'a Layout,
    pub sources: &'a Sources,
    pub spans: HashMap<String, Range<usize>>,
}

impl<'a> OrgView<'a> {
    pub fn new(snapshot: &'a Snapshot, desired: Option<Desired<'a>>) -> Self {
        let docs = snapshot
            .policies
            .iter()
            .map(|p| (p.id.as_str(), Document::parse(&p.content)))
            .collect();
        OrgView {
            snapshot,
            index: OrgIndex::new(snapshot),
            desired,
            files: None,
            docs,
        }
    }

    /// Lets a live view point findings about SCPs at their files too.
    pub fn with_files(mut self, layout: Option<&'a Layout>, sources: &'a Sources) -> Self {
        self.files = layout.map(|l| (l, sources));
        self
    }

    pub fn doc(&self, policy: &Policy) -> &Document {
        static EMPTY: Document = Document {
            statements: Vec::new(),
        };
        self.docs.get(policy.id.as_str()).unwrap_or(&EMPTY)
    }

    pub fn is_root(id: &str) -> bool {
        id.starts_with("r-")
    }

    /// Every root, OU and account id, roots first.
    pub fn targets(&self) -> impl Iterator<Item = &'a str> + '_ {
        let s = self.snapshot;
        s.roots
            .iter()
            .map(|r| r.id.as_str())
            .chain(s.organizational_units.iter().map(|o| o.id.as_str()))
            .chain(s.accounts.iter().map(|a| a.id.as_str()))
    }

    /// The ids from the root down to `target`, inclusive; `None` when the
    /// chain is broken.
    pub fn chain(&self, target: &str) -> Option<Vec<&'a str>> {
        let (own, start): (Option<&'a str>, &'a str) = if let Some(a) = self.index.account(target) {
            (Some(a.id.as_str()), a.parent_id.as_str())
        } else if let Some(ou) = self.index.ou(target) {
            (None, ou.id.as_str())
        } else {
            let root = self.snapshot.roots.iter().find(|r| r.id == target)?;
            (None, root.id.as_str())
        };
        let mut chain = self.index.ancestors(start)?;
        // The walk ends at anything shaped like a root; it must be this one.
        let root = chain.last()?;
        if !self.snapshot.roots.iter().any(|r| r.id == *root) {
            return None;
        }
        chain.reverse();
        chain.extend(own);
        Some(chain)
    }

    /// The OU path a target sits at: "/" for the root and accounts under
    /// it, "A/B" for OU A/B and the accounts in it.
    pub fn ou_path(&self, target: &str) -> Option<String> {
        let container = self
            .index
            .account(target)
            .map(|a| a.parent_id.as_str())
            .unwrap_or(target);
        self.index
            .path_of(container)
            .map(|p| if p.is_empty() { "/".to_string() } else { p })
    }

    /// How messages name a target.
    pub fn label(&self, target: &str) -> String {
        if let Some(a) = self.index.account(target) {
            format!("account {} ({})", a.id, a.name)
        } else if self.index.ou(target).is_some() {
            format!(
                "OU `{}`",
                self.ou_path(target).unwrap_or_else(|| target.to_string())
            )
        } else {
            "the root".to_string()
        }
    }

    /// Where a finding about a target points: its line in ou-layout.toml
    /// or its ARN.
    pub fn target_subject(&self, target: &str) -> Subject {
        if let Some(d) = &self.desired {
            let span = d.spans.get(target).cloned().unwrap_or(0..0);
            let loc = d.sources.locate(crate::layout::LAYOUT_FILE, span);
            return Subject {
                file: Some(loc.file),
                line: Some(loc.line),
                column: Some(loc.column),
                account_id: self.index.account(target).map(|a| a.id.clone()),
                ..Subject::default()
            };
        }
        let arn = if let Some(a) = self.index.account(target) {
            a.arn.clone()
        } else if let Some(ou) = self.index.ou(target) {
            ou.arn.clone()
        } else {
            self.snapshot
                .roots
                .iter()
                .find(|r| r.id == target)
                .map(|r| r.arn.clone())
                .unwrap_or_default()
        };
        Subject {
            resource: Some(if arn.is_empty() {
                target.to_string()
            } else {
                arn
            }),
            account_id: self.index.account(target).map(|a| a.id.clone()),
            ..Subject::default()
        }
    }

    /// Where a finding about an SCP points: its file (at the first string
    /// equal to `needle`, if given) or its ARN.
    pub fn policy_subject(&self, policy: &Policy, needle: Option<&str>) -> Subject {
        let files = match &self.desired {
            Some(d) => Some((d.layout, d.sources)),
            None => self.files,
        };
        let mut subject = Subject::default();
        let found = files.and_then(|(layout, sources)| {
            let file = layout.policy_file(&policy.name)?;
            Some((file, sources))
        });
        if let Some((file, sources)) = found {
            let span = needle
                .and_then(|n| find_string(&file.document, n))
                .unwrap_or(file.document.span.start..file.document.span.start);
            let loc = sources.locate(&file.file, span);
            subject.file = Some(loc.file);
            subject.line = Some(loc.line);
            subject.column = Some(loc.column);
        }
        if self.desired.is_none() {
            subject.resource = Some(if policy.arn.is_empty() {
                policy.id.clone()
            } else {
                policy.arn.clone()
            });
        } else if subject.file.is_none() {
            subject.resource = Some(policy.name.clone());
        }
        subject
    }

    pub fn is_desired(&self) -> bool {
        self.desired.is_some()
    }

    pub fn root_id(&self) -> &str {
        self.snapshot
            .roots
            .first()
            .map(|r| r.id.as_str())
            .unwrap_or(DESIRED_ROOT_ID)
    }
}

/// The span of the first string value (or key) equal to `needle`.
fn find_string(node: &Node, needle: &str) -> Option<Range<usize>> {
    match &node.kind {
        Kind::String(s) if s == needle => Some(node.span.clone()),
        Kind::Array(items) => items.iter().find_map(|n| find_string(n, needle)),
        Kind::Object(members) => members.iter().find_map(|m| {
            if m.key == needle {
                Some(m.key_span.clone())
            } else {
                find_string(&m.value, needle)
            }
        }),
        _ => None,
    }
}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub config: &'a LintConfig,
    pub limits: Limits,
    /// The services RCPs apply to, with what the layout adds.
    pub rcp_services: RcpServices,
    /// The organization the SCP/ORG rules check: live when a snapshot was
    /// given, else desired; `None` when neither is available.
    pub org: Option<OrgView<'a>>,
    /// The live snapshot, for the rules about member-account resources.
    pub live: Option<&'a Snapshot>,
    /// policies/access.cedar, when the repository has one.
    pub access: Option<&'a crate::access::policies::AccessPolicies>,
    /// "Today" for expiry and age checks: the snapshot's capture date when
    /// linting live, so results are reproducible.
    pub today: Date,
    /// Trust and key policies of the live snapshot's roles and keys,
    /// parsed once for all rules; roles and keys with the same policy text
    /// share one.
    pub parsed: OnceLock<ParsedPolicies>,
    /// Identity Center lookups, built on first use for all SSO rules.
    pub sso: OnceLock<Option<Directory<'a>>>,
}

impl<'a> Context<'a> {
    /// Every member account of the live snapshot with its roles' trust
    /// policies and its KMS keys' policies, parsed.
    pub fn member_policies(&self) -> impl Iterator<Item = MemberPolicies<'a, '_>> + '_ {
        let parsed = self.member_documents();
        let mut trust = parsed.trust.as_slice();
        let mut keys = parsed.keys.as_slice();
        // The policies were parsed from these accounts in this order, so
        // each account's share is exactly as long as its roles and keys;
        // the bounds only keep a slip from panicking.
        super::rules::members(self.live).iter().map(move |member| {
            let (own_trust, rest) = trust.split_at(member.roles.len().min(trust.len()));
            trust = rest;
            let (own_keys, rest) = keys.split_at(member.kms_keys.len().min(keys.len()));
            keys = rest;
            MemberPolicies {
                member,
                trust: own_trust,
                keys: own_keys,
            }
        })
    }

    /// The live snapshot's Identity Center, indexed; `None` without one.
    pub fn directory(&self) -> Option<&Directory<'a>> {
        self.sso.get_or_init(|| Directory::of(self.live)).as_ref()
    }

    /// Every trust and key policy of the live snapshot, parsed on first use.
    pub fn member_documents(&self) -> &ParsedPolicies {
        self.parsed.get_or_init(|| {
            let members = self
                .live
                .map(|s| s.member_accounts.as_slice())
                .unwrap_or(&[]);
            parse_member_documents(members)
        })
    }

    /// The ARN of an account of the organization, when the view has it.
    pub fn account_arn(&self, id: &str) -> Option<String> {
        self.org
            .as_ref()
            .and_then(|o| o.index.account(id))
            .map(|a| a.arn.clone())
    }

    /// Account ids in the organization (live, else desired).
    pub fn is_org_account(&self, id: &str) -> bool {
        self.org
            .as_ref()
            .is_some_and(|o| o.index.account(id).is_some())
    }
}

/// One member account with its parsed policies, as
/// [`Context::member_policies`] gives them.
pub struct MemberPolicies<'a, 'p> {
    pub member: &'a MemberAccount,
    trust: &'p [Arc<Document>],
    keys: &'p [Arc<Document>],
}

impl<'a, 'p> MemberPolicies<'a, 'p> {
    /// The account's roles, each with its trust policy.
    pub fn roles(&self) -> impl Iterator<Item = (&'a Role, &'p Document)> + use<'a, 'p> {
        self.member
            .roles
            .iter()
            .zip(self.trust.iter().map(Arc::as_ref))
    }

    /// The account's KMS keys, each with its key policy.
    pub fn keys(&self) -> impl Iterator<Item = (&'a KmsKey, &'p Document)> + use<'a, 'p> {
        self.member
            .kms_keys
            .iter()
            .zip(self.keys.iter().map(Arc::as_ref))
    }
}

/// The trust policy of every role and the policy of every KMS key of the
/// member accounts, in snapshot order: the roles of the first account,
/// then of the second, and so on; the keys likewise. The rules walk the
/// accounts in that order and take each account's share in turn, so no
/// role or key is looked up: on a large organization each IAM and KMS
/// rule visits 50,000 of them, and a lookup each (by ARN, later by
/// address) was a large share of those rules' time.
#[derive(Default)]
pub struct ParsedPolicies {
    trust: Vec<Arc<Document>>,
    keys: Vec<Arc<Document>>,
}

/// Parses every role's trust policy and KMS key's policy. An organization
/// holds tens of thousands of them and parsing them is most of what the
/// IAM and KMS rules cost, so the accounts are split over the processors,
/// and a text met again (the same trust policy in every account) is
/// parsed once.
fn parse_member_documents(members: &[MemberAccount]) -> ParsedPolicies {
    fn parse<'m>(chunk: &'m [MemberAccount]) -> ParsedPolicies {
        let roles = chunk.iter().map(|m| m.roles.len()).sum();
        let keys = chunk.iter().map(|m| m.kms_keys.len()).sum();
        // Sized up front: growing the table rehashes every text seen so far.
        let mut seen: foldhash::HashMap<&'m str, Arc<Document>> =
            foldhash::HashMap::with_capacity_and_hasher(roles + keys, Default::default());
        let mut once = |text: &'m str| {
            Arc::clone(
                seen.entry(text)
                    .or_insert_with(|| Arc::new(Document::parse(text))),
            )
        };
        let mut parsed = ParsedPolicies {
            trust: Vec::with_capacity(roles),
            keys: Vec::with_capacity(keys),
        };
        for m in chunk {
            parsed
                .trust
                .extend(m.roles.iter().map(|r| once(&r.trust_policy)));
            parsed
                .keys
                .extend(m.kms_keys.iter().map(|k| once(&k.policy)));
        }
        parsed
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || members.len() < 64 {
        return parse(members);
    }
    let chunk = members.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = members
            .chunks(chunk)
            .map(|part| (part, scope.spawn(move || parse(part))))
            .collect();
        let mut all = ParsedPolicies::default();
        for (part, worker) in workers {
            // Should a worker die, its accounts are parsed again here
            // rather than silently left unchecked.
            let parsed = worker.join().unwrap_or_else(|_| parse(part));
            all.trust.extend(parsed.trust);
            all.keys.extend(parsed.keys);
        }
        all
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::rules::kms::fixtures::key;
    use crate::checks::testing::{member, org, role};

    /// The trust policy of `name` in `account`, naming both, so that a
    /// policy handed to the wrong role shows.
    fn trust(account: &str, name: &str) -> String {
        format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{account}:role/{name}"}},"Action":"sts:AssumeRole"}}]}}"#
        )
    }

    #[test]
    fn each_role_and_key_gets_its_own_policy_across_the_split_over_processors() {
        let mut snap = org();
        // Enough accounts to be parsed in parallel, some with no roles or
        // keys, and texts that repeat across accounts.
        for i in 0..150 {
            let id = format!("{:012}", 500_000_000_000_u64 + i);
            let mut m = member(&id);
            for r in 0..(i % 4) {
                let name = format!("role-{r}");
                let text = if r == 0 {
                    trust("999999999999", "shared")
                } else {
                    trust(&id, &name)
                };
                m.roles.push(role(&id, &name, &text, &[]));
            }
            for k in 0..(i % 3) {
                let stmt = format!(
                    r#"{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{id}:role/key-{k}"}},"Action":"kms:*","Resource":"*"}}"#
                );
                m.kms_keys.push(key(&id, &format!("key-{k}"), &stmt));
            }
            snap.member_accounts.push(m);
        }
        let config = crate::checks::LintConfig::defaults();
        let ctx = Context {
            config: &config,
            limits: Limits::default(),
            rcp_services: Default::default(),
            org: None,
            live: Some(&snap),
            access: None,
            today: time::macros::date!(2026 - 11 - 21),
            parsed: Default::default(),
            sso: Default::default(),
        };
        let principal = |doc: &Document| {
            doc.statements
                .first()
                .and_then(|s| s.principal.as_ref())
                .and_then(|p| p.aws.first().cloned())
        };
        let (mut roles, mut keys) = (0, 0);
        for policies in ctx.member_policies() {
            let id = &policies.member.account_id;
            for (r, doc) in policies.roles() {
                let expected = if r.name == "role-0" {
                    "arn:aws:iam::999999999999:role/shared".to_string()
                } else {
                    format!("arn:aws:iam::{id}:role/{}", r.name)
                };
                assert_eq!(principal(doc), Some(expected));
                roles += 1;
            }
            for (k, doc) in policies.keys() {
                assert_eq!(
                    principal(doc),
                    Some(format!("arn:aws:iam::{id}:role/{}", k.key_id))
                );
                keys += 1;
            }
        }
        let all_roles: usize = snap.member_accounts.iter().map(|m| m.roles.len()).sum();
        let all_keys: usize = snap.member_accounts.iter().map(|m| m.kms_keys.len()).sum();
        assert_eq!((roles, keys), (all_roles, all_keys));
        assert!(all_roles > 200 && all_keys > 100);
    }
}
