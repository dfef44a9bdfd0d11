//! The diff of the desired layout against a live snapshot: each resource
//! kind drafts its own changes ([`super::resources`]: OUs match by pinned
//! id, else by name under their matched parent, so children of a renamed
//! OU still match; accounts by id; policies by name, compared by meaning so
//! formatting is never drift), then the draft is ordered and every step
//! checked by folding it into the organization ([`super::safety`]).

use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::change::Change;
use super::context::{Ctx, OuMatch};
use super::error::PlanError;
use super::model::{Plan, UnmanagedKind, UnmanagedObject};
use super::order::{Draft, order};
use super::safety;
use crate::layout::Layout;
use crate::layout::model::{Desired, DesiredOu};
use crate::org::Snapshot;
use crate::org::tree::OrgIndex;
use crate::plan::change::PolicyChange;
use crate::policy::kinds::PolicyKind;

/// Plans the changes that make `live` match `layout`: diffed, ordered and
/// checked step by step. Pure: no AWS calls.
pub fn diff(layout: &Layout, live: &Snapshot) -> Result<Plan, PlanError> {
    plan_desired(&Desired::from_layout(layout), live)
}

/// [`diff`], with `max_account_closures` (from `--max-account-closures`)
/// raising `settings.limits.account_closures_per_plan` for this plan.
pub fn diff_with(
    layout: &Layout,
    live: &Snapshot,
    max_account_closures: Option<usize>,
) -> Result<Plan, PlanError> {
    plan_desired(&Desired::for_plan(layout, max_account_closures), live)
}

/// [`diff`] over an already reduced layout.
pub fn plan_desired(desired: &Desired, live: &Snapshot) -> Result<Plan, PlanError> {
    safety::check_organization(desired, live)?;
    check_complete(live)?;
    let resolved = super::resources::account::resolve(desired, live);
    let desired = &resolved.desired;
    let (mut draft, mut unmanaged, mut warnings) = draft(desired, &resolved.creations, live)?;
    warnings.splice(0..0, resolved.warnings);
    draft.close_accounts = super::resources::account::draft_closures(desired, live, &mut warnings)?;
    draft.contacts = super::resources::contact::plan(&desired.contacts, live)?;
    draft.trusted_access = super::resources::trusted_access::plan(
        desired.trusted_access.as_ref(),
        live,
        &mut unmanaged,
        &mut warnings,
    )?;
    let mut changes = order(draft, &desired.limits);
    super::resources::account::check_closure_limit(&changes, live, &desired.limits)?;
    safety::simulate(&changes, live, &desired.limits)?;
    changes.extend(super::resources::identity_center::plan_identity_center(
        desired,
        live,
        &mut unmanaged,
    )?);
    Ok(Plan {
        organization_id: live.organization.id.clone(),
        changes,
        unmanaged,
        warnings,
    })
}

fn check_complete(live: &Snapshot) -> Result<(), PlanError> {
    // Member-account reads do not feed the plan; Organizations reads do.
    match live.incomplete.iter().find(|f| {
        f.service.eq_ignore_ascii_case("organizations")
            && !crate::org::SETTINGS_READS.contains(&f.operation.as_str())
    }) {
        Some(f) => Err(PlanError::IncompleteLive {
            what: format!("{} {}: {}", f.service, f.operation, f.message),
        }),
        None => Ok(()),
    }
}

type Drafted = (Draft, Vec<UnmanagedObject>, Vec<String>);

fn draft(
    desired: &Desired,
    creations: &[crate::layout::model::DesiredAccount],
    live: &Snapshot,
) -> Result<Drafted, PlanError> {
    let root = live.roots.first().ok_or(PlanError::NoRoot)?;
    let mut ctx = Ctx {
        desired,
        live,
        index: OrgIndex::new(live),
        root_id: &root.id,
        ous: HashMap::new(),
        claimed: HashSet::new(),
        desired_accounts: (desired.accounts.iter())
            .map(|a| (a.id.as_str(), a))
            .collect(),
    };
    let mut draft = Draft::default();
    let mut unmanaged = Vec::new();
    let mut warnings = Vec::new();

    // Parents before children, so a parent's match is known.
    let mut ous: Vec<&DesiredOu> = desired.ous.iter().collect();
    ous.sort_by_cached_key(|o| (o.path.matches('/').count(), o.path.as_str()));
    super::resources::ou::match_ous(&mut ctx, &ous, &mut draft)?;
    let managed_paths: HashMap<&str, &str> = ctx
        .ous
        .iter()
        .filter_map(|(path, m)| match m {
            OuMatch::Live(ou) => Some((ou.id.as_str(), *path)),
            OuMatch::New => None,
        })
        .collect();

    let kinds: Vec<PolicyKind> = PolicyKind::ALL
        .into_iter()
        .filter(|k| *k == PolicyKind::Scp || desired.uses_rcps())
        .collect();
    for &kind in &kinds {
        if !kind.full_access_detachable() && !live.policy_type_enabled(kind) {
            draft.enable.push(Change::Policy(PolicyChange::EnableType {
                kind,
                root_id: root.id.clone(),
            }));
        }
        super::resources::policy::draft(&ctx, kind, &mut draft, &mut unmanaged);
    }
    super::resources::account::draft_creations(
        creations,
        &desired.account_creation,
        &kinds,
        |path| ctx.ou_target(path),
        |kind, name| ctx.policy_ref(kind, name),
        &mut draft,
    );
    let deleted_policies: BTreeSet<(PolicyKind, String)> = unmanaged
        .iter()
        .filter(|u| u.deleted)
        .filter_map(|u| match u.kind {
            UnmanagedKind::Scp => Some((PolicyKind::Scp, u.name.clone())),
            UnmanagedKind::Rcp => Some((PolicyKind::Rcp, u.name.clone())),
            _ => None,
        })
        .collect();
    // Accounts: moves and tags; where every live account ends up.
    let final_parent = super::resources::account::draft_moves(
        &ctx,
        &managed_paths,
        &mut draft,
        &mut unmanaged,
        &mut warnings,
    );

    // Unmanaged OUs: deleted only when the plan leaves them empty.
    let deleted_ous =
        super::resources::ou::draft_unmanaged(&ctx, &final_parent, &mut draft, &mut unmanaged);

    // Attachments, per kind and target.
    for &kind in &kinds {
        super::resources::attachment::draft(
            &ctx,
            kind,
            &ous,
            &managed_paths,
            &deleted_policies,
            &deleted_ous,
            &mut draft,
        );
    }
    unmanaged.sort_by(|a, b| (a.kind as u8, &a.name).cmp(&(b.kind as u8, &b.name)));
    Ok((draft, unmanaged, warnings))
}
