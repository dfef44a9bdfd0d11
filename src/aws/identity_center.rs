//! Reads IAM Identity Center: permission sets with their policies and
//! provisioning, account assignments, and the identity store's users,
//! groups and memberships. Every call waits for the shared rate limiter.

use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_ssoadmin::types::{PrincipalType as SdkPrincipalType, ProvisioningStatus};
use futures::stream::{self, StreamExt, TryStreamExt};

use super::config::Clients;
use super::error::{CallError, Described};
use super::pages::collect_pages;
use super::progress::Progress;
use crate::org::{
    Assignment, Group, IdentityCenter, PermissionSet, PermissionsBoundary, PolicyReference,
    PrincipalType, ReadFailure, User,
};

const SSO: &str = "sso-admin";
const STORE: &str = "identitystore";
/// Calls in flight at once; the rate limiter sets the pace, this only
/// hides latency.
const CONCURRENCY: usize = 8;

/// The organization's account ids, once Organizations has been read; only
/// the walk over every pair needs them, so the rest of Identity Center is
/// read at the same time as Organizations.
pub type Accounts = tokio::sync::watch::Receiver<Option<Vec<String>>>;

async fn account_ids(accounts: &Accounts) -> Vec<String> {
    let mut accounts = accounts.clone();
    // A closed channel means Organizations failed, which fails the read.
    let ids = match accounts.wait_for(Option::is_some).await {
        Ok(ids) => ids.clone(),
        Err(_) => None,
    };
    ids.unwrap_or_default()
}

/// Reads Identity Center; `None` when the organization has no instance.
pub async fn read(
    clients: &Clients,
    accounts: Accounts,
    strategy: AssignmentStrategy,
    progress: &Progress,
) -> Result<(Option<IdentityCenter>, Vec<ReadFailure>), CallError> {
    clients.identity_center_limiter.wait().await;
    let instances = clients
        .sso_admin
        .list_instances()
        .send()
        .await
        .described(SSO, "ListInstances")?;
    let Some(instance) = instances.instances().first() else {
        // Identity Center lives in one region; finding none here may only
        // mean orgguard looked in the wrong one, so it is not read as "no
        // assignments".
        let region = clients.identity_center_region.clone();
        return Ok((
            None,
            vec![ReadFailure {
                service: SSO.to_string(),
                operation: "ListInstances".to_string(),
                account_id: None,
                message: format!(
                    "no IAM Identity Center instance in {region}; if the organization's instance lives in another region, set settings.identity_center_region in ou-layout.toml or pass --sso-region"
                ),
                region: Some(region),
            }],
        ));
    };
    let instance_arn = instance.instance_arn().unwrap_or_default().to_string();
    let store_id = instance.identity_store_id().unwrap_or_default().to_string();

    let arns: Vec<String> = collect_pages!(
        SSO,
        "ListPermissionSets",
        clients
            .sso_admin
            .list_permission_sets()
            .instance_arn(&instance_arn),
        limiter = clients.identity_center_limiter,
        |page| page.permission_sets().iter().cloned()
    );
    progress.phase("permission sets", arns.len() as u64);
    let read: Vec<(PermissionSet, Option<ReadFailure>)> = stream::iter(arns)
        .map(|arn| {
            let instance_arn = instance_arn.clone();
            async move {
                let ps = read_permission_set(clients, &instance_arn, arn).await;
                progress.inc();
                ps
            }
        })
        .buffer_unordered(CONCURRENCY)
        .try_collect()
        .await?;

    let (permission_sets, failures): (Vec<PermissionSet>, Vec<Option<ReadFailure>>) =
        read.into_iter().unzip();
    let (users, groups) = read_identity_store(clients, &store_id, progress).await?;
    let principals: Vec<(PrincipalType, String)> = users
        .iter()
        .map(|u| (PrincipalType::User, u.id.clone()))
        .chain(groups.iter().map(|g| (PrincipalType::Group, g.id.clone())))
        .collect();
    let (assignments, used) = read_assignments(
        clients,
        &instance_arn,
        &permission_sets,
        &principals,
        &accounts,
        strategy,
        progress,
    )
    .await?;
    Ok((
        Some(IdentityCenter {
            instance_arn,
            identity_store_id: store_id,
            assignments_read: used.as_str().to_string(),
            permission_sets,
            assignments,
            users,
            groups,
        }),
        failures.into_iter().flatten().collect(),
    ))
}

async fn read_permission_set(
    clients: &Clients,
    instance_arn: &str,
    arn: String,
) -> Result<(PermissionSet, Option<ReadFailure>), CallError> {
    let sso = &clients.sso_admin;
    clients.identity_center_limiter.wait().await;
    let described = sso
        .describe_permission_set()
        .instance_arn(instance_arn)
        .permission_set_arn(&arn)
        .send()
        .await
        .described(SSO, "DescribePermissionSet")?;
    let detail = described.permission_set();
    let managed_policies: Vec<String> = collect_pages!(
        SSO,
        "ListManagedPoliciesInPermissionSet",
        sso.list_managed_policies_in_permission_set()
            .instance_arn(instance_arn)
            .permission_set_arn(&arn),
        limiter = clients.identity_center_limiter,
        |page| page
            .attached_managed_policies()
            .iter()
            .filter_map(|p| p.arn().map(str::to_string))
    );
    let customer_managed_policies: Vec<PolicyReference> = collect_pages!(
        SSO,
        "ListCustomerManagedPolicyReferencesInPermissionSet",
        sso.list_customer_managed_policy_references_in_permission_set()
            .instance_arn(instance_arn)
            .permission_set_arn(&arn),
        limiter = clients.identity_center_limiter,
        |page| page
            .customer_managed_policy_references()
            .iter()
            .map(|r| PolicyReference {
                name: r.name().to_string(),
                path: r.path().unwrap_or("/").to_string(),
            })
    );
    clients.identity_center_limiter.wait().await;
    let inline_policy = sso
        .get_inline_policy_for_permission_set()
        .instance_arn(instance_arn)
        .permission_set_arn(&arn)
        .send()
        .await
        .described(SSO, "GetInlinePolicyForPermissionSet")?
        .inline_policy()
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    clients.identity_center_limiter.wait().await;
    let mut failure = None;
    // Few attempts: a boundary is detail, and a failure here is recorded
    // as not read rather than holding up the whole snapshot.
    let permissions_boundary = match sso
        .get_permissions_boundary_for_permission_set()
        .instance_arn(instance_arn)
        .permission_set_arn(&arn)
        .customize()
        .config_override(few_attempts())
        .send()
        .await
        .described(SSO, "GetPermissionsBoundaryForPermissionSet")
    {
        Ok(out) => out.permissions_boundary().map(|b| PermissionsBoundary {
            managed_policy_arn: b.managed_policy_arn().map(str::to_string),
            customer_managed_policy: b.customer_managed_policy_reference().map(|r| {
                PolicyReference {
                    name: r.name().to_string(),
                    path: r.path().unwrap_or("/").to_string(),
                }
            }),
        }),
        // No boundary is answered with ResourceNotFoundException.
        Err(e) if e.is("ResourceNotFoundException") => None,
        Err(e) => {
            let mut f = e.into_failure(None, None);
            f.message = format!("permission set {arn}: {}", f.message);
            failure = Some(f);
            None
        }
    };
    let tags = match read_tags(clients, instance_arn, &arn).await {
        Ok(tags) => tags,
        Err(e) => {
            let mut f = e.into_failure(None, None);
            f.message = format!("permission set {arn}: {}", f.message);
            failure.get_or_insert(f);
            BTreeMap::new()
        }
    };
    let provisioned_accounts: Vec<String> = collect_pages!(
        SSO,
        "ListAccountsForProvisionedPermissionSet",
        sso.list_accounts_for_provisioned_permission_set()
            .instance_arn(instance_arn)
            .permission_set_arn(&arn),
        limiter = clients.identity_center_limiter,
        |page| page.account_ids().iter().cloned()
    );
    let outdated_accounts: Vec<String> = collect_pages!(
        SSO,
        "ListAccountsForProvisionedPermissionSet",
        sso.list_accounts_for_provisioned_permission_set()
            .instance_arn(instance_arn)
            .permission_set_arn(&arn)
            .provisioning_status(ProvisioningStatus::LatestPermissionSetNotProvisioned),
        limiter = clients.identity_center_limiter,
        |page| page.account_ids().iter().cloned()
    );
    let permission_set = PermissionSet {
        name: detail
            .and_then(|d| d.name())
            .unwrap_or_default()
            .to_string(),
        description: detail
            .and_then(|d| d.description())
            .unwrap_or_default()
            .to_string(),
        session_duration: detail
            .and_then(|d| d.session_duration())
            .map(str::to_string),
        relay_state: detail.and_then(|d| d.relay_state()).map(str::to_string),
        managed_policies,
        customer_managed_policies,
        inline_policy,
        permissions_boundary,
        tags,
        provisioned_accounts,
        outdated_accounts,
        arn,
    };
    Ok((permission_set, failure))
}

/// Two attempts, for reads of detail (a set's boundary, its tags) whose
/// failure is recorded as not read rather than holding up the snapshot.
fn few_attempts() -> aws_sdk_ssoadmin::config::Builder {
    aws_sdk_ssoadmin::config::Config::builder()
        .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(2))
}

/// A permission set's tags. Like its boundary, detail: a failed read is
/// recorded as not read (few attempts) rather than holding up the snapshot.
async fn read_tags(
    clients: &Clients,
    instance_arn: &str,
    arn: &str,
) -> Result<BTreeMap<String, String>, CallError> {
    let mut tags = BTreeMap::new();
    let mut token = None;
    loop {
        clients.identity_center_limiter.wait().await;
        let page = clients
            .sso_admin
            .list_tags_for_resource()
            .instance_arn(instance_arn)
            .resource_arn(arn)
            .set_next_token(token)
            .customize()
            .config_override(few_attempts())
            .send()
            .await
            .described(SSO, "ListTagsForResource")?;
        for tag in page.tags() {
            tags.insert(tag.key().to_string(), tag.value().to_string());
        }
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return Ok(tags);
        }
    }
}

/// How to read account assignments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AssignmentStrategy {
    /// The cheaper of by-account and by-principal, from counts already read.
    Auto,
    /// ListAccountAssignments for every (account, permission set) pair where
    /// the set is provisioned: an assignment cannot exist elsewhere.
    ByAccount,
    /// ListAccountAssignmentsForPrincipal for every user and group; cannot
    /// see assignments whose principal was deleted.
    ByPrincipal,
    /// ListAccountAssignments for every account × permission set, as tools
    /// without provisioning data do.
    EveryPair,
}

impl AssignmentStrategy {
    pub fn as_str(self) -> &'static str {
        match self {
            AssignmentStrategy::Auto => "auto",
            AssignmentStrategy::ByAccount => "by-account",
            AssignmentStrategy::ByPrincipal => "by-principal",
            AssignmentStrategy::EveryPair => "every-pair",
        }
    }
}

type Pair = (String, String);

/// Reads assignments with the chosen strategy. If an assignment turns up on
/// a pair the provisioning data does not list, that data cannot be trusted
/// to bound the search, so every remaining pair is walked as well.
async fn read_assignments(
    clients: &Clients,
    instance_arn: &str,
    permission_sets: &[PermissionSet],
    principals: &[(PrincipalType, String)],
    accounts: &Accounts,
    strategy: AssignmentStrategy,
    progress: &Progress,
) -> Result<(Vec<Assignment>, AssignmentStrategy), CallError> {
    let provisioned: BTreeSet<Pair> = permission_sets
        .iter()
        .flat_map(|ps| {
            ps.provisioned_accounts
                .iter()
                .map(move |a| (a.clone(), ps.arn.clone()))
        })
        .collect();
    let strategy = match strategy {
        AssignmentStrategy::Auto if principals.len() < provisioned.len() => {
            AssignmentStrategy::ByPrincipal
        }
        AssignmentStrategy::Auto => AssignmentStrategy::ByAccount,
        other => other,
    };
    let every_pair = || async {
        account_ids(accounts)
            .await
            .iter()
            .flat_map(|a| {
                permission_sets
                    .iter()
                    .map(move |ps| (a.clone(), ps.arn.clone()))
            })
            .collect::<BTreeSet<Pair>>()
    };
    let mut found: BTreeSet<Assignment> = BTreeSet::new();
    let mut walked: BTreeSet<Pair> = BTreeSet::new();
    match strategy {
        AssignmentStrategy::ByPrincipal => {
            found.extend(by_principal(clients, instance_arn, principals, progress).await?);
        }
        AssignmentStrategy::EveryPair => {
            let pairs = every_pair().await;
            found.extend(by_pairs(clients, instance_arn, &pairs, progress).await?);
            walked = pairs;
        }
        _ => {
            found.extend(by_pairs(clients, instance_arn, &provisioned, progress).await?);
            walked = provisioned.clone();
        }
    }
    let inconsistent = found
        .iter()
        .any(|a| !provisioned.contains(&(a.account_id.clone(), a.permission_set_arn.clone())));
    let mut used = strategy;
    if inconsistent && strategy != AssignmentStrategy::EveryPair {
        tracing::warn!(
            "Identity Center lists assignments on accounts where their permission set is not provisioned; reading every account and permission set pair"
        );
        let rest: BTreeSet<Pair> = every_pair().await.difference(&walked).cloned().collect();
        found.extend(by_pairs(clients, instance_arn, &rest, progress).await?);
        used = AssignmentStrategy::EveryPair;
    }
    Ok((found.into_iter().collect(), used))
}

async fn by_pairs(
    clients: &Clients,
    instance_arn: &str,
    pairs: &BTreeSet<Pair>,
    progress: &Progress,
) -> Result<Vec<Assignment>, CallError> {
    progress.phase("account assignments", pairs.len() as u64);
    let per_pair: Vec<Vec<Assignment>> = stream::iter(pairs)
        .map(|(account, ps_arn)| async move {
            let found: Vec<Assignment> = collect_pages!(
                SSO,
                "ListAccountAssignments",
                clients
                    .sso_admin
                    .list_account_assignments()
                    .instance_arn(instance_arn)
                    .account_id(account)
                    .permission_set_arn(ps_arn),
                limiter = clients.identity_center_limiter,
                |page| page.account_assignments().iter().filter_map(assignment)
            );
            progress.inc();
            Ok::<_, CallError>(found)
        })
        .buffer_unordered(CONCURRENCY)
        .try_collect()
        .await?;
    Ok(per_pair.into_iter().flatten().collect())
}

async fn by_principal(
    clients: &Clients,
    instance_arn: &str,
    principals: &[(PrincipalType, String)],
    progress: &Progress,
) -> Result<Vec<Assignment>, CallError> {
    progress.phase("assignments per principal", principals.len() as u64);
    let per_principal: Vec<Vec<Assignment>> = stream::iter(principals)
        .map(|(kind, id)| async move {
            let sdk_kind = match kind {
                PrincipalType::User => SdkPrincipalType::User,
                PrincipalType::Group => SdkPrincipalType::Group,
            };
            let found: Vec<Assignment> = collect_pages!(
                SSO,
                "ListAccountAssignmentsForPrincipal",
                clients
                    .sso_admin
                    .list_account_assignments_for_principal()
                    .instance_arn(instance_arn)
                    .principal_type(sdk_kind)
                    .principal_id(id),
                limiter = clients.identity_center_limiter,
                |page| page
                    .account_assignments()
                    .iter()
                    .filter_map(|a| Some(Assignment {
                        account_id: a.account_id()?.to_string(),
                        permission_set_arn: a.permission_set_arn()?.to_string(),
                        principal_type: *kind,
                        principal_id: id.clone(),
                    }))
            );
            progress.inc();
            Ok::<_, CallError>(found)
        })
        .buffer_unordered(CONCURRENCY)
        .try_collect()
        .await?;
    Ok(per_principal.into_iter().flatten().collect())
}

fn assignment(a: &aws_sdk_ssoadmin::types::AccountAssignment) -> Option<Assignment> {
    Some(Assignment {
        account_id: a.account_id()?.to_string(),
        permission_set_arn: a.permission_set_arn()?.to_string(),
        principal_type: match a.principal_type()? {
            SdkPrincipalType::User => PrincipalType::User,
            SdkPrincipalType::Group => PrincipalType::Group,
            _ => return None,
        },
        principal_id: a.principal_id()?.to_string(),
    })
}

async fn read_identity_store(
    clients: &Clients,
    store_id: &str,
    progress: &Progress,
) -> Result<(Vec<User>, Vec<Group>), CallError> {
    let store = &clients.identity_store;
    let users: Vec<User> = collect_pages!(
        STORE,
        "ListUsers",
        store.list_users().identity_store_id(store_id),
        limiter = clients.identity_center_limiter,
        |page| page.users().iter().map(|u| User {
            id: u.user_id().to_string(),
            user_name: u.user_name().unwrap_or_default().to_string(),
            display_name: u.display_name().unwrap_or_default().to_string(),
            email: u
                .emails()
                .iter()
                .find(|e| e.primary())
                .or_else(|| u.emails().first())
                .and_then(|e| e.value())
                .map(str::to_string),
        })
    );
    let groups: Vec<(String, String, String)> = collect_pages!(
        STORE,
        "ListGroups",
        store.list_groups().identity_store_id(store_id),
        limiter = clients.identity_center_limiter,
        |page| page.groups().iter().map(|g| (
            g.group_id().to_string(),
            g.display_name().unwrap_or_default().to_string(),
            g.description().unwrap_or_default().to_string()
        ))
    );
    progress.phase("group memberships", groups.len() as u64);
    let groups: Vec<Group> = stream::iter(groups)
        .map(|(id, display_name, description)| async move {
            let members: Vec<String> = collect_pages!(
                STORE,
                "ListGroupMemberships",
                store
                    .list_group_memberships()
                    .identity_store_id(store_id)
                    .group_id(&id),
                limiter = clients.identity_center_limiter,
                |page| page
                    .group_memberships()
                    .iter()
                    .filter_map(|m| match m.member_id() {
                        Some(aws_sdk_identitystore::types::MemberId::UserId(user)) =>
                            Some(user.clone()),
                        _ => None,
                    })
            );
            progress.inc();
            Ok::<_, CallError>(Group {
                id,
                display_name,
                description,
                members,
            })
        })
        .buffer_unordered(CONCURRENCY)
        .try_collect()
        .await?;
    Ok((users, groups))
}
