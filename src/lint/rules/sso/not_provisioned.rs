use std::collections::{BTreeSet, HashMap, HashSet};

use super::Directory;
use crate::diagnostics::{Severity, Subject};
use crate::lint::context::Context;
use crate::lint::registry::{Area, Docs, Needs, Out, Rule};

pub const RULE: Rule = Rule {
    code: "SSO003",
    name: "permission-set-not-provisioned",
    area: Area::Sso,
    severity: Severity::Medium,
    needs: Needs::Live,
    summary: "A permission set is outdated or not provisioned on an account it is assigned on",
    docs: Docs {
        what: "For each (permission set, account) pair that has assignments, reports when the permission set is not provisioned to the account at all, or its provisioning is outdated (LATEST_PERMISSION_SET_NOT_PROVISIONED): the account still has the role as it was before the last edit.",
        why: "An outdated permission set means the edit you reviewed — often a tightening — never reached the account; users keep the old permissions. A missing one means the assignment gives no access at all, which people then work around.",
        example: "`PowerUserAccess` was changed to deny IAM writes, but account 777777777777 still runs the previous version.",
        fix: "Provision the permission set to the account (`aws sso-admin provision-permission-set --target-type AWS_ACCOUNT`), or to all provisioned accounts.",
    },
    check,
};

fn check(ctx: &Context, out: &mut Out) {
    let Some(dir) = Directory::of(ctx.live) else {
        return;
    };
    let sets: HashMap<&str, (Accounts, Accounts)> = dir
        .permission_sets
        .iter()
        .map(|(arn, ps)| {
            let provisioned = Accounts::of(&ps.provisioned_accounts);
            let outdated = Accounts::of(&ps.outdated_accounts);
            (*arn, (provisioned, outdated))
        })
        .collect();
    // Only the pairs to report are collected and ordered: an organization
    // has tens of thousands of assignments, nearly all provisioned.
    let mut pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
    let mut last: Option<(&str, &(Accounts, Accounts))> = None;
    for a in &dir.ic.assignments {
        let ps_arn = a.permission_set_arn.as_str();
        let account = a.account_id.as_str();
        // Assignments come grouped, so the previous set is usually this one.
        let found = match last {
            Some((arn, sets)) if arn == ps_arn => Some(sets),
            _ => sets.get(ps_arn),
        };
        let Some(found) = found else { continue };
        last = Some((ps_arn, found));
        let (provisioned, outdated) = found;
        if outdated.contains(account) || !provisioned.contains(account) {
            pairs.insert((ps_arn, account));
        }
    }
    for (ps_arn, account) in pairs {
        let (Some(ps), Some((provisioned, outdated))) =
            (dir.permission_sets.get(ps_arn), sets.get(ps_arn))
        else {
            continue;
        };
        let state = if outdated.contains(account) {
            "is outdated on"
        } else if !provisioned.contains(account) {
            "is not provisioned to"
        } else {
            continue;
        };
        out.report(
            Subject {
                resource: Some(ps.arn.clone()),
                account_id: Some(account.to_string()),
                ..Subject::default()
            },
            format!("permission set {} {state} account {account}, where it is assigned", ps.name),
            format!("provision it: aws sso-admin provision-permission-set --permission-set-arn {} --target-type AWS_ACCOUNT --target-id {account}", ps.arn),
        );
    }
}

/// The accounts a permission set is provisioned (or outdated) on, to ask
/// about one account at a time. Snapshots keep these lists sorted, so a
/// binary search needs no set of the tens of thousands of ids; a list that
/// is not sorted (an edited file) gets one.
enum Accounts<'a> {
    Sorted(&'a [String]),
    Set(HashSet<&'a str>),
}

impl<'a> Accounts<'a> {
    fn of(list: &'a [String]) -> Self {
        if list.is_sorted() {
            Accounts::Sorted(list)
        } else {
            Accounts::Set(list.iter().map(String::as_str).collect())
        }
    }

    fn contains(&self, account: &str) -> bool {
        match self {
            Accounts::Sorted(list) => list.binary_search_by(|a| a.as_str().cmp(account)).is_ok(),
            Accounts::Set(set) => set.contains(account),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::lint::testing::*;
    use crate::model::PrincipalType;

    #[test]
    fn fires_for_outdated_and_missing_provisioning() {
        let mut snap = with_identity_center(vec![
            assignment(PROD, PrincipalType::Group, "g-admins"),
            assignment(PROD, PrincipalType::User, "u-alice"),
        ]);
        assert!(run_live(&RULE, &snap, &crate::lint::LintConfig::defaults()).is_empty());
        if let Some(ic) = snap.identity_center.as_mut() {
            ic.assignments
                .push(assignment(SANDBOX, PrincipalType::Group, "g-admins"));
            ic.permission_sets[0].outdated_accounts.push(PROD.into());
        }
        let found = run_live(&RULE, &snap, &crate::lint::LintConfig::defaults());
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0].message,
            format!("permission set Admin is outdated on account {PROD}, where it is assigned")
        );
        assert!(
            found[1]
                .message
                .contains(&format!("is not provisioned to account {SANDBOX}"))
        );
    }

    #[test]
    fn account_lists_answer_alike_sorted_or_not() {
        let sorted: Vec<String> = ["1", "3", "5"].map(String::from).to_vec();
        let unsorted: Vec<String> = ["5", "1", "3"].map(String::from).to_vec();
        for list in [&sorted, &unsorted] {
            let accounts = Accounts::of(list);
            assert!(accounts.contains("3") && accounts.contains("5"));
            assert!(!accounts.contains("2") && !accounts.contains(""));
        }
        assert!(matches!(Accounts::of(&unsorted), Accounts::Set(_)));
    }
}
