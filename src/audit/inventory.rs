//! The Identity Center assignment inventory: one row per assignment (or,
//! with `expand_groups`, one row per user per group assignment), with the
//! account, permission set and principal spelled out for an auditor.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;

use super::admin::is_admin_level;
use super::filters::Filters;
use crate::diagnostics::{Finding, assignment_resource};
use crate::error::Result;
use crate::org::tree::OrgIndex;
use crate::org::{Assignment, Group, IdentityCenter, PermissionSet, PrincipalType, Snapshot, User};

/// Shown where a principal, group or permission set an assignment names no
/// longer exists: the assignment still grants access until it is removed.
pub const DELETED: &str = "(deleted)";

pub use super::row::{AssignmentRow, Provisioning, Shared};

/// The column names, in the order every tabular format writes them.
pub const COLUMNS: [&str; 18] = [
    "account_id",
    "account_name",
    "ou_path",
    "account_status",
    "permission_set_name",
    "permission_set_arn",
    "managed_policies",
    "customer_managed_policies",
    "has_inline_policy",
    "admin_level",
    "principal_type",
    "principal_id",
    "principal_name",
    "principal_email",
    "via_group_id",
    "via_group_name",
    "provisioning",
    "findings",
];

impl AssignmentRow {
    /// The row as text cells, in [`COLUMNS`] order; lists are joined with
    /// "; " so a spreadsheet shows them in one cell.
    pub fn cells(&self) -> [String; 18] {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        let opt = |o: &Option<Shared>| o.as_deref().unwrap_or_default().to_string();
        [
            self.account_id.to_string(),
            self.account_name.to_string(),
            self.ou_path.to_string(),
            self.account_status.to_string(),
            self.permission_set_name.to_string(),
            self.permission_set_arn.to_string(),
            self.managed_policies.join("; "),
            self.customer_managed_policies.join("; "),
            yes_no(self.has_inline_policy),
            yes_no(self.admin_level),
            self.principal_type.to_string(),
            self.principal_id.to_string(),
            self.principal_name.to_string(),
            opt(&self.principal_email),
            opt(&self.via_group_id),
            opt(&self.via_group_name),
            self.provisioning.as_str().to_string(),
            self.findings.join("; "),
        ]
    }
}

/// The inventory of one snapshot, filtered.
#[derive(Debug, Clone, Serialize)]
pub struct Inventory {
    pub captured_at: String,
    pub source: String,
    pub expand_groups: bool,
    /// Why the inventory may be missing assignments; empty when complete.
    pub incomplete: Vec<String>,
    pub rows: Vec<AssignmentRow>,
    /// The findings that landed on at least one row, most severe first.
    #[serde(skip)]
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub expand_groups: bool,
    pub filters: Filters,
}

/// Builds the inventory. `findings` are matched to rows by the convention
/// documented on [`assignment_resource`]. Fails when a filter names
/// something the snapshot does not hold.
pub fn build(snapshot: &Snapshot, findings: &[Finding], options: &Options) -> Result<Inventory> {
    let index = OrgIndex::new(snapshot);
    let incomplete = incomplete_reasons(snapshot);
    let mut rows = Vec::new();
    if let Some(ic) = &snapshot.identity_center {
        let resolved = options.filters.resolve(&index, ic)?;
        let lookup = Lookup::new(ic);
        for assignment in &ic.assignments {
            for row in lookup.rows_for(&index, assignment, options.expand_groups) {
                if resolved.keeps(&row) {
                    rows.push(row);
                }
            }
        }
    } else {
        options.filters.resolve_without_identity_center(&index)?;
    }
    // Unstable: a stable sort of a million expanded rows borrows a buffer of
    // half a million of them. The key ends with the fields that tell rows
    // apart, so the order is the same on every run.
    rows.sort_unstable_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    let matched = attach_findings(findings, &mut rows);
    Ok(Inventory {
        captured_at: snapshot.captured_at.clone(),
        source: snapshot.source.clone(),
        expand_groups: options.expand_groups,
        incomplete,
        rows,
        findings: matched,
    })
}

fn sort_key(row: &AssignmentRow) -> impl Ord + '_ {
    (
        &row.account_name,
        &row.account_id,
        &row.permission_set_name,
        &row.principal_type,
        &row.principal_name,
        &row.principal_id,
        &row.via_group_name,
        // Ties on everything shown: two permission sets or groups of the
        // same name (both deleted, say).
        &row.permission_set_arn,
        &row.via_group_id,
    )
}

fn incomplete_reasons(snapshot: &Snapshot) -> Vec<String> {
    let mut reasons: Vec<String> = snapshot
        .incomplete
        .iter()
        .filter(|f| matches!(f.service.as_str(), "sso" | "sso-admin" | "identitystore"))
        // No column comes from a permission set's boundary, so a failed
        // boundary read leaves the inventory whole.
        .filter(|f| f.operation != "GetPermissionsBoundaryForPermissionSet")
        .map(|f| format!("{} {} failed: {}", f.service, f.operation, f.message))
        .collect();
    match &snapshot.identity_center {
        None if reasons.is_empty() => {
            reasons.push("the snapshot holds no Identity Center instance".to_string());
        }
        Some(ic) if ic.assignments_read == "by-principal" => reasons.push(
            "assignments were read per principal, so assignments of deleted users and groups are not visible; \
             take the snapshot with `orgguard snapshot --assignments by-account` to see them"
                .to_string(),
        ),
        _ => {}
    }
    reasons
}

/// Puts the codes of matching findings on each row (by the convention on
/// [`assignment_resource`]) and returns the findings that landed on at
/// least one row, most severe first.
fn attach_findings(findings: &[Finding], rows: &mut [AssignmentRow]) -> Vec<Finding> {
    let mut by_resource: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        if let Some(resource) = f.subject.resource.as_deref() {
            by_resource.entry(resource).or_default().push(i);
        }
    }
    let mut used = BTreeSet::new();
    for row in rows.iter_mut() {
        // An expanded row came from its group's assignment.
        let (principal_type, principal_id) = match &row.via_group_id {
            Some(group) => (PrincipalType::Group.as_str(), &**group),
            None => (&*row.principal_type, &*row.principal_id),
        };
        let key = assignment_resource(
            &row.account_id,
            &row.permission_set_arn,
            principal_type,
            principal_id,
        );
        let on_assignment = by_resource.get(key.as_str()).into_iter().flatten();
        let on_permission_set = by_resource
            .get(&*row.permission_set_arn)
            .into_iter()
            .flatten()
            .filter(|&&i| {
                findings[i]
                    .subject
                    .account_id
                    .as_deref()
                    .is_none_or(|a| *row.account_id == *a)
            });
        let hits: BTreeSet<usize> = on_assignment.chain(on_permission_set).copied().collect();
        let codes: BTreeSet<&str> = hits.iter().map(|&i| findings[i].code.as_str()).collect();
        row.findings = codes.into_iter().map(str::to_string).collect();
        used.extend(hits);
    }
    let mut out: Vec<Finding> = Vec::new();
    for i in used {
        if !out.contains(&findings[i]) {
            out.push(findings[i].clone());
        }
    }
    out.sort_by(|a, b| a.severity.cmp(&b.severity).then(a.code.cmp(&b.code)));
    out
}

/// Identity Center lookups over one snapshot, with each user's and
/// group's cells made once and shared by its rows.
struct Lookup<'a> {
    users: HashMap<&'a str, Principal>,
    groups: HashMap<&'a str, (&'a Group, Principal)>,
    permission_sets: HashMap<&'a str, &'a PermissionSet>,
    /// Per permission set ARN, the accounts it is provisioned to and those
    /// where it is outdated: a set, not a scan of the lists per row.
    provisioned: HashMap<&'a str, (HashSet<&'a str>, HashSet<&'a str>)>,
    user_type: Shared,
    group_type: Shared,
    deleted: Shared,
}

/// What a row says about its principal.
#[derive(Clone)]
struct Principal {
    id: Shared,
    name: Shared,
    email: Option<Shared>,
}

impl<'a> Lookup<'a> {
    fn new(ic: &'a IdentityCenter) -> Self {
        Lookup {
            users: ic
                .users
                .iter()
                .map(|u| (u.id.as_str(), Self::user_cells(u)))
                .collect(),
            groups: ic
                .groups
                .iter()
                .map(|g| {
                    let cells = Principal {
                        id: g.id.as_str().into(),
                        name: g.display_name.as_str().into(),
                        email: None,
                    };
                    (g.id.as_str(), (g, cells))
                })
                .collect(),
            permission_sets: ic
                .permission_sets
                .iter()
                .map(|p| (p.arn.as_str(), p))
                .collect(),
            provisioned: ic
                .permission_sets
                .iter()
                .map(|p| {
                    let set = |list: &'a [String]| list.iter().map(String::as_str).collect();
                    (
                        p.arn.as_str(),
                        (set(&p.provisioned_accounts), set(&p.outdated_accounts)),
                    )
                })
                .collect(),
            user_type: PrincipalType::User.as_str().into(),
            group_type: PrincipalType::Group.as_str().into(),
            deleted: DELETED.into(),
        }
    }

    fn user_cells(u: &User) -> Principal {
        Principal {
            id: u.id.as_str().into(),
            name: if u.display_name.is_empty() {
                u.user_name.as_str().into()
            } else {
                u.display_name.as_str().into()
            },
            email: u.email.as_deref().map(Shared::from),
        }
    }

    /// Whether the permission set is provisioned to the account.
    fn provisioning(&self, permission_set_arn: &str, account_id: &str) -> Provisioning {
        match self.provisioned.get(permission_set_arn) {
            Some((_, outdated)) if outdated.contains(account_id) => Provisioning::Outdated,
            Some((provisioned, _)) if provisioned.contains(account_id) => Provisioning::Provisioned,
            _ => Provisioning::NotProvisioned,
        }
    }

    fn user(&self, id: &str) -> Principal {
        match self.users.get(id) {
            Some(cells) => cells.clone(),
            None => Principal {
                id: id.into(),
                name: self.deleted.clone(),
                email: None,
            },
        }
    }

    fn group(&self, id: &str) -> Principal {
        match self.groups.get(id) {
            Some((_, cells)) => cells.clone(),
            None => Principal {
                id: id.into(),
                name: self.deleted.clone(),
                email: None,
            },
        }
    }

    fn rows_for(
        &self,
        index: &OrgIndex<'_>,
        a: &Assignment,
        expand_groups: bool,
    ) -> Vec<AssignmentRow> {
        let ps = self
            .permission_sets
            .get(a.permission_set_arn.as_str())
            .copied();
        let account = index.account(&a.account_id);
        let base = AssignmentRow {
            account_id: a.account_id.as_str().into(),
            account_name: account
                .map_or("(not in organization)", |x| x.name.as_str())
                .into(),
            ou_path: account
                .and_then(|x| index.path_of(&x.parent_id))
                .unwrap_or_default()
                .into(),
            account_status: account
                .map(|x| x.status.as_str())
                .unwrap_or("UNKNOWN")
                .into(),
            permission_set_name: ps.map_or(DELETED, |p| p.name.as_str()).into(),
            permission_set_arn: a.permission_set_arn.as_str().into(),
            managed_policies: ps
                .map(|p| {
                    p.managed_policies
                        .iter()
                        .map(|m| m.as_str().into())
                        .collect()
                })
                .unwrap_or_default(),
            customer_managed_policies: ps
                .map(|p| {
                    p.customer_managed_policies
                        .iter()
                        .map(|c| format!("{}{}", c.path, c.name).into())
                        .collect()
                })
                .unwrap_or_default(),
            has_inline_policy: ps.is_some_and(|p| p.inline_policy.is_some()),
            admin_level: ps.is_some_and(is_admin_level),
            principal_type: Shared::default(),
            principal_id: Shared::default(),
            principal_name: Shared::default(),
            principal_email: None,
            via_group_id: None,
            via_group_name: None,
            provisioning: self.provisioning(&a.permission_set_arn, &a.account_id),
            findings: Vec::new(),
        };
        let row = |kind: &Shared, p: Principal, via: Option<&Principal>| {
            let mut row = base.clone();
            row.principal_type = kind.clone();
            row.principal_id = p.id;
            row.principal_name = p.name;
            row.principal_email = p.email;
            row.via_group_id = via.map(|g| g.id.clone());
            row.via_group_name = via.map(|g| g.name.clone());
            row
        };
        match a.principal_type {
            PrincipalType::User => vec![row(&self.user_type, self.user(&a.principal_id), None)],
            PrincipalType::Group => {
                let group = self.group(&a.principal_id);
                let members = self
                    .groups
                    .get(a.principal_id.as_str())
                    .map(|(g, _)| g.members.as_slice())
                    .unwrap_or(&[]);
                // A deleted or empty group keeps its own row: the assignment
                // exists even though it reaches nobody today.
                if expand_groups && !members.is_empty() {
                    members
                        .iter()
                        .map(|m| row(&self.user_type, self.user(m), Some(&group)))
                        .collect()
                } else {
                    vec![row(&self.group_type, group.clone(), None)]
                }
            }
        }
    }
}
