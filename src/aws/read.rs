//! Reads the whole live organization into a [`Snapshot`].

use super::config::Clients;
use super::error::{CallError, Described};
use super::identity_center::AssignmentStrategy;
use super::members::{self, DeepOptions};
use super::progress::Progress;
use super::{identity_center, org_settings, organizations};
use crate::error::Error;
use crate::org::{AccountStatus, ReadFailure, SCHEMA_VERSION, Snapshot};

#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Read member accounts too, with these settings.
    pub deep: Option<DeepOptions>,
    pub assignments: AssignmentStrategy,
    /// Read IAM Identity Center. `plan` and `apply` read it only when the
    /// layout declares Identity Center resources.
    pub identity_center: bool,
    pub progress: bool,
    /// Which of the organization's own settings to read.
    pub org_settings: super::org_settings::SettingsReads,
}

/// Where the data comes from, for the snapshot's `source`.
pub fn source_description() -> String {
    match std::env::var("AWS_ENDPOINT_URL") {
        Ok(endpoint) if !endpoint.is_empty() => format!("aws (endpoint {endpoint})"),
        _ => "aws".to_string(),
    }
}

pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

pub async fn read_snapshot(clients: &Clients, options: &ReadOptions) -> Result<Snapshot, Error> {
    let progress = Progress::new(options.progress);
    let captured_at = now_rfc3339();
    // Identity Center is read while Organizations is; it waits for the
    // account list only if it has to walk every account.
    let (accounts_tx, accounts_rx) = tokio::sync::watch::channel(None);
    let identity_center = async {
        if !options.identity_center {
            return Ok::<_, Error>(Ok((None, Vec::new())));
        }
        Ok::<_, Error>(
            identity_center::read(clients, accounts_rx, options.assignments, &progress).await,
        )
    };
    let organization_and_members = async {
        let org = match organizations::read(clients, &progress).await {
            Ok(org) => org,
            Err(e) => return Err(clients.explain(e, None).await),
        };
        // Assignments on suspended and closing accounts are exactly the
        // stale ones worth finding, so every account is read for them.
        let _ = accounts_tx.send(Some(org.accounts.iter().map(|a| a.id.clone()).collect()));
        let settings = match options.org_settings.any() {
            true => Some(
                org_settings::read(
                    clients,
                    &org.accounts,
                    &org.organization.management_account_id,
                    options.org_settings,
                    &progress,
                )
                .await,
            ),
            false => None,
        };
        let Some(deep) = &options.deep else {
            return Ok((org, settings, Ok(Vec::new())));
        };
        let partition = org
            .organization
            .arn
            .split(':')
            .nth(1)
            .filter(|p| !p.is_empty())
            .unwrap_or("aws")
            .to_string();
        let active: Vec<String> = org
            .accounts
            .iter()
            .filter(|a| a.status == AccountStatus::Active)
            .map(|a| a.id.clone())
            .collect();
        let members = async {
            let caller = clients
                .sts
                .get_caller_identity()
                .send()
                .await
                .described("sts", "GetCallerIdentity")?
                .account()
                .map(str::to_string);
            Ok::<_, CallError>(
                members::read_all(clients, active, caller, &partition, deep, &progress).await,
            )
        }
        .await;
        Ok((org, settings, members))
    };
    let ((org, settings, member_accounts), identity_center) =
        futures::future::try_join(organization_and_members, identity_center).await?;
    progress.finish();

    let mut incomplete: Vec<ReadFailure> = Vec::new();
    let org_settings = settings.map(|(settings, failures)| {
        incomplete.extend(failures);
        settings
    });
    let identity_center = match identity_center {
        Ok((ic, failures)) => {
            incomplete.extend(failures);
            ic
        }
        Err(e) => {
            incomplete.push(e.into_failure(None, None));
            None
        }
    };
    let member_accounts = member_accounts.unwrap_or_else(|e| {
        incomplete.push(e.into_failure(None, None));
        Vec::new()
    });
    let mut snapshot = Snapshot {
        schema_version: SCHEMA_VERSION,
        captured_at,
        source: source_description(),
        organization: org.organization,
        roots: org.roots,
        organizational_units: org.ous,
        accounts: org.accounts,
        policies: org.policies,
        rcps: org.rcps,
        identity_center,
        org_settings,
        member_accounts,
        incomplete,
    };
    snapshot.normalize();
    Ok(snapshot)
}
