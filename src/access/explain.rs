//! `access explain`: the decision, and the policies behind it, for a
//! question that need not be an assignment yet — what a reviewer asks
//! before granting access.

use cedar_policy::EntityUid;
use serde::Serialize;

use super::check::{self, Verdict};
use super::entities::{self, AccessModel, GROUP, PermissionSetFacts, USER};
use super::policies::AccessPolicies;
use crate::error::{Error, Result};
use crate::org::Account;
use crate::suggest::closest;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// `user` or `group`.
    pub principal_type: &'static str,
    pub principal: String,
    pub permission_set: String,
    /// False when the permission set is only declared in ou-layout.toml:
    /// policies then see it with no attached policies.
    pub permission_set_exists: bool,
    pub account_id: String,
    pub account_name: String,
    #[serde(flatten)]
    pub verdict: Verdict,
    /// The deciding policies with their place in the file.
    pub deciding: Vec<DecidingPolicy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecidingPolicy {
    pub id: String,
    /// `permit` or `forbid`.
    pub effect: &'static str,
    pub file: String,
    pub line: usize,
    pub column: usize,
}

pub fn explain(
    model: &AccessModel<'_>,
    policies: &AccessPolicies,
    principal: &str,
    permission_set: &str,
    account: &str,
) -> Result<Explanation> {
    let (principal_type, name, uid) = resolve_principal(model, principal)?;
    let account = resolve_account(model, account)?;
    let live = model
        .snapshot
        .identity_center
        .as_ref()
        .and_then(|ic| ic.permission_sets.iter().find(|p| p.name == permission_set));
    let facts = match live {
        Some(ps) => PermissionSetFacts::of(ps),
        None if model.actions.permission_sets.contains(permission_set) => PermissionSetFacts {
            name: permission_set,
            ..Default::default()
        },
        None => {
            let help = match closest(permission_set, model.actions.permission_sets.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "name a permission set of the snapshot or one declared in [access] permission_sets of ou-layout.toml".to_string(),
            };
            return Err(Error::invalid(
                format!("no permission set is named `{permission_set}`"),
                help,
            ));
        }
    };
    let verdict = check::decide(model, policies, uid, &facts, &account.id, true)?;
    let deciding = verdict
        .policies
        .iter()
        .filter_map(|id| policies.info.get(id))
        .map(|info| DecidingPolicy {
            id: info.id.clone(),
            effect: match info.effect {
                cedar_policy::Effect::Permit => "permit",
                cedar_policy::Effect::Forbid => "forbid",
            },
            file: policies.file.clone(),
            line: info.line,
            column: info.column,
        })
        .collect();
    Ok(Explanation {
        principal_type,
        principal: name,
        permission_set: permission_set.to_string(),
        permission_set_exists: live.is_some(),
        account_id: account.id.clone(),
        account_name: account.name.clone(),
        verdict,
        deciding,
    })
}

/// `user:NAME`, `group:NAME`, `User::"NAME"`, `Group::"NAME"`, or a bare
/// name that is either a user or a group (not both).
fn resolve_principal(
    model: &AccessModel<'_>,
    text: &str,
) -> Result<(&'static str, String, EntityUid)> {
    let ic = model.snapshot.identity_center.as_ref();
    let users: Vec<&str> = ic
        .map(|ic| ic.users.iter().map(|u| u.user_name.as_str()).collect())
        .unwrap_or_default();
    let groups: Vec<&str> = ic
        .map(|ic| ic.groups.iter().map(|g| g.display_name.as_str()).collect())
        .unwrap_or_default();
    let (kind, name) = split_principal(text);
    let is_user = users.contains(&name);
    let is_group = groups.contains(&name);
    let pick = match kind {
        Some(USER) if is_user => USER,
        Some(GROUP) if is_group => GROUP,
        None if is_user && is_group => {
            return Err(Error::invalid(
                format!("`{name}` is both a user and a group"),
                format!("write user:{name} or group:{name}"),
            ));
        }
        None if is_user => USER,
        None if is_group => GROUP,
        _ => {
            let candidates: Vec<&str> = match kind {
                Some(USER) => users.clone(),
                Some(GROUP) => groups.clone(),
                _ => users.iter().chain(groups.iter()).copied().collect(),
            };
            let what = match kind {
                Some(USER) => "user",
                Some(GROUP) => "group",
                _ => "user or group",
            };
            let help = match closest(name, candidates.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "name a user (user:NAME) or a group (group:NAME) of the snapshot's Identity Center".to_string(),
            };
            return Err(Error::invalid(format!("no {what} is named `{name}`"), help));
        }
    };
    let label = if pick == USER { "user" } else { "group" };
    Ok((label, name.to_string(), entities::uid(pick, name)?))
}

fn split_principal(text: &str) -> (Option<&'static str>, &str) {
    for (prefix, kind) in [
        ("user:", USER),
        ("group:", GROUP),
        ("User::", USER),
        ("Group::", GROUP),
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let name = rest
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .unwrap_or(rest);
            return (Some(kind), name);
        }
    }
    (None, text)
}

fn resolve_account<'a>(model: &AccessModel<'a>, text: &str) -> Result<&'a Account> {
    let accounts = &model.snapshot.accounts;
    if let Some(a) = accounts.iter().find(|a| a.id == text || a.name == text) {
        return Ok(a);
    }
    let help = match closest(text, accounts.iter().map(|a| a.name.as_str())) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "name an account of the snapshot by its 12-digit id or its name".to_string(),
    };
    Err(Error::invalid(format!("no account is `{text}`"), help))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::declared::Actions;
    use crate::org::load::parse_snapshot;

    const LIVE: &str = include_str!("../../tests/fixtures/access/live.json");
    const POLICIES: &str = r#"@id("devs-read")
permit (principal in Group::"developers", action == Action::"ReadOnlyAccess", resource);
"#;

    #[test]
    fn principals_are_named_in_every_accepted_form() {
        let snapshot = parse_snapshot("live.json", LIVE).expect("fixture");
        let model = AccessModel::build(&snapshot, &Actions::default()).expect("model");
        let policies = AccessPolicies::parse("a.cedar", POLICIES).expect("parses");
        for principal in ["user:dan", "User::\"dan\"", "dan"] {
            let e =
                explain(&model, &policies, principal, "ReadOnlyAccess", "tools").expect(principal);
            assert_eq!((e.principal_type, e.principal.as_str()), ("user", "dan"));
            assert!(e.verdict.allowed, "{principal}");
            assert_eq!(e.deciding[0].id, "devs-read");
            assert_eq!(e.deciding[0].line, 1);
        }
        let e = explain(
            &model,
            &policies,
            "group:auditors",
            "ReadOnlyAccess",
            "200000000003",
        )
        .expect("auditors");
        assert!(!e.verdict.allowed);
        assert!(e.deciding.is_empty());
        let error = explain(
            &model,
            &policies,
            "user:developers",
            "ReadOnlyAccess",
            "tools",
        )
        .expect_err("not a user");
        assert!(error.to_string().contains("no user is named `developers`"));
        let error =
            explain(&model, &policies, "dan", "ReadOnlyAcces", "tools").expect_err("unknown set");
        assert!(
            format!(
                "{:?}",
                miette::Diagnostic::help(&error).map(|h| h.to_string())
            )
            .contains("ReadOnlyAccess")
        );
    }
}
