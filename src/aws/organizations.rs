//! Reads the organization: the tree, every account, every SCP with its
//! content and attachments. The tree is walked per container
//! (ListOrganizationalUnitsForParent + ListAccountsForParent), which costs
//! two calls per OU instead of one ListParents call per account.

use std::collections::{BTreeMap, VecDeque};

use futures::stream::{self, StreamExt, TryStreamExt};

use super::config::Clients;
use super::error::{CallError, Described};
use super::pages::collect_pages;
use super::progress::Progress;
use crate::org::{
    Account, AccountStatus, Organization, OrganizationalUnit, Policy, PolicyTypeStatus, Root,
};
use crate::policy::kinds::PolicyKind;

const SERVICE: &str = "organizations";
/// Calls in flight at once against Organizations.
const CONCURRENCY: usize = 8;

pub struct OrgData {
    pub organization: Organization,
    pub roots: Vec<Root>,
    pub ous: Vec<OrganizationalUnit>,
    pub accounts: Vec<Account>,
    pub policies: Vec<Policy>,
    pub rcps: Vec<Policy>,
}

pub async fn describe_organization(clients: &Clients) -> Result<Organization, CallError> {
    let out = clients
        .organizations
        .describe_organization()
        .send()
        .await
        .described(SERVICE, "DescribeOrganization")?;
    let org = out.organization();
    if let Some(id) = org.and_then(|o| o.master_account_id()) {
        clients.remember_management_account(id);
    }
    Ok(Organization {
        id: org.and_then(|o| o.id()).unwrap_or_default().to_string(),
        arn: org.and_then(|o| o.arn()).unwrap_or_default().to_string(),
        management_account_id: org
            .and_then(|o| o.master_account_id())
            .unwrap_or_default()
            .to_string(),
        feature_set: org
            .and_then(|o| o.feature_set())
            .map(|f| f.as_str().to_string())
            .unwrap_or_default(),
    })
}

pub async fn read(clients: &Clients, progress: &Progress) -> Result<OrgData, CallError> {
    let organization = describe_organization(clients).await?;
    let roots: Vec<Root> = collect_pages!(
        SERVICE,
        "ListRoots",
        clients.organizations.list_roots(),
        |page| page.roots().to_vec()
    )
    .into_iter()
    .map(|r| Root {
        id: r.id().unwrap_or_default().to_string(),
        arn: r.arn().unwrap_or_default().to_string(),
        name: r.name().unwrap_or_default().to_string(),
        policy_types: r
            .policy_types()
            .iter()
            .map(|p| PolicyTypeStatus {
                kind: p
                    .r#type()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
                status: p
                    .status()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
            })
            .collect(),
    })
    .collect();

    progress.phase("organization tree", roots.len() as u64);
    let (mut ous, mut accounts) = read_tree(clients, &roots, progress).await?;

    progress.phase("tags", (ous.len() + accounts.len()) as u64);
    let ids: Vec<String> = ous
        .iter()
        .map(|o| o.id.clone())
        .chain(accounts.iter().map(|a| a.id.clone()))
        .collect();
    let tags: BTreeMap<String, BTreeMap<String, String>> = stream::iter(ids)
        .map(|id| async move {
            let tags = read_tags(clients, &id).await;
            progress.inc();
            tags.map(|t| (id, t))
        })
        .buffer_unordered(CONCURRENCY)
        .try_collect()
        .await?;
    for ou in &mut ous {
        ou.tags = tags.get(&ou.id).cloned().unwrap_or_default();
    }
    for account in &mut accounts {
        account.tags = tags.get(&account.id).cloned().unwrap_or_default();
    }

    let policies = read_policies(clients, PolicyKind::Scp, progress).await?;
    // AWS lists RCPs only once the type is enabled on the root.
    let rcp_enabled = roots.iter().any(|r| {
        r.policy_types
            .iter()
            .any(|t| t.kind == PolicyKind::Rcp.aws_type() && t.status == "ENABLED")
    });
    let rcps = if rcp_enabled {
        read_policies(clients, PolicyKind::Rcp, progress).await?
    } else {
        Vec::new()
    };
    Ok(OrgData {
        organization,
        roots,
        ous,
        accounts,
        policies,
        rcps,
    })
}

/// Walks the tree breadth-first, several containers at a time.
async fn read_tree(
    clients: &Clients,
    roots: &[Root],
    progress: &Progress,
) -> Result<(Vec<OrganizationalUnit>, Vec<Account>), CallError> {
    let mut ous = Vec::new();
    let mut accounts = Vec::new();
    let mut queue: VecDeque<String> = roots.iter().map(|r| r.id.clone()).collect();
    while !queue.is_empty() {
        let batch: Vec<String> = queue.drain(..).collect();
        let results: Vec<(Vec<OrganizationalUnit>, Vec<Account>)> = stream::iter(batch)
            .map(|parent| async move {
                let children = read_children(clients, &parent).await;
                progress.inc();
                children
            })
            .buffer_unordered(CONCURRENCY)
            .try_collect()
            .await?;
        for (child_ous, child_accounts) in results {
            progress.add_total(child_ous.len() as u64);
            queue.extend(child_ous.iter().map(|o| o.id.clone()));
            ous.extend(child_ous);
            accounts.extend(child_accounts);
        }
    }
    Ok((ous, accounts))
}

async fn read_children(
    clients: &Clients,
    parent: &str,
) -> Result<(Vec<OrganizationalUnit>, Vec<Account>), CallError> {
    let ous = collect_pages!(
        SERVICE,
        "ListOrganizationalUnitsForParent",
        clients
            .organizations
            .list_organizational_units_for_parent()
            .parent_id(parent),
        |page| page.organizational_units().to_vec()
    )
    .into_iter()
    .map(|o| OrganizationalUnit {
        id: o.id().unwrap_or_default().to_string(),
        arn: o.arn().unwrap_or_default().to_string(),
        name: o.name().unwrap_or_default().to_string(),
        parent_id: parent.to_string(),
        tags: BTreeMap::new(),
    })
    .collect();
    let accounts = collect_pages!(
        SERVICE,
        "ListAccountsForParent",
        clients
            .organizations
            .list_accounts_for_parent()
            .parent_id(parent),
        |page| page.accounts().to_vec()
    )
    .into_iter()
    .map(|a| Account {
        id: a.id().unwrap_or_default().to_string(),
        arn: a.arn().unwrap_or_default().to_string(),
        name: a.name().unwrap_or_default().to_string(),
        email: a.email().unwrap_or_default().to_string(),
        status: account_status(&a),
        parent_id: parent.to_string(),
        joined_method: a.joined_method().map(|m| m.as_str().to_string()),
        joined_at: a.joined_timestamp().map(super::timestamp::timestamp),
        tags: BTreeMap::new(),
    })
    .collect();
    Ok((ous, accounts))
}

/// The account's status: the newer `State` when AWS sends it, else the
/// older `Status`.
fn account_status(account: &aws_sdk_organizations::types::Account) -> AccountStatus {
    if let Some(state) = account.state() {
        return match state.as_str() {
            "PENDING_CLOSURE" | "CLOSED" => AccountStatus::PendingClosure,
            other => AccountStatus::parse(other),
        };
    }
    #[allow(deprecated)]
    let status = account.status().map(|s| s.as_str().to_string());
    status
        .map(|s| AccountStatus::parse(&s))
        .unwrap_or(AccountStatus::Unknown)
}

async fn read_tags(clients: &Clients, id: &str) -> Result<BTreeMap<String, String>, CallError> {
    Ok(collect_pages!(
        SERVICE,
        "ListTagsForResource",
        clients
            .organizations
            .list_tags_for_resource()
            .resource_id(id),
        |page| page.tags().to_vec()
    )
    .into_iter()
    .map(|t| (t.key().to_string(), t.value().to_string()))
    .collect())
}

async fn read_policies(
    clients: &Clients,
    kind: PolicyKind,
    progress: &Progress,
) -> Result<Vec<Policy>, CallError> {
    let summaries = collect_pages!(
        SERVICE,
        "ListPolicies",
        clients.organizations.list_policies().filter(
            aws_sdk_organizations::types::PolicyType::from(kind.aws_type())
        ),
        |page| page.policies().to_vec()
    );
    progress.phase(
        match kind {
            PolicyKind::Scp => "service control policies",
            PolicyKind::Rcp => "resource control policies",
        },
        summaries.len() as u64,
    );
    stream::iter(summaries)
        .map(|summary| async move {
            let id = summary.id().unwrap_or_default().to_string();
            let described = clients
                .organizations
                .describe_policy()
                .policy_id(&id)
                .send()
                .await
                .described(SERVICE, "DescribePolicy")?;
            let targets = collect_pages!(
                SERVICE,
                "ListTargetsForPolicy",
                clients
                    .organizations
                    .list_targets_for_policy()
                    .policy_id(&id),
                |page| page
                    .targets()
                    .iter()
                    .filter_map(|t| t.target_id().map(str::to_string))
                    .collect::<Vec<_>>()
            );
            progress.inc();
            Ok(Policy {
                arn: summary.arn().unwrap_or_default().to_string(),
                name: summary.name().unwrap_or_default().to_string(),
                description: summary.description().unwrap_or_default().to_string(),
                aws_managed: summary.aws_managed(),
                content: described
                    .policy()
                    .and_then(|p| p.content())
                    .unwrap_or_default()
                    .to_string(),
                targets,
                id,
            })
        })
        .buffer_unordered(CONCURRENCY)
        .try_collect()
        .await
}
