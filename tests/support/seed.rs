//! Seeding moto with organizations through the real AWS SDK, as the tests'
//! "live" organizations.
#![allow(dead_code)]

use std::collections::BTreeMap;

use aws_config::SdkConfig;
use aws_sdk_organizations::types::{PolicyType, Tag};

use super::Moto;

pub const MANAGEMENT_ACCOUNT: &str = "123456789012";

/// Ids of everything a seed created, by the names the test gave them.
#[derive(Debug, Default, Clone)]
pub struct Seeded {
    pub org_id: String,
    pub root_id: String,
    pub ous: BTreeMap<String, String>,
    pub accounts: BTreeMap<String, String>,
    pub policies: BTreeMap<String, String>,
    pub instance_arn: String,
    pub store_id: String,
    pub permission_sets: BTreeMap<String, String>,
    pub users: BTreeMap<String, String>,
    pub groups: BTreeMap<String, String>,
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

pub struct Seeder {
    pub config: SdkConfig,
    pub org: aws_sdk_organizations::Client,
    pub sso: aws_sdk_ssoadmin::Client,
    pub store: aws_sdk_identitystore::Client,
    pub sts: aws_sdk_sts::Client,
    pub seeded: Seeded,
}

impl Seeder {
    pub async fn new(moto: &Moto) -> Self {
        Seeder::at(&moto.endpoint).await
    }

    /// A seeder for moto at `endpoint`, or a proxy in front of it.
    pub async fn at(endpoint: &str) -> Self {
        let config = super::sdk_config_at(endpoint).await;
        Seeder {
            org: aws_sdk_organizations::Client::new(&config),
            sso: aws_sdk_ssoadmin::Client::new(&config),
            store: aws_sdk_identitystore::Client::new(&config),
            sts: aws_sdk_sts::Client::new(&config),
            config,
            seeded: Seeded::default(),
        }
    }

    /// Creates the organization and enables SCPs on the root.
    pub async fn organization(&mut self) {
        let org = self
            .org
            .create_organization()
            .feature_set(aws_sdk_organizations::types::OrganizationFeatureSet::All)
            .send()
            .await
            .expect("create organization");
        self.seeded.org_id = org
            .organization()
            .and_then(|o| o.id())
            .expect("org id")
            .to_string();
        let roots = self.org.list_roots().send().await.expect("list roots");
        self.seeded.root_id = roots.roots()[0].id().expect("root id").to_string();
        self.org
            .enable_policy_type()
            .root_id(&self.seeded.root_id)
            .policy_type(PolicyType::ServiceControlPolicy)
            .send()
            .await
            .expect("enable SCPs");
    }

    /// Creates an OU under a parent path ("" for the root).
    pub async fn ou(&mut self, path: &str) -> String {
        let (parent_path, name) = path.rsplit_once('/').unwrap_or(("", path));
        let parent = self.parent_id(parent_path);
        let id = self
            .org
            .create_organizational_unit()
            .parent_id(parent)
            .name(name)
            .send()
            .await
            .expect("create OU")
            .organizational_unit()
            .and_then(|o| o.id())
            .expect("OU id")
            .to_string();
        self.seeded.ous.insert(path.to_string(), id.clone());
        id
    }

    pub fn parent_id(&self, path: &str) -> String {
        if path.is_empty() {
            self.seeded.root_id.clone()
        } else {
            self.seeded.ous[path].clone()
        }
    }

    /// Creates an account and moves it into the OU at `path`.
    pub async fn account(&mut self, name: &str, path: &str) -> String {
        let id = create_account(&self.org, name).await;
        if !path.is_empty() {
            self.org
                .move_account()
                .account_id(&id)
                .source_parent_id(&self.seeded.root_id)
                .destination_parent_id(self.parent_id(path))
                .send()
                .await
                .expect("move account");
        }
        self.seeded.accounts.insert(name.to_string(), id.clone());
        id
    }

    pub async fn tag(&self, resource_id: &str, key: &str, value: &str) {
        self.org
            .tag_resource()
            .resource_id(resource_id)
            .tags(Tag::builder().key(key).value(value).build().expect("tag"))
            .send()
            .await
            .expect("tag resource");
    }

    pub async fn scp(&mut self, name: &str, content: &str) -> String {
        let id = self
            .org
            .create_policy()
            .name(name)
            .description(format!("{name} guardrail"))
            .r#type(PolicyType::ServiceControlPolicy)
            .content(content)
            .send()
            .await
            .expect("create policy")
            .policy()
            .and_then(|p| p.policy_summary())
            .and_then(|s| s.id())
            .expect("policy id")
            .to_string();
        self.seeded.policies.insert(name.to_string(), id.clone());
        id
    }

    pub async fn attach(&self, policy_id: &str, target_id: &str) {
        self.org
            .attach_policy()
            .policy_id(policy_id)
            .target_id(target_id)
            .send()
            .await
            .expect("attach policy");
    }

    pub async fn identity_center(&mut self) {
        let instances = self
            .sso
            .list_instances()
            .send()
            .await
            .expect("list instances");
        let instance = &instances.instances()[0];
        self.seeded.instance_arn = instance.instance_arn().expect("instance arn").to_string();
        self.seeded.store_id = instance.identity_store_id().expect("store id").to_string();
    }

    pub async fn permission_set(&mut self, name: &str, managed: &[&str]) -> String {
        let arn = self
            .sso
            .create_permission_set()
            .instance_arn(&self.seeded.instance_arn)
            .name(name)
            .description(format!("{name} access"))
            .session_duration("PT4H")
            .send()
            .await
            .expect("create permission set")
            .permission_set()
            .and_then(|p| p.permission_set_arn())
            .expect("permission set arn")
            .to_string();
        for policy in managed {
            self.sso
                .attach_managed_policy_to_permission_set()
                .instance_arn(&self.seeded.instance_arn)
                .permission_set_arn(&arn)
                .managed_policy_arn(*policy)
                .send()
                .await
                .expect("attach managed policy");
        }
        self.seeded
            .permission_sets
            .insert(name.to_string(), arn.clone());
        arn
    }

    pub async fn user(&mut self, name: &str) -> String {
        let id = self
            .store
            .create_user()
            .identity_store_id(&self.seeded.store_id)
            .user_name(name)
            .display_name(format!("{name} Example"))
            .name(
                aws_sdk_identitystore::types::Name::builder()
                    .given_name(name)
                    .family_name("Example")
                    .build(),
            )
            .emails(
                aws_sdk_identitystore::types::Email::builder()
                    .value(format!("{name}@example.com"))
                    .primary(true)
                    .build(),
            )
            .send()
            .await
            .expect("create user")
            .user_id()
            .to_string();
        self.seeded.users.insert(name.to_string(), id.clone());
        id
    }

    pub async fn delete_user(&self, name: &str) {
        self.store
            .delete_user()
            .identity_store_id(&self.seeded.store_id)
            .user_id(&self.seeded.users[name])
            .send()
            .await
            .expect("delete user");
    }

    pub async fn group(&mut self, name: &str, members: &[&str]) -> String {
        let id = self
            .store
            .create_group()
            .identity_store_id(&self.seeded.store_id)
            .display_name(name)
            .send()
            .await
            .expect("create group")
            .group_id()
            .to_string();
        for member in members {
            self.store
                .create_group_membership()
                .identity_store_id(&self.seeded.store_id)
                .group_id(&id)
                .member_id(aws_sdk_identitystore::types::MemberId::UserId(
                    self.seeded.users[*member].clone(),
                ))
                .send()
                .await
                .expect("create membership");
        }
        self.seeded.groups.insert(name.to_string(), id.clone());
        id
    }

    /// Assigns a permission set to a user (`user:NAME`) or group
    /// (`group:NAME`) on an account.
    pub async fn assign(&self, principal: &str, permission_set: &str, account: &str) {
        let (kind, name) = principal.split_once(':').expect("user:NAME or group:NAME");
        let (principal_type, id) = match kind {
            "user" => (
                aws_sdk_ssoadmin::types::PrincipalType::User,
                &self.seeded.users[name],
            ),
            _ => (
                aws_sdk_ssoadmin::types::PrincipalType::Group,
                &self.seeded.groups[name],
            ),
        };
        self.sso
            .create_account_assignment()
            .instance_arn(&self.seeded.instance_arn)
            .target_id(&self.seeded.accounts[account])
            .target_type(aws_sdk_ssoadmin::types::TargetType::AwsAccount)
            .permission_set_arn(&self.seeded.permission_sets[permission_set])
            .principal_type(principal_type)
            .principal_id(id)
            .send()
            .await
            .expect("create assignment");
    }

    /// An SDK configuration inside a member account, through STS.
    pub async fn member(&self, account: &str) -> SdkConfig {
        let id = &self.seeded.accounts[account];
        let creds = self
            .sts
            .assume_role()
            .role_arn(format!(
                "arn:aws:iam::{id}:role/OrganizationAccountAccessRole"
            ))
            .role_session_name("seed")
            .send()
            .await
            .expect("assume role")
            .credentials()
            .cloned()
            .expect("credentials");
        let provider = aws_sdk_sts::config::Credentials::new(
            creds.access_key_id(),
            creds.secret_access_key(),
            Some(creds.session_token().to_string()),
            None,
            "seed",
        );
        self.config
            .to_builder()
            .credentials_provider(
                aws_credential_types::provider::SharedCredentialsProvider::new(provider),
            )
            .build()
    }
}

/// A role with a trust policy, in a member account.
pub async fn role(config: &SdkConfig, name: &str, trust: serde_json::Value, admin: bool) -> String {
    let iam = aws_sdk_iam::Client::new(config);
    let arn = iam
        .create_role()
        .role_name(name)
        .assume_role_policy_document(trust.to_string())
        .send()
        .await
        .expect("create role")
        .role()
        .map(|r| r.arn().to_string())
        .expect("role arn");
    if admin {
        iam.attach_role_policy()
            .role_name(name)
            .policy_arn(admin_policy(&iam, &arn).await)
            .send()
            .await
            .expect("attach admin policy");
    }
    arn
}

/// An administrator policy in the role's account. (moto can load the AWS
/// managed policies, but then creating each account costs seconds.)
async fn admin_policy(iam: &aws_sdk_iam::Client, role_arn: &str) -> String {
    let account = role_arn.split(':').nth(4).expect("account in ARN");
    let arn = format!("arn:aws:iam::{account}:policy/AdministratorAccess");
    if iam.get_policy().policy_arn(&arn).send().await.is_err() {
        iam.create_policy()
            .policy_name("AdministratorAccess")
            .policy_document(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#)
            .send()
            .await
            .expect("create admin policy");
    }
    arn
}

pub async fn delete_role(config: &SdkConfig, name: &str, admin: bool) {
    let iam = aws_sdk_iam::Client::new(config);
    if admin {
        let role = iam
            .get_role()
            .role_name(name)
            .send()
            .await
            .expect("get role");
        let account = role.role().map(|r| r.arn().to_string()).unwrap_or_default();
        let account = account.split(':').nth(4).unwrap_or_default().to_string();
        iam.detach_role_policy()
            .role_name(name)
            .policy_arn(format!("arn:aws:iam::{account}:policy/AdministratorAccess"))
            .send()
            .await
            .expect("detach");
    }
    iam.delete_role()
        .role_name(name)
        .send()
        .await
        .expect("delete role");
}

/// A customer managed KMS key with the given policy; returns its ARN.
pub async fn kms_key(config: &SdkConfig, policy: serde_json::Value, alias: &str) -> String {
    let kms = aws_sdk_kms::Client::new(config);
    let meta = kms
        .create_key()
        .policy(policy.to_string())
        .description(alias)
        .send()
        .await
        .expect("create key")
        .key_metadata()
        .cloned()
        .expect("key metadata");
    kms.create_alias()
        .alias_name(format!("alias/{alias}"))
        .target_key_id(meta.key_id())
        .send()
        .await
        .expect("create alias");
    meta.arn().expect("key arn").to_string()
}

/// An IAM user with one active access key; returns the key id.
pub async fn iam_user_with_key(config: &SdkConfig, name: &str) -> String {
    let iam = aws_sdk_iam::Client::new(config);
    iam.create_user()
        .user_name(name)
        .send()
        .await
        .expect("create user");
    iam.create_access_key()
        .user_name(name)
        .send()
        .await
        .expect("create access key")
        .access_key()
        .map(|k| k.access_key_id().to_string())
        .expect("key id")
}

/// A recording AWS Config recorder in the config's region.
pub async fn config_recorder(config: &SdkConfig, account_id: &str) {
    let cfg = aws_sdk_config::Client::new(config);
    cfg.put_configuration_recorder()
        .configuration_recorder(
            aws_sdk_config::types::ConfigurationRecorder::builder()
                .name("default")
                .role_arn(format!("arn:aws:iam::{account_id}:role/config"))
                .build(),
        )
        .send()
        .await
        .expect("put recorder");
    cfg.put_delivery_channel()
        .delivery_channel(
            aws_sdk_config::types::DeliveryChannel::builder()
                .name("default")
                .s3_bucket_name("config-bucket")
                .build(),
        )
        .send()
        .await
        .expect("put delivery channel");
    cfg.start_configuration_recorder()
        .configuration_recorder_name("default")
        .send()
        .await
        .expect("start recorder");
}

pub const DENY_S3: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}"#;
pub const DENY_ALL: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#;
pub const DENY_LEAVE: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}"#;

/// Creates an account under the root; returns its id.
pub async fn create_account(org: &aws_sdk_organizations::Client, name: &str) -> String {
    org.create_account()
        .account_name(name)
        .email(format!("{name}@example.com"))
        .send()
        .await
        .expect("create account")
        .create_account_status()
        .and_then(|s| s.account_id())
        .expect("account id")
        .to_string()
}

/// An inline policy on a role.
pub async fn inline_role_policy(
    config: &SdkConfig,
    role: &str,
    name: &str,
    document: serde_json::Value,
) {
    aws_sdk_iam::Client::new(config)
        .put_role_policy()
        .role_name(role)
        .policy_name(name)
        .policy_document(document.to_string())
        .send()
        .await
        .expect("put role policy");
}

/// A customer managed policy attached to a role; returns its ARN.
pub async fn managed_role_policy(
    config: &SdkConfig,
    role: &str,
    name: &str,
    document: serde_json::Value,
) -> String {
    let iam = aws_sdk_iam::Client::new(config);
    let arn = iam
        .create_policy()
        .policy_name(name)
        .policy_document(document.to_string())
        .send()
        .await
        .expect("create policy")
        .policy()
        .and_then(|p| p.arn().map(str::to_string))
        .expect("policy arn");
    iam.attach_role_policy()
        .role_name(role)
        .policy_arn(&arn)
        .send()
        .await
        .expect("attach policy");
    arn
}
