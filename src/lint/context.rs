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
use crate::model::tree::OrgIndex;
use crate::model::{KmsKey, MemberAccount, Policy, Role, Snapshot};
use crate::policy::document::Document;
use crate::policy::json_tree::{Kind, Node};

pub use crate::policy::limits::Limits;

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
    /// The parsed trust policy of a role of the live snapshot. The role
    /// must be borrowed from `self.live` (as `rules::members` gives them):
    /// policies are found by the role's address, and any other role gets
    /// an empty document.
    pub fn trust_policy(&self, role: &Role) -> &Document {
        self.parsed_at(std::ptr::from_ref(role).addr())
    }

    /// The parsed key policy of a KMS key of the live snapshot, borrowed
    /// from `self.live` like the roles of [`Context::trust_policy`].
    pub fn key_policy(&self, key: &KmsKey) -> &Document {
        self.parsed_at(std::ptr::from_ref(key).addr())
    }

    fn parsed_at(&self, address: usize) -> &Document {
        static EMPTY: Document = Document {
            statements: Vec::new(),
        };
        self.member_documents()
            .get(&address)
            .map_or(&EMPTY, |doc| doc.as_ref())
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

/// Parsed policies by the address of their role or key in the snapshot,
/// which the context borrows, so the address names one role or key for as
/// long as the rules run. Each IAM and KMS rule looks up every one of
/// 50,000 roles and keys on a large organization, and hashing an ARN each
/// time was a large share of those rules' cost (the KMS rules took about
/// half as long once keyed by address). Hashed with foldhash, which std's
/// SipHash is several times slower than.
pub type ParsedPolicies = foldhash::HashMap<usize, Arc<Document>>;

/// Every role's trust policy and KMS key's policy, by the role's or key's
/// address. An organization holds tens of thousands of them and parsing
/// them is most of what the IAM and KMS rules cost, so the accounts are
/// split over the processors, and a text met again (the same trust policy
/// in every account) is parsed once.
fn parse_member_documents(members: &[MemberAccount]) -> ParsedPolicies {
    fn parse(chunk: &[MemberAccount]) -> Vec<(usize, Arc<Document>)> {
        let mut seen: foldhash::HashMap<&str, Arc<Document>> = Default::default();
        let mut docs = Vec::new();
        for m in chunk {
            let roles = m
                .roles
                .iter()
                .map(|r| (std::ptr::from_ref(r).addr(), &r.trust_policy));
            let keys = m
                .kms_keys
                .iter()
                .map(|k| (std::ptr::from_ref(k).addr(), &k.policy));
            for (address, text) in roles.chain(keys) {
                let doc = seen
                    .entry(text.as_str())
                    .or_insert_with(|| Arc::new(Document::parse(text)));
                docs.push((address, Arc::clone(doc)));
            }
        }
        docs
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || members.len() < 64 {
        return parse(members).into_iter().collect();
    }
    let chunk = members.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = members
            .chunks(chunk)
            .map(|part| (part, scope.spawn(move || parse(part))))
            .collect();
        let total = members
            .iter()
            .map(|m| m.roles.len() + m.kms_keys.len())
            .sum();
        let mut docs = ParsedPolicies::with_capacity_and_hasher(total, Default::default());
        for (part, worker) in workers {
            // Should a worker die, its accounts are parsed again here
            // rather than silently left unchecked.
            docs.extend(worker.join().unwrap_or_else(|_| parse(part)));
        }
        docs
    })
}
