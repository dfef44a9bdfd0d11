//! `access check`: every live Identity Center assignment evaluated against
//! the access policies. Default deny: an assignment no policy permits, or
//! one a policy forbids, is a finding.

use cedar_policy::{Authorizer, Decision, EntityUid, Request};
use serde::Serialize;

use super::entities::{self, ACCOUNT, ACTION, AccessModel, GROUP, PermissionSetFacts, USER};
use super::policies::{ACCESS_FILE, AccessPolicies};
use crate::diagnostics::{Finding, Severity, Subject};
use crate::error::{Error, Result};
use crate::org::{Assignment, PrincipalType, Snapshot};

/// The lint code of an assignment the access policies do not allow.
pub const CODE: &str = "SSO100";

/// What the policies decided about one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub allowed: bool,
    /// The policies that decided: the permits of an allow, the forbids of a
    /// deny (empty when nothing permitted it), sorted.
    pub policies: Vec<String>,
    /// Policies that failed to evaluate (Cedar skips them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Why the question could not be put to the policies at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unresolved: Option<String>,
}

/// One evaluated assignment (or, with --expand-groups, one user's share of
/// a group assignment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluated {
    /// `user` or `group`.
    pub principal_type: &'static str,
    /// The user name or group name (the id when it is not in the store).
    pub principal: String,
    pub principal_id: String,
    /// The group the user holds the assignment through.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via_group: Option<String>,
    pub permission_set: String,
    pub permission_set_arn: String,
    pub account_id: String,
    pub account_name: String,
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// Puts one question to the policies.
pub fn decide(
    model: &AccessModel<'_>,
    policies: &AccessPolicies,
    principal: EntityUid,
    permission_set: &PermissionSetFacts<'_>,
    account_id: &str,
    direct: bool,
) -> Result<Verdict> {
    let context = entities::context(permission_set, direct)?;
    let action = entities::uid(ACTION, permission_set.name)?;
    let resource = entities::uid(ACCOUNT, account_id)?;
    let request =
        Request::new(principal, action, resource, context, Some(&model.schema)).map_err(|e| {
            Error::invalid(
                format!("cannot ask the access policies: {e}"),
                "this is a bug in orgguard; please report it",
            )
        })?;
    let response = Authorizer::new().is_authorized(&request, &policies.set, &model.entities);
    let mut decided: Vec<String> = response
        .diagnostics()
        .reason()
        .map(|id| id.to_string())
        .collect();
    decided.sort();
    let mut errors: Vec<String> = response
        .diagnostics()
        .errors()
        .map(|e| e.to_string())
        .collect();
    errors.sort();
    Ok(Verdict {
        allowed: response.decision() == Decision::Allow,
        policies: decided,
        errors,
        unresolved: None,
    })
}

fn unresolved(reason: String) -> Verdict {
    Verdict {
        allowed: false,
        policies: vec![],
        errors: vec![],
        unresolved: Some(reason),
    }
}

/// Every assignment of the snapshot with its verdict; with `expand_groups`
/// each member of an assigned group is evaluated as well.
pub fn evaluate_assignments(
    model: &AccessModel<'_>,
    policies: &AccessPolicies,
    expand_groups: bool,
) -> Result<Vec<Evaluated>> {
    let Some(ic) = &model.snapshot.identity_center else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for assignment in &ic.assignments {
        evaluate_one(model, policies, assignment, expand_groups, &mut out)?;
    }
    Ok(out)
}

fn evaluate_one(
    model: &AccessModel<'_>,
    policies: &AccessPolicies,
    assignment: &Assignment,
    expand_groups: bool,
    out: &mut Vec<Evaluated>,
) -> Result<()> {
    let ps = model.permission_set(&assignment.permission_set_arn);
    let account = model.account(&assignment.account_id);
    let base = Evaluated {
        principal_type: match assignment.principal_type {
            PrincipalType::User => "user",
            PrincipalType::Group => "group",
        },
        principal: assignment.principal_id.clone(),
        principal_id: assignment.principal_id.clone(),
        via_group: None,
        permission_set: ps
            .map(|p| p.name.clone())
            .unwrap_or_else(|| assignment.permission_set_arn.clone()),
        permission_set_arn: assignment.permission_set_arn.clone(),
        account_id: assignment.account_id.clone(),
        account_name: account.map(|a| a.name.clone()).unwrap_or_default(),
        verdict: unresolved(String::new()),
    };
    let (Some(ps), Some(_)) = (ps, account) else {
        let reason = if ps.is_none() {
            "its permission set is not in the snapshot"
        } else {
            "its account is not in the organization"
        };
        out.push(Evaluated {
            verdict: unresolved(reason.to_string()),
            ..base
        });
        return Ok(());
    };
    let facts = PermissionSetFacts::of(ps);
    match assignment.principal_type {
        PrincipalType::User => {
            let Some(user) = model.user(&assignment.principal_id) else {
                out.push(Evaluated {
                    verdict: unresolved("the user is not in the identity store".to_string()),
                    ..base
                });
                return Ok(());
            };
            let verdict = decide(
                model,
                policies,
                entities::uid(USER, &user.user_name)?,
                &facts,
                &assignment.account_id,
                true,
            )?;
            out.push(Evaluated {
                principal: user.user_name.clone(),
                verdict,
                ..base
            });
        }
        PrincipalType::Group => {
            let Some(group) = model.group(&assignment.principal_id) else {
                out.push(Evaluated {
                    verdict: unresolved("the group is not in the identity store".to_string()),
                    ..base
                });
                return Ok(());
            };
            let verdict = decide(
                model,
                policies,
                entities::uid(GROUP, &group.display_name)?,
                &facts,
                &assignment.account_id,
                true,
            )?;
            out.push(Evaluated {
                principal: group.display_name.clone(),
                verdict,
                ..base.clone()
            });
            if expand_groups {
                for user in model.members(group) {
                    let verdict = decide(
                        model,
                        policies,
                        entities::uid(USER, &user.user_name)?,
                        &facts,
                        &assignment.account_id,
                        false,
                    )?;
                    out.push(Evaluated {
                        principal_type: "user",
                        principal: user.user_name.clone(),
                        principal_id: user.id.clone(),
                        via_group: Some(group.display_name.clone()),
                        verdict,
                        ..base.clone()
                    });
                }
            }
        }
    }
    Ok(())
}

/// The findings of `access check`: one per assignment the policies do not
/// allow, sorted by account, permission set and principal.
pub fn check_assignments(
    snapshot: &Snapshot,
    policies: &AccessPolicies,
    expand_groups: bool,
) -> Result<Vec<Finding>> {
    let model = AccessModel::build(snapshot, &policies.declared)?;
    let evaluated = evaluate_assignments(&model, policies, expand_groups)?;
    Ok(findings(&evaluated, policies))
}

pub fn findings(evaluated: &[Evaluated], policies: &AccessPolicies) -> Vec<Finding> {
    let mut out: Vec<Finding> = evaluated
        .iter()
        .filter(|e| !e.verdict.allowed)
        .map(|e| finding(e, policies))
        .collect();
    out.sort_by(|a, b| {
        (&a.subject.account_id, &a.subject.resource, &a.message).cmp(&(
            &b.subject.account_id,
            &b.subject.resource,
            &b.message,
        ))
    });
    out
}

fn finding(e: &Evaluated, policies: &AccessPolicies) -> Finding {
    let account = if e.account_name.is_empty() {
        e.account_id.clone()
    } else {
        format!("{} ({})", e.account_name, e.account_id)
    };
    let how = match &e.via_group {
        Some(group) => format!(" through group {group}"),
        None if e.principal_type == "user" => " directly".to_string(),
        None => String::new(),
    };
    let why = match &e.verdict.unresolved {
        Some(reason) => format!("{reason}, so no policy can permit it"),
        None if e.verdict.policies.is_empty() => "no policy permits it".to_string(),
        None => {
            let names: Vec<String> = e
                .verdict
                .policies
                .iter()
                .map(|id| policies.describe(id))
                .collect();
            format!("forbidden by {}", names.join(", "))
        }
    };
    let mut message = format!(
        "{} {} holds {} on {account}{how}: {why}",
        e.principal_type, e.principal, e.permission_set
    );
    if !e.verdict.errors.is_empty() {
        message.push_str(&format!(
            " (policies that failed to evaluate: {})",
            e.verdict.errors.join("; ")
        ));
    }
    let first = e
        .verdict
        .policies
        .first()
        .and_then(|id| policies.info.get(id));
    let help = match (&e.verdict.unresolved, first) {
        (Some(_), _) => "remove the stale assignment in Identity Center".to_string(),
        (None, Some(policy)) => format!(
            "remove the assignment, or change policy `{}` if this access is intended",
            policy.id
        ),
        (None, None) => {
            // Explain asks about the assigned principal, so name the group
            // a user holds the assignment through.
            let principal = match &e.via_group {
                Some(group) => format!("group:{group}"),
                None => format!("{}:{}", e.principal_type, e.principal),
            };
            format!(
                "remove the assignment, or permit it in {ACCESS_FILE}; `orgguard access explain --principal {principal} --permission-set {} --account {}` shows the decision",
                e.permission_set, e.account_id
            )
        }
    };
    Finding {
        code: CODE.to_string(),
        severity: Severity::High,
        message,
        subject: Subject {
            file: Some(policies.file.clone()),
            line: first.map(|p| p.line),
            column: first.map(|p| p.column),
            // The assignment itself, so the audit inventory puts the code on
            // its row; a user's share of a group assignment names the set.
            resource: Some(match &e.via_group {
                None => crate::diagnostics::assignment_resource(
                    &e.account_id,
                    &e.permission_set_arn,
                    &e.principal_type.to_uppercase(),
                    &e.principal_id,
                ),
                Some(_) => e.permission_set_arn.clone(),
            }),
            account_id: Some(e.account_id.clone()),
            region: None,
            span: None,
        },
        help,
        fingerprint: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::declared::Actions;
    use crate::org::load::parse_snapshot;

    const LIVE: &str = include_str!("../../tests/fixtures/access/live.json");

    const POLICIES: &str = r#"
@id("auditors-read")
permit (principal in Group::"auditors", action == Action::"ReadOnlyAccess", resource);

@id("admins-in-sdlc")
permit (principal in Group::"platform-admins", action in Action::"write", resource in OU::"Foundational/Workloads/SDLC");

@id("admins-in-production")
permit (principal in Group::"platform-admins", action == Action::"AdministratorAccess", resource in OU::"Foundational/Workloads/Production");

@id("only-break-glass-writes-production")
forbid (principal, action in Action::"write", resource in OU::"Foundational/Workloads/Production")
unless { principal in Group::"break-glass" };

@id("no-direct")
forbid (principal is User, action, resource) when { context.direct };
"#;

    fn snapshot() -> Snapshot {
        parse_snapshot("live.json", LIVE).expect("fixture parses")
    }

    fn policies() -> AccessPolicies {
        let mut declared = Actions::default();
        declared.groups.insert(
            "write".into(),
            [
                "AdministratorAccess".to_string(),
                "PowerUserAccess".to_string(),
            ]
            .into(),
        );
        AccessPolicies::parse("policies/access.cedar", POLICIES)
            .expect("policies parse")
            .with_declared(declared)
    }

    fn ask(
        model: &AccessModel<'_>,
        principal: EntityUid,
        set: &str,
        account: &str,
        direct: bool,
    ) -> Verdict {
        let ic = model
            .snapshot
            .identity_center
            .as_ref()
            .expect("identity center");
        let ps = ic
            .permission_sets
            .iter()
            .find(|p| p.name == set)
            .expect("permission set");
        decide(
            model,
            &policies(),
            principal,
            &PermissionSetFacts::of(ps),
            account,
            direct,
        )
        .expect("decides")
    }

    #[test]
    fn a_permit_allows_and_is_named() {
        let snapshot = snapshot();
        let model = AccessModel::build(&snapshot, &policies().declared).expect("model");
        let v = ask(
            &model,
            entities::uid(GROUP, "auditors").unwrap(),
            "ReadOnlyAccess",
            "200000000001",
            true,
        );
        assert!(v.allowed);
        assert_eq!(v.policies, ["auditors-read"]);
        // Members of the group are permitted through it.
        let v = ask(
            &model,
            entities::uid(USER, "cat").unwrap(),
            "ReadOnlyAccess",
            "200000000001",
            false,
        );
        assert!(v.allowed);
    }

    #[test]
    fn a_forbid_beats_a_permit_and_nothing_permitted_is_denied() {
        let snapshot = snapshot();
        let model = AccessModel::build(&snapshot, &policies().declared).expect("model");
        let group = entities::uid(GROUP, "platform-admins").unwrap();
        let v = ask(
            &model,
            group.clone(),
            "AdministratorAccess",
            "200000000001",
            true,
        );
        assert!(!v.allowed);
        assert_eq!(v.policies, ["only-break-glass-writes-production"]);
        // ann is also in break-glass, so the forbid does not apply to her.
        let v = ask(
            &model,
            entities::uid(USER, "ann").unwrap(),
            "AdministratorAccess",
            "200000000001",
            false,
        );
        assert!(v.allowed, "{v:?}");
        assert_eq!(v.policies, ["admins-in-production"]);
        // The action group covers PowerUserAccess in SDLC; tools is not in SDLC.
        assert!(
            ask(
                &model,
                group.clone(),
                "PowerUserAccess",
                "200000000002",
                true
            )
            .allowed
        );
        let v = ask(&model, group, "PowerUserAccess", "200000000003", true);
        assert!(!v.allowed);
        assert!(v.policies.is_empty());
    }

    #[test]
    fn check_reports_exactly_the_denied_assignments() {
        let findings = check_assignments(&snapshot(), &policies(), false).expect("checks");
        let denied: Vec<&str> = findings
            .iter()
            .map(|f| f.message.split(':').next().unwrap_or_default())
            .collect();
        assert_eq!(
            denied,
            [
                "group break-glass holds AdministratorAccess on shop-prod (200000000001)",
                "group platform-admins holds AdministratorAccess on shop-prod (200000000001)",
                "group developers holds PowerUserAccess on shop-prod (200000000001)",
                "user dan holds AdministratorAccess on shop-dev (200000000002) directly",
                "group developers holds PowerUserAccess on shop-dev (200000000002)",
                "user u-ghost holds ReadOnlyAccess on shop-dev (200000000002) directly",
                "group platform-admins holds AdministratorAccess on tools (200000000003)",
                "group developers holds ReadOnlyAccess on tools (200000000003)",
                "group platform-admins holds AdministratorAccess on old-dev (200000000004)",
            ]
        );
        assert!(
            findings
                .iter()
                .all(|f| f.code == CODE && f.severity == Severity::High)
        );
        let dan = &findings[3];
        assert!(
            dan.message
                .ends_with("forbidden by `no-direct` (policies/access.cedar:15)"),
            "{}",
            dan.message
        );
        assert_eq!(
            (dan.subject.line, dan.subject.account_id.as_deref()),
            (Some(15), Some("200000000002"))
        );
        assert!(findings[0].message.ends_with("no policy permits it"));
        assert_eq!(findings[0].subject.line, None);
        assert!(findings[5].message.contains("not in the identity store"));
    }

    #[test]
    fn expanding_groups_evaluates_members_as_not_direct() {
        let snapshot = snapshot();
        let model = AccessModel::build(&snapshot, &policies().declared).expect("model");
        let plain = evaluate_assignments(&model, &policies(), false).expect("evaluates");
        let expanded = evaluate_assignments(&model, &policies(), true).expect("evaluates");
        assert_eq!(plain.len(), 12);
        // Group assignments times members: auditors 2 x 1, platform-admins
        // 4 x 1, break-glass 1 x 1, developers 3 x 2.
        assert_eq!(expanded.len(), 12 + 2 + 4 + 1 + 6);
        let ben: Vec<&Evaluated> = expanded.iter().filter(|e| e.principal == "ben").collect();
        assert!(
            ben.iter()
                .all(|e| e.via_group.as_deref() == Some("developers"))
        );
        // Not direct, so `no-direct` does not forbid them.
        assert!(
            ben.iter()
                .all(|e| !e.verdict.policies.contains(&"no-direct".to_string()))
        );
    }
}

/// What `orgguard access check` reports.
#[derive(Serialize)]
pub struct CheckReport<'a> {
    pub checked: usize,
    pub allowed: usize,
    pub not_allowed: usize,
    pub findings: &'a [Finding],
    pub assignments: &'a [Evaluated],
    /// Whether group members were evaluated as principals.
    #[serde(skip)]
    pub expand_groups: bool,
    /// Text leaves out the summary line when nothing is wrong.
    #[serde(skip)]
    pub quiet: bool,
}

impl<'a> CheckReport<'a> {
    pub fn new(findings: &'a [Finding], assignments: &'a [Evaluated]) -> Self {
        let allowed = assignments.iter().filter(|e| e.verdict.allowed).count();
        CheckReport {
            checked: assignments.len(),
            allowed,
            not_allowed: assignments.len() - allowed,
            findings,
            assignments,
            expand_groups: false,
            quiet: false,
        }
    }
}
