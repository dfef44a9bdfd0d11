//! Permission sets: matched by name, compared attribute by attribute (the
//! inline policy by meaning, so formatting is never drift).

use std::collections::{BTreeMap, BTreeSet};

use super::ic_change::{IcChange, PermissionSetEdit};
use crate::layout::model::identity_center::{DEFAULT_SESSION_DURATION, DesiredPermissionSet};
use crate::org::PermissionSet;
use crate::policy::canonical::canonical_of_text;

/// The change that creates `desired`.
pub fn create(desired: &DesiredPermissionSet) -> IcChange {
    IcChange::CreatePermissionSet {
        name: desired.name.clone(),
        description: desired.description.clone(),
        session_duration: desired.session_duration.clone(),
        relay_state: desired.relay_state.clone(),
        managed_policies: desired.managed_policies.clone(),
        customer_managed_policies: desired.customer_managed_policies.clone(),
        inline_policy: desired.inline_policy.clone(),
        permissions_boundary: desired.permissions_boundary.clone(),
        tags: desired.tags.clone(),
    }
}

fn same_document(a: &str, b: &str) -> bool {
    match (canonical_of_text(a), canonical_of_text(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

/// What must change for `live` to match `desired`, attribute by attribute.
/// A relay state the layout leaves out is not managed (AWS cannot unset it);
/// nor are the tags of a set the layout gives none.
pub fn edits(desired: &DesiredPermissionSet, live: &PermissionSet) -> Vec<PermissionSetEdit> {
    let mut out = Vec::new();
    if desired.description != live.description {
        out.push(PermissionSetEdit::Description {
            from: live.description.clone(),
            to: desired.description.clone(),
        });
    }
    let live_duration = live
        .session_duration
        .clone()
        .unwrap_or_else(|| DEFAULT_SESSION_DURATION.to_string());
    if desired.session_duration != live_duration {
        out.push(PermissionSetEdit::SessionDuration {
            from: live_duration,
            to: desired.session_duration.clone(),
        });
    }
    if let Some(to) = &desired.relay_state
        && live.relay_state.as_ref() != Some(to)
    {
        out.push(PermissionSetEdit::RelayState {
            from: live.relay_state.clone(),
            to: to.clone(),
        });
    }
    let want: BTreeSet<&String> = desired.managed_policies.iter().collect();
    let have: BTreeSet<&String> = live.managed_policies.iter().collect();
    for arn in want.difference(&have) {
        out.push(PermissionSetEdit::AttachManagedPolicy {
            arn: (*arn).clone(),
        });
    }
    for arn in have.difference(&want) {
        out.push(PermissionSetEdit::DetachManagedPolicy {
            arn: (*arn).clone(),
        });
    }
    let want: BTreeSet<_> = desired.customer_managed_policies.iter().collect();
    let have: BTreeSet<_> = live.customer_managed_policies.iter().collect();
    for r in want.difference(&have) {
        out.push(PermissionSetEdit::AttachCustomerManagedPolicy {
            reference: (*r).clone(),
        });
    }
    for r in have.difference(&want) {
        out.push(PermissionSetEdit::DetachCustomerManagedPolicy {
            reference: (*r).clone(),
        });
    }
    match (&desired.inline_policy, &live.inline_policy) {
        (Some(new), Some(old)) if same_document(new, old) => {}
        (Some(new), old) => out.push(PermissionSetEdit::PutInlinePolicy {
            old: old.clone(),
            new: new.clone(),
        }),
        (None, Some(old)) => out.push(PermissionSetEdit::DeleteInlinePolicy { old: old.clone() }),
        (None, None) => {}
    }
    match (&desired.permissions_boundary, &live.permissions_boundary) {
        (Some(new), Some(old)) if new == old => {}
        (Some(new), old) => out.push(PermissionSetEdit::PutPermissionsBoundary {
            old: old.clone(),
            new: new.clone(),
        }),
        (None, Some(old)) => {
            out.push(PermissionSetEdit::DeletePermissionsBoundary { old: old.clone() })
        }
        (None, None) => {}
    }
    if !desired.tags.is_empty() {
        let changed: BTreeMap<String, String> = desired
            .tags
            .iter()
            .filter(|(k, v)| live.tags.get(*k) != Some(*v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !changed.is_empty() {
            let from = changed
                .keys()
                .filter_map(|k| live.tags.get(k).map(|v| (k.clone(), v.clone())))
                .collect();
            out.push(PermissionSetEdit::Tag {
                tags: changed,
                from,
            });
        }
        let gone: Vec<String> = live
            .tags
            .keys()
            .filter(|k| !desired.tags.contains_key(*k))
            .cloned()
            .collect();
        if !gone.is_empty() {
            out.push(PermissionSetEdit::Untag { keys: gone });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::PolicyReference;

    fn desired() -> DesiredPermissionSet {
        DesiredPermissionSet {
            name: "Billing".into(),
            description: "Billing".into(),
            session_duration: "PT1H".into(),
            relay_state: None,
            managed_policies: vec!["arn:aws:iam::aws:policy/job-function/Billing".into()],
            customer_managed_policies: vec![],
            inline_policy: Some(r#"{"Version":"2012-10-17","Statement":[]}"#.into()),
            permissions_boundary: None,
            tags: Default::default(),
        }
    }

    fn live() -> PermissionSet {
        PermissionSet {
            arn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1".into(),
            name: "Billing".into(),
            description: "Billing".into(),
            session_duration: None,
            relay_state: Some("https://console.aws.amazon.com/billing".into()),
            managed_policies: vec!["arn:aws:iam::aws:policy/job-function/Billing".into()],
            customer_managed_policies: vec![],
            inline_policy: Some("{\n  \"Statement\": [],\n  \"Version\": \"2012-10-17\"\n}".into()),
            permissions_boundary: None,
            tags: Default::default(),
            provisioned_accounts: vec![],
            outdated_accounts: vec![],
        }
    }

    #[test]
    fn formatting_and_unmanaged_relay_state_are_not_drift() {
        assert_eq!(edits(&desired(), &live()), vec![]);
    }

    #[test]
    fn each_changed_attribute_is_one_edit() {
        let mut d = desired();
        d.session_duration = "PT4H".into();
        d.managed_policies = vec!["arn:aws:iam::aws:policy/ReadOnlyAccess".into()];
        d.customer_managed_policies = vec![PolicyReference {
            name: "billing-extra".into(),
            path: "/".into(),
        }];
        d.inline_policy = Some(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#.into());
        let lines: Vec<String> = edits(&d, &live()).iter().map(|e| e.line()).collect();
        assert_eq!(
            lines,
            [
                "session duration: PT1H → PT4H",
                "+ managed policy arn:aws:iam::aws:policy/ReadOnlyAccess",
                "- managed policy arn:aws:iam::aws:policy/job-function/Billing",
                "+ customer managed policy /billing-extra",
                "~ inline policy (diff below)",
            ]
        );
    }

    #[test]
    fn tags_are_exact_when_declared_and_left_alone_when_not() {
        let mut l = live();
        l.tags = [("owner", "finance"), ("legacy", "yes")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        // No tags declared: live tags are not drift.
        assert_eq!(edits(&desired(), &l), vec![]);
        let mut d = desired();
        d.tags = [("owner", "fin-ops"), ("team", "billing")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let lines: Vec<String> = edits(&d, &l).iter().map(|e| e.line()).collect();
        assert_eq!(
            lines,
            [
                "tags: owner=finance → owner=fin-ops, +team=billing",
                "untag: legacy",
            ]
        );
    }
}
