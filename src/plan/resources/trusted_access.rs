//! Trusted service access and delegated administrators as code: the
//! services `[trusted_access]` lists against the live ones. A layout
//! without the section manages neither, and the plan then neither reads
//! nor changes them.
//!
//! Order: delegated administrators are deregistered, then services
//! disabled (AWS wants a service's administrators gone before its access),
//! then services enabled, then administrators registered (AWS registers
//! them only for trusted services).

use std::collections::BTreeSet;

pub use crate::layout::model::trusted_access::DesiredTrustedAccess;
use crate::layout::schema::Unmanaged;
use crate::org::{AccountStatus, DelegatedAdministrator, Snapshot};
use crate::plan::change::Change;
pub use crate::plan::change::trusted_access::TrustedAccessChange;
use crate::plan::error::PlanError;
use crate::plan::model::{UnmanagedKind, UnmanagedObject};

/// The live trusted services, and the registrations as (service, account
/// id).
struct LiveState<'a> {
    services: BTreeSet<&'a str>,
    admins: BTreeSet<(&'a str, &'a str)>,
}

/// The live state, or the refusal when it could not be read.
fn live_state(live: &Snapshot) -> Result<LiveState<'_>, PlanError> {
    let unread = |operations: &[&str], what: &str| {
        let (operation, message) = live
            .incomplete
            .iter()
            .find(|f| operations.contains(&f.operation.as_str()))
            .map(|f| (f.operation.as_str(), f.message.as_str()))
            .unwrap_or((operations[0], "not read"));
        PlanError::IncompleteLive {
            what: format!("organizations {operation}: {what} could not be read ({message})"),
        }
    };
    let settings = live.org_settings.as_ref();
    let services = settings
        .and_then(|s| s.trusted_services.as_ref())
        .ok_or_else(|| unread(&["ListAWSServiceAccessForOrganization"], "trusted access"))?;
    let admins = settings
        .and_then(|s| s.delegated_administrators.as_ref())
        .ok_or_else(|| {
            unread(
                &[
                    "ListDelegatedAdministrators",
                    "ListDelegatedServicesForAccount",
                ],
                "delegated administrators",
            )
        })?;
    Ok(LiveState {
        services: services.iter().map(String::as_str).collect(),
        admins: admins
            .iter()
            .flat_map(|a| {
                a.service_principals
                    .iter()
                    .map(|s| (s.as_str(), a.account_id.as_str()))
            })
            .collect(),
    })
}

/// The changes that make the live trusted access and delegated
/// administrators the declared ones, in the order they are applied; live
/// ones the layout leaves to `unmanaged = "keep"` go to `unmanaged`, and
/// declared administrators that are not active accounts to `warnings`.
pub fn plan(
    desired: Option<&DesiredTrustedAccess>,
    live: &Snapshot,
    unmanaged: &mut Vec<UnmanagedObject>,
    warnings: &mut Vec<String>,
) -> Result<Vec<Change>, PlanError> {
    let Some(desired) = desired else {
        return Ok(Vec::new());
    };
    let LiveState { services, admins } = live_state(live)?;
    let delete = desired.unmanaged == Unmanaged::Delete;
    let live_name = |id: &str| {
        live.accounts
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.name.clone())
    };
    let mut deregister = Vec::new();
    for &(service, account_id) in &admins {
        let account_name = live_name(account_id).unwrap_or_else(|| account_id.to_string());
        let change = || TrustedAccessChange::DeregisterDelegatedAdministrator {
            service: service.to_string(),
            account_id: account_id.to_string(),
            account_name: account_name.clone(),
        };
        match desired.delegated.get(service) {
            Some(wanted) if wanted.contains_key(account_id) => {}
            Some(_) => deregister.push(change()),
            None if delete => deregister.push(change()),
            None => {}
        }
        if !desired.delegated.contains_key(service) {
            unmanaged.push(UnmanagedObject {
                kind: UnmanagedKind::DelegatedAdministrator,
                id: account_id.to_string(),
                name: format!("{account_name} for {service}"),
                deleted: delete,
                note: format!("{service} is not in [trusted_access] delegated_administrators"),
            });
        }
    }
    let mut disable = Vec::new();
    for &service in &services {
        if desired.services.contains(service) {
            continue;
        }
        if delete {
            disable.push(TrustedAccessChange::DisableServiceAccess {
                service: service.to_string(),
            });
        }
        unmanaged.push(UnmanagedObject {
            kind: UnmanagedKind::TrustedService,
            id: "trusted access".to_string(),
            name: service.to_string(),
            deleted: delete,
            note: "not in [trusted_access] services".to_string(),
        });
    }
    let enable = desired
        .services
        .iter()
        .filter(|s| !services.contains(s.as_str()))
        .map(|s| TrustedAccessChange::EnableServiceAccess { service: s.clone() });
    let mut register = Vec::new();
    for (service, accounts) in &desired.delegated {
        for (account_id, layout_name) in accounts {
            if admins.contains(&(service.as_str(), account_id.as_str())) {
                continue;
            }
            let active = live
                .accounts
                .iter()
                .any(|a| &a.id == account_id && a.status == AccountStatus::Active);
            if !active {
                warnings.push(format!(
                    "account {account_id} ({layout_name}) is not an active account of the organization, so it is not registered as delegated administrator for {service}"
                ));
                continue;
            }
            register.push(TrustedAccessChange::RegisterDelegatedAdministrator {
                service: service.clone(),
                account_id: account_id.clone(),
                account_name: live_name(account_id).unwrap_or_else(|| layout_name.clone()),
            });
        }
    }
    Ok(deregister
        .into_iter()
        .chain(disable)
        .chain(enable)
        .chain(register)
        .map(Change::TrustedAccess)
        .collect())
}

/// Trusted service access and delegated administrators after one change.
pub fn fold(org: &mut Snapshot, change: &TrustedAccessChange) {
    let settings = org.org_settings.get_or_insert_with(Default::default);
    let services = settings.trusted_services.get_or_insert_with(Vec::new);
    let admins = settings
        .delegated_administrators
        .get_or_insert_with(Vec::new);
    match change {
        TrustedAccessChange::EnableServiceAccess { service } => {
            if !services.contains(service) {
                services.push(service.clone());
                services.sort();
            }
        }
        TrustedAccessChange::DisableServiceAccess { service } => {
            services.retain(|s| s != service);
        }
        TrustedAccessChange::RegisterDelegatedAdministrator {
            service,
            account_id,
            ..
        } => match admins.iter_mut().find(|a| &a.account_id == account_id) {
            Some(a) if a.service_principals.contains(service) => {}
            Some(a) => {
                a.service_principals.push(service.clone());
                a.service_principals.sort();
            }
            None => admins.push(DelegatedAdministrator {
                account_id: account_id.clone(),
                service_principals: vec![service.clone()],
            }),
        },
        TrustedAccessChange::DeregisterDelegatedAdministrator {
            service,
            account_id,
            ..
        } => {
            for a in admins.iter_mut().filter(|a| &a.account_id == account_id) {
                a.service_principals.retain(|s| s != service);
            }
            admins.retain(|a| !a.service_principals.is_empty());
        }
    }
}
