//! Whether a principal is an administrator in practice, decided from its
//! policy documents with the IAM policy evaluator (`policy::eval`),
//! not from policy names. IAM004, IAM006, the audit's `admin_level` column
//! and the Cedar `permission_set.admin_level` attribute all ask here.

pub mod aws_managed;
pub mod escalation;

use std::sync::Arc;

use crate::org::{IamUser, MemberAccount, PermissionSet, Role};
use crate::policy::eval::{CompiledPolicy, Level, evaluate};
use crate::policy::request::Request;

/// One identity policy of a principal: how findings name it, and its
/// document, or `None` when the snapshot does not hold it.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    pub label: String,
    pub document: Option<&'a str>,
}

/// How a principal came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Privilege {
    /// It can do everything, or grant itself everything.
    Admin(Grant),
    /// Its readable policies do not make it an administrator, and every
    /// policy was readable.
    Limited,
    /// Its readable policies do not make it an administrator, but some
    /// could not be read or evaluated, so it may still be one.
    Unknown { unread: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Which escalation path holds, as `escalation::PATHS` words it.
    pub how: &'static str,
    /// The policies that grant it on their own; empty when only their
    /// combination does.
    pub policies: Vec<String>,
}

impl Privilege {
    pub fn is_admin(&self) -> bool {
        matches!(self, Privilege::Admin(_))
    }

    pub fn grant(&self) -> Option<&Grant> {
        match self {
            Privilege::Admin(g) => Some(g),
            _ => None,
        }
    }
}

impl Grant {
    /// "allows * on * through inline policy admin".
    pub fn describe(&self) -> String {
        if self.policies.is_empty() {
            format!("{} through its policies together", self.how)
        } else {
            format!("{} through {}", self.how, self.policies.join(", "))
        }
    }
}

/// Classifies a principal from its policies. `principal_arn` and
/// `account` fill the request context the way a call of its own would.
pub fn classify(principal_arn: &str, account: &str, sources: &[Source<'_>]) -> Privilege {
    let mut unread = Vec::new();
    let mut compiled = Vec::new();
    for s in sources {
        let policy = s.document.map(|d| {
            // Most roles of an organization hold the same few AWS managed
            // policies: those are compiled once per process.
            aws_managed::compiled(&s.label, d)
                .map(Ok)
                .unwrap_or_else(|| CompiledPolicy::compile(&s.label, d).map(Arc::new))
        });
        match policy {
            Some(Ok(policy)) => compiled.push(policy),
            Some(Err(_)) | None => unread.push(s.label.clone()),
        }
    }
    // With no readable policy nothing is allowed: no path can hold.
    if !compiled.is_empty() {
        // One request, its action swapped per call: a principal is asked
        // a few dozen actions.
        let mut req = request(principal_arn, account, "");
        let mut allows = |levels: &[Level], path: &escalation::Path| {
            path.actions.iter().all(|action| {
                req.action.clear();
                req.action.push_str(action);
                evaluate(levels, &req).is_allowed()
            })
        };
        let together = [Level {
            label: String::new(),
            policies: compiled.clone(),
        }];
        for path in escalation::PATHS {
            if !allows(&together, path) {
                continue;
            }
            // A lone policy grants it on its own: no need to ask again.
            let policies = if let [only] = compiled.as_slice() {
                vec![only.name.clone()]
            } else {
                compiled
                    .iter()
                    .filter(|p| {
                        let alone = [Level {
                            label: String::new(),
                            policies: vec![Arc::clone(p)],
                        }];
                        allows(&alone, path)
                    })
                    .map(|p| p.name.clone())
                    .collect()
            };
            return Privilege::Admin(Grant {
                how: path.label,
                policies,
            });
        }
    }
    if unread.is_empty() {
        Privilege::Limited
    } else {
        Privilege::Unknown { unread }
    }
}

/// The call a principal would make to use a path: on any resource, as
/// itself, signed in with MFA over TLS, so that grants people normally
/// hold under those conditions count.
fn request(principal_arn: &str, account: &str, action: &str) -> Request {
    let mut req = Request::new(account, action, principal_arn);
    req.context.set("aws:MultiFactorAuthPresent", "true");
    req.context.set("aws:SecureTransport", "true");
    req
}

/// An attached managed policy as a source: AWS managed ones from
/// `aws_managed`, customer managed ones from the account's snapshot.
fn attached<'a>(member: &'a MemberAccount, arn: &str) -> Option<Source<'a>> {
    let name = arn.rsplit('/').next().unwrap_or(arn);
    if aws_managed::is_aws_managed(arn) {
        // AWS managed policies outside the table grant no escalation path.
        return aws_managed::document(arn).map(|d| Source {
            label: name.to_string(),
            document: Some(d),
        });
    }
    Some(Source {
        label: format!("policy {name}"),
        document: member
            .managed_policies
            .iter()
            .find(|p| p.arn == arn)
            .map(|p| p.document.as_str()),
    })
}

fn inline<'a>(
    documents: &'a std::collections::BTreeMap<String, String>,
    prefix: &str,
) -> impl Iterator<Item = Source<'a>> {
    let prefix = prefix.to_string();
    documents.iter().map(move |(name, doc)| Source {
        label: format!("{prefix}inline policy {name}"),
        document: Some(doc.as_str()),
    })
}

/// A role of a deep snapshot.
pub fn of_role(member: &MemberAccount, role: &Role) -> Privilege {
    let mut sources: Vec<Source<'_>> = role
        .attached_policies
        .iter()
        .filter_map(|arn| attached(member, arn))
        .collect();
    sources.extend(inline(&role.inline_documents, ""));
    // Snapshots taken before documents were read name inline policies only.
    sources.extend(
        role.inline_policies
            .iter()
            .filter(|n| !role.inline_documents.contains_key(*n))
            .map(|n| Source {
                label: format!("inline policy {n}"),
                document: None,
            }),
    );
    classify(&role.arn, &member.account_id, &sources)
}

/// An IAM user of a deep snapshot, with the policies of its groups.
pub fn of_user(member: &MemberAccount, user: &IamUser) -> Privilege {
    let mut sources: Vec<Source<'_>> = user
        .attached_policies
        .iter()
        .filter_map(|arn| attached(member, arn))
        .collect();
    sources.extend(inline(&user.inline_documents, ""));
    for name in &user.groups {
        match member.groups.iter().find(|g| &g.name == name) {
            Some(group) => {
                sources.extend(
                    group
                        .attached_policies
                        .iter()
                        .filter_map(|arn| attached(member, arn)),
                );
                sources.extend(inline(&group.inline_documents, &format!("group {name} ")));
            }
            None => sources.push(Source {
                label: format!("group {name}"),
                document: None,
            }),
        }
    }
    classify(&user.arn, &member.account_id, &sources)
}

/// An Identity Center permission set. Its customer managed policies live
/// in each account it is provisioned to, so they count as unread.
pub fn of_permission_set(ps: &PermissionSet) -> Privilege {
    let mut sources: Vec<Source<'_>> = ps
        .managed_policies
        .iter()
        .filter_map(|arn| {
            aws_managed::document(arn).map(|d| Source {
                label: arn.rsplit('/').next().unwrap_or(arn).to_string(),
                document: Some(d),
            })
        })
        .collect();
    if let Some(doc) = &ps.inline_policy {
        sources.push(Source {
            label: "inline policy".to_string(),
            document: Some(doc.as_str()),
        });
    }
    sources.extend(ps.customer_managed_policies.iter().map(|r| Source {
        label: format!("policy {}{}", r.path, r.name),
        document: None,
    }));
    classify(&ps.arn, "", &sources)
}

#[cfg(test)]
mod tests;
