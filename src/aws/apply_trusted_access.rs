//! Carries out trusted-access changes: EnableAWSServiceAccess,
//! DisableAWSServiceAccess, RegisterDelegatedAdministrator and
//! DeregisterDelegatedAdministrator, through the Organizations client (its
//! retry classifier retries throttling and concurrent modification). A
//! change AWS finds already made (an account already registered, or no
//! longer registered) is done, not a failure, so a rerun goes through.

use super::config::Clients;
use super::error::{CallError, Described};
use crate::plan::change::trusted_access::TrustedAccessChange;

const SERVICE: &str = "organizations";

/// Applies one change; the line to print on success.
pub async fn apply(clients: &Clients, change: &TrustedAccessChange) -> Result<String, CallError> {
    let org = &clients.organizations;
    let line = format!("{} {}", change.action().symbol(), change.describe());
    match change {
        // Both are idempotent in AWS: enabling an enabled service, or
        // disabling one that is not, succeeds.
        TrustedAccessChange::EnableServiceAccess { service } => {
            org.enable_aws_service_access()
                .service_principal(service)
                .send()
                .await
                .described(SERVICE, "EnableAWSServiceAccess")?;
        }
        TrustedAccessChange::DisableServiceAccess { service } => {
            org.disable_aws_service_access()
                .service_principal(service)
                .send()
                .await
                .described(SERVICE, "DisableAWSServiceAccess")?;
        }
        TrustedAccessChange::RegisterDelegatedAdministrator {
            service,
            account_id,
            ..
        } => {
            let sent = org
                .register_delegated_administrator()
                .account_id(account_id)
                .service_principal(service)
                .send()
                .await
                .described(SERVICE, "RegisterDelegatedAdministrator");
            match sent {
                Ok(_) => {}
                Err(e) if e.is("AccountAlreadyRegisteredException") => {
                    return Ok(format!("{line} (already registered)"));
                }
                Err(e) => return Err(e),
            }
        }
        TrustedAccessChange::DeregisterDelegatedAdministrator {
            service,
            account_id,
            ..
        } => {
            let sent = org
                .deregister_delegated_administrator()
                .account_id(account_id)
                .service_principal(service)
                .send()
                .await
                .described(SERVICE, "DeregisterDelegatedAdministrator");
            match sent {
                Ok(_) => {}
                Err(e) if e.is("AccountNotRegisteredException") => {
                    return Ok(format!("{line} (already deregistered)"));
                }
                Err(e) => return Err(e),
            }
        }
    }
    Ok(line)
}
