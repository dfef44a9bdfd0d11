//! Rules about who can still manage a KMS key.

pub mod admin_deleted;
pub mod no_admin;
pub mod single_admin;

use std::collections::BTreeSet;

use super::account_root;
use crate::org::{KmsKey, MemberAccount};
use crate::policy::document::Document;

/// Who the key policy lets change the key policy (`kms:PutKeyPolicy`).
#[derive(Debug, Default)]
pub struct Admins<'d> {
    /// `Principal: "*"`: anyone IAM allows, so not a single point of failure.
    pub everyone: bool,
    /// An account root is trusted: IAM can delegate, the key stays manageable.
    pub root: bool,
    /// Named principals (ARNs or unique ids).
    pub named: BTreeSet<&'d str>,
}

pub fn admins(doc: &Document) -> Admins<'_> {
    let mut admins = Admins::default();
    for statement in &doc.statements {
        if !statement.allow || !statement.covers("kms:PutKeyPolicy") {
            continue;
        }
        let Some(principal) = &statement.principal else {
            continue;
        };
        if principal.is_everyone() {
            admins.everyone = true;
        }
        for p in principal.aws.iter().filter(|p| p.as_str() != "*") {
            if account_root(p).is_some() {
                admins.root = true;
            } else {
                admins.named.insert(p);
            }
        }
    }
    admins
}

/// Why an administrator principal is gone, if it is.
pub fn gone(principal: &str, member: &MemberAccount) -> Option<String> {
    if !principal.starts_with("arn:") {
        return Some(format!(
            "`{principal}` is a unique id, which IAM puts in place of a deleted principal's ARN"
        ));
    }
    let (account, name) = principal
        .strip_prefix("arn:aws:iam::")
        .and_then(|rest| rest.split_once(":role/"))?;
    let name = name.rsplit('/').next().unwrap_or(name);
    let missing = account == member.account_id
        && member.complete
        && !member.roles.iter().any(|r| r.name == name);
    missing.then(|| format!("role `{principal}` no longer exists in account {account}"))
}

pub fn key_name(key: &KmsKey) -> String {
    match key.aliases.first() {
        Some(alias) => format!("key {} ({alias})", key.key_id),
        None => format!("key {}", key.key_id),
    }
}

#[cfg(test)]
pub mod fixtures {
    use crate::org::KmsKey;

    pub fn key(account: &str, id: &str, statements: &str) -> KmsKey {
        KmsKey {
            arn: format!("arn:aws:kms:eu-west-1:{account}:key/{id}"),
            key_id: id.into(),
            region: "eu-west-1".into(),
            state: "Enabled".into(),
            description: String::new(),
            aliases: vec![],
            policy: format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#),
            created_at: None,
        }
    }

    pub fn admin(principal: &str, action: &str) -> String {
        format!(
            r#"{{"Effect":"Allow","Principal":{{"AWS":"{principal}"}},"Action":"{action}","Resource":"*"}}"#
        )
    }
}
