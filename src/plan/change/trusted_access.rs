//! The change records of trusted service access and delegated
//! administrators.

use serde::{Deserialize, Serialize};

use crate::plan::action::Action;

/// One change to the services the organization trusts or their delegated
/// administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum TrustedAccessChange {
    /// EnableAWSServiceAccess.
    EnableServiceAccess { service: String },
    /// DisableAWSServiceAccess.
    DisableServiceAccess { service: String },
    /// RegisterDelegatedAdministrator.
    RegisterDelegatedAdministrator {
        service: String,
        account_id: String,
        account_name: String,
    },
    /// DeregisterDelegatedAdministrator.
    DeregisterDelegatedAdministrator {
        service: String,
        account_id: String,
        account_name: String,
    },
}

impl TrustedAccessChange {
    /// The resource the change acts on (see `Change::address`).
    pub fn address(&self) -> String {
        match self {
            TrustedAccessChange::EnableServiceAccess { service }
            | TrustedAccessChange::DisableServiceAccess { service } => {
                format!("trusted_access/{service}")
            }
            TrustedAccessChange::RegisterDelegatedAdministrator {
                service,
                account_id,
                ..
            }
            | TrustedAccessChange::DeregisterDelegatedAdministrator {
                service,
                account_id,
                ..
            } => format!("delegated_administrator/{service}/{account_id}"),
        }
    }

    pub fn action(&self) -> Action {
        match self {
            TrustedAccessChange::EnableServiceAccess { .. }
            | TrustedAccessChange::RegisterDelegatedAdministrator { .. } => Action::Create,
            TrustedAccessChange::DisableServiceAccess { .. }
            | TrustedAccessChange::DeregisterDelegatedAdministrator { .. } => Action::Delete,
        }
    }

    /// The line without its symbol: "enable trusted access for
    /// guardduty.amazonaws.com".
    pub fn describe(&self) -> String {
        match self {
            TrustedAccessChange::EnableServiceAccess { service } => {
                format!("enable trusted access for {service}")
            }
            TrustedAccessChange::DisableServiceAccess { service } => {
                format!("disable trusted access for {service}")
            }
            TrustedAccessChange::RegisterDelegatedAdministrator {
                service,
                account_id,
                account_name,
            } => format!(
                "register account {account_id} ({account_name}) as delegated administrator for {service}"
            ),
            TrustedAccessChange::DeregisterDelegatedAdministrator {
                service,
                account_id,
                account_name,
            } => format!(
                "deregister account {account_id} ({account_name}) as delegated administrator for {service}"
            ),
        }
    }

    /// What a reviewer should know before a removal.
    pub fn details(&self) -> Vec<String> {
        match self {
            TrustedAccessChange::DisableServiceAccess { service } => vec![format!(
                "{service} stops working across the organization and may not clean up after itself; AWS recommends turning off its organization features in the service first"
            )],
            TrustedAccessChange::DeregisterDelegatedAdministrator { service, .. } => vec![format!(
                "the account can no longer administer {service} for the organization"
            )],
            _ => Vec::new(),
        }
    }
}
