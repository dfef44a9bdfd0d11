//! The safety check: every step of a plan folded into a model of the
//! organization ([`super::fold`]), refusing the first step AWS would reject
//! or that would leave the organization unsafe in between (a target with
//! no SCP, a non-empty OU deleted, a limit exceeded). moto does not enforce
//! these rules, so orgguard must.

use super::change::Change;
use super::error::PlanError;
use super::fold::{Folding, Refusal};
use crate::layout::model::Desired;
use crate::org::Snapshot;
use crate::policy::limits::Limits;

/// Refuses a live organization other than the one the layout names.
pub fn check_organization(desired: &Desired, live: &Snapshot) -> Result<(), PlanError> {
    let org = &live.organization;
    if org.management_account_id != desired.management_account_id {
        return Err(PlanError::WrongOrganization {
            live: format!(
                "{} (management account {})",
                org.id, org.management_account_id
            ),
            expected: format!("management account {}", desired.management_account_id),
        });
    }
    if let Some(id) = &desired.organization_id
        && &org.id != id
    {
        return Err(PlanError::WrongOrganization {
            live: org.id.clone(),
            expected: id.clone(),
        });
    }
    Ok(())
}

/// Replays `changes` over `live` and refuses the first unsafe step. Also
/// suits a saved plan read back before it is applied.
pub fn simulate(changes: &[Change], live: &Snapshot, limits: &Limits) -> Result<(), PlanError> {
    let mut org = Folding::new(live, limits);
    for (i, change) in changes.iter().enumerate() {
        org.step(change)
            .map_err(|Refusal { reason, help }| PlanError::Unsafe {
                step: i + 1,
                change: change.describe(),
                reason,
                help,
            })?;
    }
    Ok(())
}
