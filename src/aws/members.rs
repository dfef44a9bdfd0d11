//! `--deep`: assumes a role into each member account and reads, per
//! configured region, what the lint rules need: IAM roles and users, KMS
//! keys and AWS Config recorders. A failed read is recorded with its error
//! and the account marked incomplete; it is never stored as empty.

use aws_config::SdkConfig;
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use futures::stream::{self, StreamExt, TryStreamExt};

use super::config::{Clients, client};
use super::error::{CallError, Described};
use super::progress::Progress;
use crate::org::{
    AccessKey, ConfigRecorder, GuardDutyRegion, IamGroup, IamUser, KmsKey, ManagedPolicy,
    MemberAccount, ReadFailure, Role, Trail,
};

/// The session name that shows in CloudTrail for orgguard's reads.
pub const SESSION_NAME: &str = "orgguard-snapshot";

#[derive(Debug, Clone)]
pub struct DeepOptions {
    pub role_name: String,
    pub regions: Vec<String>,
    pub concurrency: usize,
}

/// Reads every given account, a few at a time.
pub async fn read_all(
    clients: &Clients,
    account_ids: Vec<String>,
    caller_account: Option<String>,
    partition: &str,
    options: &DeepOptions,
    progress: &Progress,
) -> Vec<MemberAccount> {
    progress.phase("member accounts", account_ids.len() as u64);
    stream::iter(account_ids)
        .map(|id| {
            let caller_account = caller_account.clone();
            async move {
                let member =
                    read_account(clients, &id, caller_account.as_deref(), partition, options).await;
                progress.inc();
                member
            }
        })
        .buffer_unordered(options.concurrency.max(1))
        .collect()
        .await
}

async fn read_account(
    clients: &Clients,
    account_id: &str,
    caller_account: Option<&str>,
    partition: &str,
    options: &DeepOptions,
) -> MemberAccount {
    let mut member = MemberAccount {
        account_id: account_id.to_string(),
        complete: true,
        errors: Vec::new(),
        regions: options.regions.clone(),
        roles: Vec::new(),
        users: Vec::new(),
        kms_keys: Vec::new(),
        config_recorders: Vec::new(),
        groups: Vec::new(),
        managed_policies: Vec::new(),
        root_access_keys: None,
        trails: None,
        guardduty: None,
    };
    let config = if caller_account == Some(account_id) {
        // Already in this account (the management account): no role to assume.
        clients.config.clone()
    } else {
        match assume(clients, account_id, partition, &options.role_name).await {
            Ok(config) => config,
            Err(e) => {
                member.complete = false;
                member.errors.push(e.into_failure(Some(account_id), None));
                return member;
            }
        }
    };
    // IAM, and KMS and Config in each region, are read at the same time:
    // each account is a short chain of dependent calls, not one long one.
    let iam = client!(aws_sdk_iam, &config, clients.accounting, None::<&str>);
    let regional = futures::future::join_all(options.regions.iter().map(|region| {
        let kms = client!(
            aws_sdk_kms,
            &config,
            clients.accounting,
            Some(region.as_str())
        );
        let cfg = client!(
            aws_sdk_config,
            &config,
            clients.accounting,
            Some(region.as_str())
        );
        let trail = client!(
            aws_sdk_cloudtrail,
            &config,
            clients.accounting,
            Some(region.as_str())
        );
        let guardduty = client!(
            aws_sdk_guardduty,
            &config,
            clients.accounting,
            Some(region.as_str())
        );
        async move {
            let (keys, recorders, trails, detector) = tokio::join!(
                read_kms(&kms, region),
                read_config(&cfg, region),
                read_trails(&trail),
                read_guardduty(&guardduty, region)
            );
            (region, keys, recorders, trails, detector)
        }
    }));
    let (iam, regional) = tokio::join!(read_iam(&iam), regional);
    let mut errors: Vec<ReadFailure> = Vec::new();
    match iam {
        Ok(Iam {
            mut roles,
            users,
            groups,
            managed_policies,
            root_access_keys,
        }) => {
            // orgguard's own AssumeRole just used this role: its last use
            // says nothing about the account, and would make two snapshots
            // of an unchanged organization differ.
            for role in roles.iter_mut().filter(|r| r.name == options.role_name) {
                role.last_used_at = None;
                role.last_used_region = None;
            }
            member.roles = roles;
            member.users = users;
            member.groups = groups;
            member.managed_policies = managed_policies;
            member.root_access_keys = Some(root_access_keys);
        }
        Err(e) => errors.push(e.into_failure(Some(account_id), None)),
    }
    let mut trails = Vec::new();
    let mut guardduty = Vec::new();
    for (region, keys, recorders, region_trails, detector) in regional {
        match region_trails {
            Ok(t) => trails.extend(t),
            Err(e) => errors.push(e.into_failure(Some(account_id), Some(region))),
        }
        match detector {
            Ok(d) => guardduty.push(d),
            Err(e) => errors.push(e.into_failure(Some(account_id), Some(region))),
        }
        match keys {
            Ok(keys) => member.kms_keys.extend(keys),
            Err(e) => errors.push(e.into_failure(Some(account_id), Some(region))),
        }
        match recorders {
            Ok(recorders) => member.config_recorders.extend(recorders),
            Err(e) => errors.push(e.into_failure(Some(account_id), Some(region))),
        }
    }
    member.trails = Some(trails);
    member.guardduty = Some(guardduty);
    member.complete = errors.is_empty();
    member.errors = errors;
    member
}

/// The trails whose home is this region (a multi-region trail shows in
/// every region; it is read once, at home), each with its logging status.
async fn read_trails(ct: &aws_sdk_cloudtrail::Client) -> Result<Vec<Trail>, CallError> {
    let described = ct
        .describe_trails()
        .include_shadow_trails(false)
        .send()
        .await
        .described("cloudtrail", "DescribeTrails")?;
    let mut trails = Vec::new();
    for t in described.trail_list() {
        let Some(arn) = t.trail_arn() else { continue };
        let status = ct
            .get_trail_status()
            .name(arn)
            .send()
            .await
            .described("cloudtrail", "GetTrailStatus")?;
        let selectors = ct
            .get_event_selectors()
            .trail_name(arn)
            .send()
            .await
            .described("cloudtrail", "GetEventSelectors")?;
        trails.push(Trail {
            arn: arn.to_string(),
            name: t.name().unwrap_or_default().to_string(),
            home_region: t.home_region().unwrap_or_default().to_string(),
            multi_region: t.is_multi_region_trail().unwrap_or(false),
            organization_trail: t.is_organization_trail().unwrap_or(false),
            log_file_validation: t.log_file_validation_enabled().unwrap_or(false),
            logging: status.is_logging().unwrap_or(false),
            s3_data_events: s3_data_events(&selectors),
        });
    }
    Ok(trails)
}

const S3_OBJECT: &str = "AWS::S3::Object";

/// The S3 object ARN prefixes a trail's basic or advanced event selectors
/// record; an advanced selector on S3 objects without an ARN condition
/// records every bucket.
fn s3_data_events(
    selectors: &aws_sdk_cloudtrail::operation::get_event_selectors::GetEventSelectorsOutput,
) -> Vec<String> {
    let mut out: Vec<String> = selectors
        .event_selectors()
        .iter()
        .flat_map(|s| s.data_resources())
        .filter(|r| r.r#type() == Some(S3_OBJECT))
        .flat_map(|r| r.values().iter().cloned())
        .collect();
    for advanced in selectors.advanced_event_selectors() {
        let fields = advanced.field_selectors();
        let on_s3 = fields
            .iter()
            .any(|f| f.field() == "resources.type" && f.equals().iter().any(|v| v == S3_OBJECT));
        if !on_s3 {
            continue;
        }
        let arns: Vec<String> = fields
            .iter()
            .filter(|f| f.field() == "resources.ARN")
            .flat_map(|f| f.starts_with().iter().chain(f.equals()).cloned())
            .collect();
        if arns.is_empty() {
            out.push("arn:aws:s3".to_string());
        } else {
            out.extend(arns);
        }
    }
    out.sort();
    out.dedup();
    out
}

/// GuardDuty has at most one detector per account and region.
async fn read_guardduty(
    gd: &aws_sdk_guardduty::Client,
    region: &str,
) -> Result<GuardDutyRegion, CallError> {
    let ids: Vec<String> = gd
        .list_detectors()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .described("guardduty", "ListDetectors")?;
    let mut out = GuardDutyRegion {
        region: region.to_string(),
        detector_id: None,
        status: None,
    };
    if let Some(id) = ids.first() {
        let detector = gd
            .get_detector()
            .detector_id(id)
            .send()
            .await
            .described("guardduty", "GetDetector")?;
        out.detector_id = Some(id.clone());
        out.status = detector.status().map(|s| s.as_str().to_string());
    }
    Ok(out)
}

async fn assume(
    clients: &Clients,
    account_id: &str,
    partition: &str,
    role_name: &str,
) -> Result<SdkConfig, CallError> {
    let role_arn = format!("arn:{partition}:iam::{account_id}:role/{role_name}");
    let out = clients
        .sts
        .assume_role()
        .role_arn(&role_arn)
        .role_session_name(SESSION_NAME)
        .send()
        .await
        .described("sts", "AssumeRole")?;
    let Some(c) = out.credentials() else {
        return Err(CallError::plain(
            "sts",
            "AssumeRole",
            format!("AssumeRole on {role_arn} returned no credentials"),
        ));
    };
    let credentials = Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        None,
        "orgguard-assume-role",
    );
    Ok(clients
        .config
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build())
}

/// IAM documents come URL-encoded from the API.
fn decode_document(text: &str) -> String {
    if text.trim_start().starts_with('{') {
        return text.to_string();
    }
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// What one account's IAM read returns.
struct Iam {
    roles: Vec<Role>,
    users: Vec<IamUser>,
    groups: Vec<IamGroup>,
    managed_policies: Vec<ManagedPolicy>,
    root_access_keys: bool,
}

/// Inline policies as name → decoded document.
fn inline_documents(
    list: &[aws_sdk_iam::types::PolicyDetail],
) -> std::collections::BTreeMap<String, String> {
    list.iter()
        .filter_map(|p| {
            Some((
                p.policy_name()?.to_string(),
                decode_document(p.policy_document()?),
            ))
        })
        .collect()
}

fn attached(list: &[aws_sdk_iam::types::AttachedPolicy]) -> Vec<String> {
    list.iter()
        .filter_map(|p| p.policy_arn().map(str::to_string))
        .collect()
}

async fn read_iam(iam: &aws_sdk_iam::Client) -> Result<Iam, CallError> {
    use aws_sdk_iam::types::EntityType;
    // One paginated call returns every role, user and group with its
    // policy documents, and every customer managed policy with its
    // versions: no GetRolePolicy, GetUserPolicy or GetPolicyVersion calls.
    let pages: Vec<_> = iam
        .get_account_authorization_details()
        .filter(EntityType::Role)
        .filter(EntityType::User)
        .filter(EntityType::Group)
        .filter(EntityType::LocalManagedPolicy)
        .into_paginator()
        .send()
        .try_collect()
        .await
        .described("iam", "GetAccountAuthorizationDetails")?;
    let mut roles = Vec::new();
    let mut users = Vec::new();
    let mut groups = Vec::new();
    let mut managed_policies = Vec::new();
    for page in &pages {
        for r in page.role_detail_list() {
            roles.push(Role {
                arn: r.arn().unwrap_or_default().to_string(),
                name: r.role_name().unwrap_or_default().to_string(),
                path: r.path().unwrap_or("/").to_string(),
                role_id: r.role_id().unwrap_or_default().to_string(),
                trust_policy: decode_document(r.assume_role_policy_document().unwrap_or_default()),
                attached_policies: attached(r.attached_managed_policies()),
                inline_policies: r
                    .role_policy_list()
                    .iter()
                    .filter_map(|p| p.policy_name().map(str::to_string))
                    .collect(),
                inline_documents: inline_documents(r.role_policy_list()),
                created_at: r.create_date().map(super::timestamp::timestamp),
                last_used_at: r
                    .role_last_used()
                    .and_then(|l| l.last_used_date())
                    .map(super::timestamp::timestamp),
                last_used_region: r
                    .role_last_used()
                    .and_then(|l| l.region())
                    .map(str::to_string),
            });
        }
        for u in page.user_detail_list() {
            users.push((
                u.user_name().unwrap_or_default().to_string(),
                IamUser {
                    arn: u.arn().unwrap_or_default().to_string(),
                    name: u.user_name().unwrap_or_default().to_string(),
                    user_id: u.user_id().unwrap_or_default().to_string(),
                    created_at: u.create_date().map(super::timestamp::timestamp),
                    console_access: false,
                    password_last_used_at: None,
                    mfa: None,
                    attached_policies: attached(u.attached_managed_policies()),
                    inline_documents: inline_documents(u.user_policy_list()),
                    groups: u.group_list().to_vec(),
                    access_keys: Vec::new(),
                },
            ));
        }
        for g in page.group_detail_list() {
            groups.push(IamGroup {
                arn: g.arn().unwrap_or_default().to_string(),
                name: g.group_name().unwrap_or_default().to_string(),
                attached_policies: attached(g.attached_managed_policies()),
                inline_documents: inline_documents(g.group_policy_list()),
            });
        }
        // Unattached policies grant nothing; only the default version is
        // in force.
        for p in page
            .policies()
            .iter()
            .filter(|p| p.attachment_count().unwrap_or(0) > 0)
        {
            let Some(version) = p
                .policy_version_list()
                .iter()
                .find(|v| v.is_default_version())
            else {
                continue;
            };
            managed_policies.push(ManagedPolicy {
                arn: p.arn().unwrap_or_default().to_string(),
                name: p.policy_name().unwrap_or_default().to_string(),
                default_version: version.version_id().unwrap_or_default().to_string(),
                document: decode_document(version.document().unwrap_or_default()),
            });
        }
    }
    let mut out = Vec::with_capacity(users.len());
    for (name, mut user) in users {
        match iam.get_login_profile().user_name(&name).send().await {
            Ok(_) => user.console_access = true,
            Err(e) => {
                let e = CallError::new("iam", "GetLoginProfile", &e);
                if !e.is("NoSuchEntity") {
                    return Err(e);
                }
            }
        }
        if user.console_access {
            let detail = iam
                .get_user()
                .user_name(&name)
                .send()
                .await
                .described("iam", "GetUser")?;
            user.password_last_used_at = detail
                .user()
                .and_then(|u| u.password_last_used())
                .map(super::timestamp::timestamp);
            let devices = iam
                .list_mfa_devices()
                .user_name(&name)
                .send()
                .await
                .described("iam", "ListMFADevices")?;
            user.mfa = Some(!devices.mfa_devices().is_empty());
        }
        let keys: Vec<_> = iam
            .list_access_keys()
            .user_name(&name)
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .described("iam", "ListAccessKeys")?;
        for key in keys {
            let id = key.access_key_id().unwrap_or_default().to_string();
            let used = iam
                .get_access_key_last_used()
                .access_key_id(&id)
                .send()
                .await
                .described("iam", "GetAccessKeyLastUsed")?;
            let last = used.access_key_last_used();
            user.access_keys.push(AccessKey {
                status: key
                    .status()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                created_at: key.create_date().map(super::timestamp::timestamp),
                last_used_at: last
                    .and_then(|l| l.last_used_date())
                    .map(super::timestamp::timestamp),
                last_used_service: last
                    .map(|l| l.service_name())
                    .filter(|s| !s.is_empty() && *s != "N/A")
                    .map(str::to_string),
                id,
            });
        }
        out.push(user);
    }
    let summary = iam
        .get_account_summary()
        .send()
        .await
        .described("iam", "GetAccountSummary")?;
    let root_access_keys = summary
        .summary_map()
        .and_then(|m| m.get(&aws_sdk_iam::types::SummaryKeyType::AccountAccessKeysPresent))
        .is_some_and(|n| *n > 0);
    Ok(Iam {
        roles,
        users: out,
        groups,
        managed_policies,
        root_access_keys,
    })
}

/// Keys of one account and region read at the same time, a few at once.
const KEYS_AT_ONCE: usize = 4;

async fn read_kms(kms: &aws_sdk_kms::Client, region: &str) -> Result<Vec<KmsKey>, CallError> {
    let (keys, aliases) = tokio::join!(
        kms.list_keys()
            .into_paginator()
            .items()
            .send()
            .try_collect(),
        kms.list_aliases()
            .into_paginator()
            .items()
            .send()
            .try_collect()
    );
    let keys: Vec<_> = keys.described("kms", "ListKeys")?;
    let aliases: Vec<_> = aliases.described("kms", "ListAliases")?;
    let aliases = &aliases;
    let read: Vec<Option<KmsKey>> = stream::iter(keys)
        .map(|key| async move {
            let Some(key_id) = key.key_id() else {
                return Ok(None);
            };
            let described = kms
                .describe_key()
                .key_id(key_id)
                .send()
                .await
                .described("kms", "DescribeKey")?;
            let Some(meta) = described.key_metadata() else {
                return Ok(None);
            };
            // AWS managed keys have policies AWS owns; nothing to lint there.
            if meta.key_manager() == Some(&aws_sdk_kms::types::KeyManagerType::Aws) {
                return Ok(None);
            }
            let policy = kms
                .get_key_policy()
                .key_id(key_id)
                .policy_name("default")
                .send()
                .await
                .described("kms", "GetKeyPolicy")?
                .policy()
                .unwrap_or_default()
                .to_string();
            Ok::<_, CallError>(Some(KmsKey {
                arn: meta.arn().unwrap_or_default().to_string(),
                key_id: key_id.to_string(),
                region: region.to_string(),
                state: meta
                    .key_state()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                description: meta.description().unwrap_or_default().to_string(),
                aliases: aliases
                    .iter()
                    .filter(|a| a.target_key_id() == Some(key_id))
                    .filter_map(|a| a.alias_name().map(str::to_string))
                    .collect(),
                policy,
                created_at: meta.creation_date().map(super::timestamp::timestamp),
            }))
        })
        .buffered(KEYS_AT_ONCE)
        .try_collect()
        .await?;
    Ok(read.into_iter().flatten().collect())
}

async fn read_config(
    cfg: &aws_sdk_config::Client,
    region: &str,
) -> Result<Vec<ConfigRecorder>, CallError> {
    let recorders = cfg
        .describe_configuration_recorders()
        .send()
        .await
        .described("config", "DescribeConfigurationRecorders")?;
    if recorders.configuration_recorders().is_empty() {
        return Ok(vec![ConfigRecorder {
            region: region.to_string(),
            name: None,
            recording: false,
            last_status: None,
        }]);
    }
    let status = cfg
        .describe_configuration_recorder_status()
        .send()
        .await
        .described("config", "DescribeConfigurationRecorderStatus")?;
    Ok(recorders
        .configuration_recorders()
        .iter()
        .map(|r| {
            let name = r.name().unwrap_or_default().to_string();
            let s = status
                .configuration_recorders_status()
                .iter()
                .find(|s| s.name() == Some(name.as_str()));
            ConfigRecorder {
                region: region.to_string(),
                recording: s.is_some_and(|s| s.recording()),
                last_status: s
                    .and_then(|s| s.last_status())
                    .map(|l| l.as_str().to_string()),
                name: Some(name),
            }
        })
        .collect())
}
