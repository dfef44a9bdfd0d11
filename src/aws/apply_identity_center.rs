//! Carries out a plan's Identity Center changes within AWS's quotas without
//! being told: every call waits for the shared 20 requests/second limiter,
//! at most 15 account-assignment operations and 3 ProvisionPermissionSet
//! calls are in progress at once, and every asynchronous operation is
//! polled to its end with a deadline. Permission sets are created (their
//! policies attached) and updated first, then provisioned, then
//! assignments are created and deleted, then permission sets deleted.
//! On a failure no new operation starts, those in progress are followed to
//! their end, and the caller learns exactly which changes were made.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use aws_sdk_ssoadmin::types::{
    CustomerManagedPolicyReference, PermissionsBoundary as SdkBoundary,
    PrincipalType as SdkPrincipalType, ProvisionTargetType, StatusValues, Tag, TargetType,
};
use futures::stream::{self, StreamExt};
use tokio::time::Instant;

use super::config::Clients;
use super::error::{CallError, Described};
use crate::org::{PermissionsBoundary, PolicyReference, PrincipalType};
use crate::plan::resources::ic_change::{IcChange, PermissionSetEdit, PermissionSetRef};
use crate::policy::limits::identity_center as quota;

const SSO: &str = "sso-admin";

/// Whether a failed SDK call is worth trying again: throttling, AWS failing
/// inside, or no answer at all (a dropped connection, a timeout). The SDK
/// retries these too, but its retry quota runs dry under a long throttled
/// run; this keeps trying, each time through the rate limiter, until the
/// operation's deadline.
fn transient(e: &CallError) -> bool {
    match e.code.as_deref() {
        Some(code) => {
            super::retry::THROTTLING_CODES.contains(&code)
                || matches!(
                    code,
                    "InternalServerException" | "ServiceUnavailableException" | "InternalFailure"
                )
        }
        None => !matches!(
            e.failure,
            super::failure::Failure::NoCredentials
                | super::failure::Failure::CredentialsUnusable { .. }
                | super::failure::Failure::CredentialsRejected
                | super::failure::Failure::AccessDenied { .. }
        ),
    }
}

/// Waits for the rate limiter and makes a call, again while it fails
/// transiently and the deadline allows.
macro_rules! retrying {
    ($ctx:expr, $call:expr) => {{
        let started = Instant::now();
        let mut pause = Duration::from_millis(500);
        loop {
            $ctx.wait().await;
            match $call {
                Err(e) if transient(&e) && started.elapsed() < deadline() => {
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(10));
                }
                other => break other,
            }
        }
    }};
}

/// How long one asynchronous operation may stay in progress.
fn deadline() -> Duration {
    let secs = std::env::var("ORGGUARD_IC_OPERATION_DEADLINE_SECS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(300);
    Duration::from_secs(secs)
}

/// Where an Identity Center apply stopped: the change that failed (its
/// index in the plan) and why, and the indices of the changes not made.
#[derive(Debug)]
pub struct Stopped {
    pub failed: usize,
    pub error: CallError,
    pub not_done: Vec<usize>,
}

/// One Identity Center change and its index in the plan.
pub type Step<'a> = (usize, &'a IcChange);

/// Applies `steps` (in plan order), calling `on_step` with the plan index
/// and a line as each change is completed.
pub async fn apply(
    clients: &Clients,
    steps: &[Step<'_>],
    on_step: &mut dyn FnMut(usize, &str),
) -> Result<(), Stopped> {
    let mut done: Vec<usize> = Vec::new();
    let mut report = |index: usize, line: &str, done: &mut Vec<usize>| {
        done.push(index);
        on_step(index, line);
    };
    let stopped = |failed: usize, error: CallError, done: &[usize]| Stopped {
        failed,
        error,
        not_done: steps
            .iter()
            .map(|(i, _)| *i)
            .filter(|i| !done.contains(i))
            .collect(),
    };
    let Some((first, _)) = steps.first() else {
        return Ok(());
    };
    let instance = match instance_arn(clients).await {
        Ok(arn) => arn,
        Err(e) => return Err(stopped(*first, e, &done)),
    };
    let ctx = Ctx {
        clients,
        instance: &instance,
    };
    let mut created: HashMap<String, String> = HashMap::new();

    // Permission sets, one at a time: few, and each is several calls.
    for (index, change) in steps {
        let result = match change {
            IcChange::CreatePermissionSet { .. } => {
                ctx.create_permission_set(change).await.map(|(name, arn)| {
                    created.insert(name, arn);
                })
            }
            IcChange::UpdatePermissionSet { .. } => ctx.update_permission_set(change).await,
            _ => continue,
        };
        match result {
            Ok(()) => report(*index, &change_line(change), &mut done),
            Err(e) => return Err(stopped(*index, e, &done)),
        }
    }
    let resolve = |r: &PermissionSetRef| -> Result<String, CallError> {
        match r {
            PermissionSetRef::Existing { arn, .. } => Ok(arn.clone()),
            PermissionSetRef::New { name } => created.get(name).cloned().ok_or_else(|| {
                CallError::plain(
                    "orgguard",
                    "resolve",
                    format!("permission set {name} should have been created earlier in the plan but was not"),
                )
            }),
        }
    };

    // Provisioning: one operation per account, 3 at once.
    let mut tasks = Vec::new();
    let mut remaining: BTreeMap<usize, usize> = BTreeMap::new();
    for (index, change) in steps {
        if let IcChange::ProvisionPermissionSet {
            permission_set,
            accounts,
        } = change
        {
            let arn = resolve(permission_set).map_err(|e| stopped(*index, e, &done))?;
            remaining.insert(*index, accounts.len());
            tasks.extend(accounts.iter().map(|a| (*index, arn.clone(), a.clone())));
        }
    }
    let stop = AtomicBool::new(false);
    let mut failure: Option<(usize, CallError)> = None;
    {
        let mut results = stream::iter(tasks)
            .map(|(index, arn, account)| {
                let (ctx, stop) = (&ctx, &stop);
                async move {
                    if stop.load(Ordering::SeqCst) {
                        return (index, None);
                    }
                    let r = ctx.provision(&arn, &account).await;
                    if r.is_err() {
                        stop.store(true, Ordering::SeqCst);
                    }
                    (index, Some(r))
                }
            })
            .buffer_unordered(quota::CONCURRENT_PROVISIONING);
        while let Some((index, result)) = results.next().await {
            match result {
                Some(Ok(())) => {
                    if let Some(n) = remaining.get_mut(&index) {
                        *n -= 1;
                        if *n == 0
                            && let Some((_, change)) = steps.iter().find(|(i, _)| *i == index)
                        {
                            report(index, &change_line(change), &mut done);
                        }
                    }
                }
                Some(Err(e)) => {
                    failure.get_or_insert((index, e));
                }
                None => {}
            }
        }
    }
    if let Some((index, e)) = failure {
        return Err(stopped(index, e, &done));
    }

    // Assignments: created, then deleted, at most 15 operations at once.
    for creating in [true, false] {
        let mut ops = Vec::new();
        for (index, change) in steps {
            let op = match change {
                IcChange::CreateAssignment {
                    account_id,
                    permission_set,
                    principal_type,
                    principal_id,
                    ..
                } if creating => (account_id, permission_set, principal_type, principal_id),
                IcChange::DeleteAssignment {
                    account_id,
                    permission_set,
                    principal_type,
                    principal_id,
                    ..
                } if !creating => (account_id, permission_set, principal_type, principal_id),
                _ => continue,
            };
            let arn = resolve(op.1).map_err(|e| stopped(*index, e, &done))?;
            ops.push((*index, *change, op.0.clone(), arn, *op.2, op.3.clone()));
        }
        let mut results = stream::iter(ops)
            .map(|(index, change, account, arn, kind, principal)| {
                let (ctx, stop) = (&ctx, &stop);
                async move {
                    if stop.load(Ordering::SeqCst) {
                        return (index, change, None);
                    }
                    let r = ctx
                        .assignment(creating, &account, &arn, kind, &principal)
                        .await;
                    if r.is_err() {
                        stop.store(true, Ordering::SeqCst);
                    }
                    (index, change, Some(r))
                }
            })
            .buffer_unordered(quota::OUTSTANDING_ASSIGNMENT_OPERATIONS);
        while let Some((index, change, result)) = results.next().await {
            match result {
                Some(Ok(())) => report(index, &change_line(change), &mut done),
                Some(Err(e)) => {
                    failure.get_or_insert((index, e));
                }
                None => {}
            }
        }
        drop(results);
        if let Some((index, e)) = failure.take() {
            return Err(stopped(index, e, &done));
        }
    }

    for (index, change) in steps {
        if let IcChange::DeletePermissionSet { arn, .. } = change {
            let result = retrying!(
                ctx,
                ctx.clients
                    .sso_admin
                    .delete_permission_set()
                    .instance_arn(ctx.instance)
                    .permission_set_arn(arn)
                    .send()
                    .await
                    .described(SSO, "DeletePermissionSet")
            );
            match result {
                Ok(_) => report(*index, &change_line(change), &mut done),
                Err(e) => return Err(stopped(*index, e, &done)),
            }
        }
    }
    Ok(())
}

fn change_line(change: &IcChange) -> String {
    crate::plan::change::Change::IdentityCenter(change.clone()).summary()
}

async fn instance_arn(clients: &Clients) -> Result<String, CallError> {
    clients.identity_center_limiter.wait().await;
    let out = clients
        .sso_admin
        .list_instances()
        .send()
        .await
        .described(SSO, "ListInstances")?;
    out.instances()
        .first()
        .and_then(|i| i.instance_arn())
        .map(str::to_string)
        .ok_or_else(|| {
            CallError::plain(
                SSO,
                "ListInstances",
                format!(
                    "no IAM Identity Center instance in {}",
                    clients.identity_center_region
                ),
            )
        })
}

struct Ctx<'a> {
    clients: &'a Clients,
    instance: &'a str,
}

fn reference(
    r: &PolicyReference,
    operation: &'static str,
) -> Result<CustomerManagedPolicyReference, CallError> {
    CustomerManagedPolicyReference::builder()
        .name(&r.name)
        .path(&r.path)
        .build()
        .map_err(|e| CallError::plain(SSO, operation, e.to_string()))
}

fn sdk_tags(
    tags: &std::collections::BTreeMap<String, String>,
    operation: &'static str,
) -> Result<Vec<Tag>, CallError> {
    tags.iter()
        .map(|(k, v)| {
            Tag::builder()
                .key(k)
                .value(v)
                .build()
                .map_err(|e| CallError::plain(SSO, operation, e.to_string()))
        })
        .collect()
}

fn boundary(b: &PermissionsBoundary, operation: &'static str) -> Result<SdkBoundary, CallError> {
    let customer = b
        .customer_managed_policy
        .as_ref()
        .map(|r| reference(r, operation))
        .transpose()?;
    Ok(SdkBoundary::builder()
        .set_managed_policy_arn(b.managed_policy_arn.clone())
        .set_customer_managed_policy_reference(customer)
        .build())
}

/// The status of one asynchronous operation, as both kinds report it.
struct Status {
    state: Option<StatusValues>,
    request_id: Option<String>,
    failure: Option<String>,
}

impl Ctx<'_> {
    async fn wait(&self) {
        self.clients.identity_center_limiter.wait().await;
    }

    async fn create_permission_set(
        &self,
        change: &IcChange,
    ) -> Result<(String, String), CallError> {
        let IcChange::CreatePermissionSet {
            name,
            description,
            session_duration,
            relay_state,
            managed_policies,
            customer_managed_policies,
            inline_policy,
            permissions_boundary,
            tags,
        } = change
        else {
            return Err(CallError::plain("orgguard", "apply", "not a create".into()));
        };
        let tags = sdk_tags(tags, "CreatePermissionSet")?;
        let out = retrying!(
            self,
            self.clients
                .sso_admin
                .create_permission_set()
                .instance_arn(self.instance)
                .name(name)
                .set_description((!description.is_empty()).then(|| description.clone()))
                .session_duration(session_duration)
                .set_relay_state(relay_state.clone())
                .set_tags((!tags.is_empty()).then(|| tags.clone()))
                .send()
                .await
                .described(SSO, "CreatePermissionSet")
        )?;
        let arn = out
            .permission_set()
            .and_then(|p| p.permission_set_arn())
            .map(str::to_string)
            .ok_or_else(|| {
                CallError::plain(
                    SSO,
                    "CreatePermissionSet",
                    "the answer has no permission set ARN".into(),
                )
            })?;
        let mut edits: Vec<PermissionSetEdit> = managed_policies
            .iter()
            .map(|arn| PermissionSetEdit::AttachManagedPolicy { arn: arn.clone() })
            .collect();
        edits.extend(customer_managed_policies.iter().map(|r| {
            PermissionSetEdit::AttachCustomerManagedPolicy {
                reference: r.clone(),
            }
        }));
        if let Some(new) = inline_policy {
            edits.push(PermissionSetEdit::PutInlinePolicy {
                old: None,
                new: new.clone(),
            });
        }
        if let Some(new) = permissions_boundary {
            edits.push(PermissionSetEdit::PutPermissionsBoundary {
                old: None,
                new: new.clone(),
            });
        }
        for edit in &edits {
            self.edit(&arn, edit).await?;
        }
        Ok((name.clone(), arn))
    }

    async fn update_permission_set(&self, change: &IcChange) -> Result<(), CallError> {
        let IcChange::UpdatePermissionSet {
            arn,
            edits,
            attributes,
            ..
        } = change
        else {
            return Err(CallError::plain(
                "orgguard",
                "apply",
                "not an update".into(),
            ));
        };
        if let Some(a) = attributes {
            retrying!(
                self,
                self.clients
                    .sso_admin
                    .update_permission_set()
                    .instance_arn(self.instance)
                    .permission_set_arn(arn)
                    .description(&a.description)
                    .session_duration(&a.session_duration)
                    .set_relay_state(a.relay_state.clone())
                    .send()
                    .await
                    .described(SSO, "UpdatePermissionSet")
            )?;
        }
        for edit in edits {
            self.edit(arn, edit).await?;
        }
        Ok(())
    }

    /// One policy edit; description, session duration and relay state are
    /// set by UpdatePermissionSet.
    async fn edit(&self, arn: &str, edit: &PermissionSetEdit) -> Result<(), CallError> {
        let sso = &self.clients.sso_admin;
        let i = self.instance;
        match edit {
            PermissionSetEdit::Description { .. }
            | PermissionSetEdit::SessionDuration { .. }
            | PermissionSetEdit::RelayState { .. } => return Ok(()),
            _ => {}
        }
        retrying!(
            self,
            match edit {
                PermissionSetEdit::AttachManagedPolicy { arn: policy } => sso
                    .attach_managed_policy_to_permission_set()
                    .instance_arn(i)
                    .permission_set_arn(arn)
                    .managed_policy_arn(policy)
                    .send()
                    .await
                    .described(SSO, "AttachManagedPolicyToPermissionSet")
                    .map(drop),
                PermissionSetEdit::DetachManagedPolicy { arn: policy } => sso
                    .detach_managed_policy_from_permission_set()
                    .instance_arn(i)
                    .permission_set_arn(arn)
                    .managed_policy_arn(policy)
                    .send()
                    .await
                    .described(SSO, "DetachManagedPolicyFromPermissionSet")
                    .map(drop),
                PermissionSetEdit::AttachCustomerManagedPolicy { reference: r } => {
                    const OP: &str = "AttachCustomerManagedPolicyReferenceToPermissionSet";
                    sso.attach_customer_managed_policy_reference_to_permission_set()
                        .instance_arn(i)
                        .permission_set_arn(arn)
                        .customer_managed_policy_reference(reference(r, OP)?)
                        .send()
                        .await
                        .described(SSO, OP)
                        .map(drop)
                }
                PermissionSetEdit::DetachCustomerManagedPolicy { reference: r } => {
                    const OP: &str = "DetachCustomerManagedPolicyReferenceFromPermissionSet";
                    sso.detach_customer_managed_policy_reference_from_permission_set()
                        .instance_arn(i)
                        .permission_set_arn(arn)
                        .customer_managed_policy_reference(reference(r, OP)?)
                        .send()
                        .await
                        .described(SSO, OP)
                        .map(drop)
                }
                PermissionSetEdit::PutInlinePolicy { new, .. } => sso
                    .put_inline_policy_to_permission_set()
                    .instance_arn(i)
                    .permission_set_arn(arn)
                    .inline_policy(new)
                    .send()
                    .await
                    .described(SSO, "PutInlinePolicyToPermissionSet")
                    .map(drop),
                PermissionSetEdit::DeleteInlinePolicy { .. } => sso
                    .delete_inline_policy_from_permission_set()
                    .instance_arn(i)
                    .permission_set_arn(arn)
                    .send()
                    .await
                    .described(SSO, "DeleteInlinePolicyFromPermissionSet")
                    .map(drop),
                PermissionSetEdit::PutPermissionsBoundary { new, .. } => {
                    const OP: &str = "PutPermissionsBoundaryToPermissionSet";
                    sso.put_permissions_boundary_to_permission_set()
                        .instance_arn(i)
                        .permission_set_arn(arn)
                        .permissions_boundary(boundary(new, OP)?)
                        .send()
                        .await
                        .described(SSO, OP)
                        .map(drop)
                }
                PermissionSetEdit::DeletePermissionsBoundary { .. } => sso
                    .delete_permissions_boundary_from_permission_set()
                    .instance_arn(i)
                    .permission_set_arn(arn)
                    .send()
                    .await
                    .described(SSO, "DeletePermissionsBoundaryFromPermissionSet")
                    .map(drop),
                PermissionSetEdit::Tag { tags, .. } => sso
                    .tag_resource()
                    .instance_arn(i)
                    .resource_arn(arn)
                    .set_tags(Some(sdk_tags(tags, "TagResource")?))
                    .send()
                    .await
                    .described(SSO, "TagResource")
                    .map(drop),
                PermissionSetEdit::Untag { keys } => sso
                    .untag_resource()
                    .instance_arn(i)
                    .resource_arn(arn)
                    .set_tag_keys(Some(keys.clone()))
                    .send()
                    .await
                    .described(SSO, "UntagResource")
                    .map(drop),
                PermissionSetEdit::Description { .. }
                | PermissionSetEdit::SessionDuration { .. }
                | PermissionSetEdit::RelayState { .. } => Ok(()),
            }
        )
    }

    /// Provisions the latest version of a set to one account, and follows
    /// the operation to its end.
    async fn provision(&self, arn: &str, account: &str) -> Result<(), CallError> {
        const OP: &str = "ProvisionPermissionSet";
        let out = retrying!(
            self,
            self.clients
                .sso_admin
                .provision_permission_set()
                .instance_arn(self.instance)
                .permission_set_arn(arn)
                .target_type(ProvisionTargetType::AwsAccount)
                .target_id(account)
                .send()
                .await
                .described(SSO, OP)
        )?;
        let status = out.permission_set_provisioning_status().map(|s| Status {
            state: s.status().cloned(),
            request_id: s.request_id().map(str::to_string),
            failure: s.failure_reason().map(str::to_string),
        });
        self.follow(OP, status, account, |id| async move {
            let out = retrying!(
                self,
                self.clients
                    .sso_admin
                    .describe_permission_set_provisioning_status()
                    .instance_arn(self.instance)
                    .provision_permission_set_request_id(&id)
                    .send()
                    .await
                    .described(SSO, "DescribePermissionSetProvisioningStatus")
            )?;
            Ok(out.permission_set_provisioning_status().map(|s| Status {
                state: s.status().cloned(),
                request_id: s.request_id().map(str::to_string),
                failure: s.failure_reason().map(str::to_string),
            }))
        })
        .await
    }

    /// Creates or deletes one assignment and follows the operation to its
    /// end. AWS answers ConflictException while another operation on the
    /// same assignment runs: that is waited out, not reported.
    async fn assignment(
        &self,
        create: bool,
        account: &str,
        arn: &str,
        kind: PrincipalType,
        principal: &str,
    ) -> Result<(), CallError> {
        let kind = match kind {
            PrincipalType::User => SdkPrincipalType::User,
            PrincipalType::Group => SdkPrincipalType::Group,
        };
        let op: &'static str = if create {
            "CreateAccountAssignment"
        } else {
            "DeleteAccountAssignment"
        };
        let started = Instant::now();
        let mut pause = Duration::from_millis(500);
        let status = loop {
            self.wait().await;
            let sso = &self.clients.sso_admin;
            let sent = if create {
                sso.create_account_assignment()
                    .instance_arn(self.instance)
                    .target_id(account)
                    .target_type(TargetType::AwsAccount)
                    .permission_set_arn(arn)
                    .principal_type(kind.clone())
                    .principal_id(principal)
                    .send()
                    .await
                    .described(SSO, op)
                    .map(|o| o.account_assignment_creation_status().cloned())
            } else {
                sso.delete_account_assignment()
                    .instance_arn(self.instance)
                    .target_id(account)
                    .target_type(TargetType::AwsAccount)
                    .permission_set_arn(arn)
                    .principal_type(kind.clone())
                    .principal_id(principal)
                    .send()
                    .await
                    .described(SSO, op)
                    .map(|o| o.account_assignment_deletion_status().cloned())
            };
            match sent {
                Ok(status) => break status,
                Err(e)
                    if (e.is("ConflictException") || transient(&e))
                        && started.elapsed() < deadline() =>
                {
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_secs(10));
                }
                Err(e) => return Err(e),
            }
        };
        let status = status.map(|s| Status {
            state: s.status().cloned(),
            request_id: s.request_id().map(str::to_string),
            failure: s.failure_reason().map(str::to_string),
        });
        self.follow(op, status, account, |id| async move {
            let sso = &self.clients.sso_admin;
            let s = if create {
                retrying!(
                    self,
                    sso.describe_account_assignment_creation_status()
                        .instance_arn(self.instance)
                        .account_assignment_creation_request_id(&id)
                        .send()
                        .await
                        .described(SSO, "DescribeAccountAssignmentCreationStatus")
                )?
                .account_assignment_creation_status()
                .cloned()
            } else {
                retrying!(
                    self,
                    sso.describe_account_assignment_deletion_status()
                        .instance_arn(self.instance)
                        .account_assignment_deletion_request_id(&id)
                        .send()
                        .await
                        .described(SSO, "DescribeAccountAssignmentDeletionStatus")
                )?
                .account_assignment_deletion_status()
                .cloned()
            };
            Ok(s.map(|s| Status {
                state: s.status().cloned(),
                request_id: s.request_id().map(str::to_string),
                failure: s.failure_reason().map(str::to_string),
            }))
        })
        .await
    }

    /// Polls an asynchronous operation until it succeeds, fails (its
    /// FailureReason becomes the error) or passes the deadline.
    async fn follow<F, Fut>(
        &self,
        operation: &'static str,
        first: Option<Status>,
        account: &str,
        describe: F,
    ) -> Result<(), CallError>
    where
        F: Fn(String) -> Fut,
        Fut: std::future::Future<Output = Result<Option<Status>, CallError>>,
    {
        let started = Instant::now();
        let limit = deadline();
        let mut pause = Duration::from_millis(500);
        let mut status = first;
        let mut request_id: Option<String> = None;
        loop {
            let Some(s) = status.take() else {
                return Err(CallError::plain(
                    SSO,
                    operation,
                    format!("AWS answered without a status for account {account}"),
                ));
            };
            if let Some(id) = s.request_id {
                request_id = Some(id);
            }
            match s.state {
                Some(StatusValues::Succeeded) => return Ok(()),
                Some(StatusValues::Failed) => {
                    return Err(CallError::plain(
                        SSO,
                        operation,
                        format!(
                            "the operation for account {account} failed: {}",
                            s.failure.as_deref().unwrap_or("AWS gave no FailureReason")
                        ),
                    ));
                }
                _ => {}
            }
            let Some(id) = request_id.clone() else {
                return Err(CallError::plain(
                    SSO,
                    operation,
                    format!(
                        "the operation for account {account} is in progress but AWS gave no request id to follow"
                    ),
                ));
            };
            if started.elapsed() >= limit {
                return Err(CallError::plain(
                    SSO,
                    operation,
                    format!(
                        "the operation for account {account} (request {id}) was still in progress after {} s",
                        limit.as_secs()
                    ),
                ));
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 3 / 2).min(Duration::from_secs(5));
            status = describe(id).await?;
        }
    }
}
