//! Reads the organization's own settings: trusted service access,
//! delegated administrators (Organizations), and every account's alternate
//! contacts (the Account API), or the parts asked for. A read that fails is
//! recorded as a failure and its part left unknown, never as "not set".

use futures::stream::{self, StreamExt};

use super::config::Clients;
use super::error::{CallError, Described};
use super::pages::collect_pages;
use super::progress::Progress;
use crate::org::{
    Account, AccountContacts, AccountStatus, AlternateContact, CONTACT_TYPES,
    DelegatedAdministrator, OrgSettings, ReadFailure,
};

/// The organization's own settings a read takes: `snapshot` and `import`
/// take all; `plan` and `apply` only what the layout manages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SettingsReads {
    /// Trusted access and delegated administrators (Organizations).
    pub trusted_access: bool,
    /// Every active account's alternate contacts (the Account API).
    pub contacts: bool,
}

impl SettingsReads {
    pub const ALL: SettingsReads = SettingsReads {
        trusted_access: true,
        contacts: true,
    };
    pub const NONE: SettingsReads = SettingsReads {
        trusted_access: false,
        contacts: false,
    };

    pub fn any(self) -> bool {
        self.trusted_access || self.contacts
    }
}

const ORGANIZATIONS: &str = "organizations";
const ACCOUNT: &str = "account";
/// Account API calls in flight at once.
const CONCURRENCY: usize = 8;

/// The settings, and the reads that failed.
pub async fn read(
    clients: &Clients,
    accounts: &[Account],
    management_account_id: &str,
    parts: SettingsReads,
    progress: &Progress,
) -> (OrgSettings, Vec<ReadFailure>) {
    let mut failures = Vec::new();
    let mut trusted_services = None;
    let mut delegated_administrators = None;
    if parts.trusted_access {
        match self::trusted_services(clients).await {
            Ok(services) => trusted_services = Some(services),
            Err(e) => failures.push(e.into_failure(None, None)),
        }
        match self::delegated_administrators(clients).await {
            Ok(admins) => delegated_administrators = Some(admins),
            Err(e) => failures.push(e.into_failure(None, None)),
        }
    }
    // Contacts of suspended and closing accounts cannot be read or changed.
    let active: Vec<&Account> = accounts
        .iter()
        .filter(|a| parts.contacts && a.status == AccountStatus::Active)
        .collect();
    if parts.contacts {
        progress.phase("alternate contacts", active.len() as u64);
    }
    let read: Vec<(AccountContacts, Vec<ReadFailure>)> = stream::iter(active)
        .map(|account| async move {
            let contacts = account_contacts(clients, &account.id, management_account_id).await;
            progress.inc();
            contacts
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let mut alternate_contacts = Vec::with_capacity(read.len());
    for (contacts, account_failures) in read {
        alternate_contacts.push(contacts);
        failures.extend(account_failures);
    }
    (
        OrgSettings {
            trusted_services,
            delegated_administrators,
            alternate_contacts,
        },
        failures,
    )
}

async fn trusted_services(clients: &Clients) -> Result<Vec<String>, CallError> {
    Ok(collect_pages!(
        ORGANIZATIONS,
        "ListAWSServiceAccessForOrganization",
        clients
            .organizations
            .list_aws_service_access_for_organization(),
        |page| page
            .enabled_service_principals()
            .iter()
            .filter_map(|p| p.service_principal().map(str::to_string))
            .collect::<Vec<_>>()
    ))
}

async fn delegated_administrators(
    clients: &Clients,
) -> Result<Vec<DelegatedAdministrator>, CallError> {
    let ids: Vec<String> = collect_pages!(
        ORGANIZATIONS,
        "ListDelegatedAdministrators",
        clients.organizations.list_delegated_administrators(),
        |page| page
            .delegated_administrators()
            .iter()
            .filter_map(|a| a.id().map(str::to_string))
            .collect::<Vec<_>>()
    );
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let service_principals = collect_pages!(
            ORGANIZATIONS,
            "ListDelegatedServicesForAccount",
            clients
                .organizations
                .list_delegated_services_for_account()
                .account_id(&id),
            |page| page
                .delegated_services()
                .iter()
                .filter_map(|s| s.service_principal().map(str::to_string))
                .collect::<Vec<_>>()
        );
        out.push(DelegatedAdministrator {
            account_id: id,
            service_principals,
        });
    }
    Ok(out)
}

/// The three alternate contacts of one account. The management account's
/// own are read without an account id (AWS refuses its id there).
async fn account_contacts(
    clients: &Clients,
    account_id: &str,
    management_account_id: &str,
) -> (AccountContacts, Vec<ReadFailure>) {
    let mut out = AccountContacts {
        account_id: account_id.to_string(),
        contacts: Default::default(),
        unread: Vec::new(),
    };
    let mut failures = Vec::new();
    for contact_type in CONTACT_TYPES {
        let mut request = clients
            .account
            .get_alternate_contact()
            .alternate_contact_type(aws_sdk_account::types::AlternateContactType::from(
                contact_type,
            ));
        if account_id != management_account_id {
            request = request.account_id(account_id);
        }
        match request
            .send()
            .await
            .described(ACCOUNT, "GetAlternateContact")
        {
            Ok(answer) => {
                if let Some(c) = answer.alternate_contact() {
                    out.contacts.insert(
                        contact_type.to_string(),
                        AlternateContact {
                            name: c.name().unwrap_or_default().to_string(),
                            title: c.title().unwrap_or_default().to_string(),
                            email: c.email_address().unwrap_or_default().to_string(),
                            phone: c.phone_number().unwrap_or_default().to_string(),
                        },
                    );
                }
            }
            // AWS's answer for a contact that is not set.
            Err(e) if e.is("ResourceNotFoundException") => {}
            Err(e) => {
                out.unread.push(contact_type.to_string());
                failures.push(e.into_failure(Some(account_id), None));
            }
        }
    }
    (out, failures)
}
