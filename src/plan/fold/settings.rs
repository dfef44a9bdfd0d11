//! The organization's own settings: each account's alternate contacts,
//! trusted service access and delegated administrators. AWS refuses none
//! of these changes on grounds the plan could break.

use std::collections::BTreeMap;

use crate::model::{AccountContacts, DelegatedAdministrator, Snapshot};
use crate::plan::contact_change::SetContact;
use crate::plan::trusted_access_change::TrustedAccessChange;

/// Sets one alternate contact of one account.
pub(super) fn set_contact(org: &mut Snapshot, set: &SetContact) {
    let settings = org.org_settings.get_or_insert_with(Default::default);
    let i = match (settings.alternate_contacts.iter()).position(|c| c.account_id == set.account_id)
    {
        Some(i) => i,
        None => {
            settings.alternate_contacts.push(AccountContacts {
                account_id: set.account_id.clone(),
                contacts: BTreeMap::new(),
                unread: vec![],
            });
            settings.alternate_contacts.len() - 1
        }
    };
    settings.alternate_contacts[i]
        .contacts
        .insert(set.contact_type.clone(), set.new.clone());
}

/// Trusted service access and delegated administrators after one change.
pub(super) fn trusted_access(org: &mut Snapshot, change: &TrustedAccessChange) {
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
