use std::collections::BTreeSet;

use crate::checks::context::Context;
use crate::checks::registry::{Area, Docs, Needs, Out, Rule};
use crate::diagnostics::{Severity, Subject};

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
    let Some(dir) = ctx.directory() else {
        return;
    };
    let arns: Vec<&str> = dir.permission_sets.keys().copied().collect();
    let index: foldhash::HashMap<&str, usize> =
        arns.iter().enumerate().map(|(i, a)| (*a, i)).collect();
    let mut sets: Vec<(Accounts, Accounts)> = arns
        .iter()
        .map(|arn| {
            let ps = dir.permission_sets[arn];
            (
                Accounts::of(&ps.provisioned_accounts),
                Accounts::of(&ps.outdated_accounts),
            )
        })
        .collect();
    // Only the pairs to report are collected and ordered: an organization
    // has tens of thousands of assignments, nearly all provisioned.
    let mut pairs: BTreeSet<(&str, &str, &str)> = BTreeSet::new();
    let mut last: Option<(&str, usize)> = None;
    for a in &dir.ic.assignments {
        let ps_arn = a.permission_set_arn.as_str();
        let account = a.account_id.as_str();
        // Assignments come grouped, so the previous set is usually this one.
        let found = match last {
            Some((arn, i)) if arn == ps_arn => Some(i),
            _ => index.get(ps_arn).copied(),
        };
        let Some(i) = found else { continue };
        last = Some((ps_arn, i));
        let (provisioned, outdated) = &mut sets[i];
        let state = if outdated.contains(account) {
            "is outdated on"
        } else if !provisioned.contains(account) {
            "is not provisioned to"
        } else {
            continue;
        };
        pairs.insert((ps_arn, account, state));
    }
    for (ps_arn, account, state) in pairs {
        let Some(ps) = dir.permission_sets.get(ps_arn) else {
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
/// about one account at a time. Snapshots keep these lists sorted, and
/// their assignments sorted by account, so each question starts where the
/// last one ended and gallops forward: a few neighbouring ids are
/// compared, not a binary search's scattered ones across tens of
/// thousands. A yes found that way is right however the list is ordered;
/// a no is checked against a set, built the first time one is needed, so
/// a list that is not sorted (an edited file) still gets right answers,
/// and a sorted one is never walked whole to prove it sorted.
struct Accounts<'a> {
    list: &'a [String],
    from: usize,
    set: Option<foldhash::HashSet<&'a str>>,
}

impl<'a> Accounts<'a> {
    fn of(list: &'a [String]) -> Self {
        Accounts {
            list,
            from: 0,
            set: None,
        }
    }

    fn contains(&mut self, account: &str) -> bool {
        let list = self.list;
        // An account before the last one asked about searches from the
        // start; answers are right in any order.
        let start = match self.from.checked_sub(1).map(|i| list[i].as_str()) {
            Some(previous) if previous >= account => 0,
            _ => self.from,
        };
        let rest = &list[start..];
        let mut end = 1;
        while end < rest.len() && rest[end - 1].as_str() < account {
            end *= 2;
        }
        let end = end.min(rest.len());
        let at = start + rest[..end].partition_point(|a| a.as_str() < account);
        self.from = at;
        if list.get(at).is_some_and(|a| a == account) {
            return true;
        }
        !list.is_empty()
            && self
                .set
                .get_or_insert_with(|| list.iter().map(String::as_str).collect())
                .contains(account)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::checks::testing::*;
    use crate::org::PrincipalType;

    #[test]
    fn fires_for_outdated_and_missing_provisioning() {
        let mut snap = with_identity_center(vec![
            assignment(PROD, PrincipalType::Group, "g-admins"),
            assignment(PROD, PrincipalType::User, "u-alice"),
        ]);
        assert!(run_live(&RULE, &snap, &crate::checks::LintConfig::defaults()).is_empty());
        if let Some(ic) = snap.identity_center.as_mut() {
            ic.assignments
                .push(assignment(SANDBOX, PrincipalType::Group, "g-admins"));
            ic.permission_sets[0].outdated_accounts.push(PROD.into());
        }
        let found = run_live(&RULE, &snap, &crate::checks::LintConfig::defaults());
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
    fn account_lists_answer_alike_sorted_or_not_in_any_order_of_questions() {
        let sorted: Vec<String> = (0..40).map(|i| format!("{:012}", i * 3)).collect();
        let mut unsorted = sorted.clone();
        unsorted.reverse();
        // Every id from before the first to after the last, asked in
        // increasing order (as a snapshot's assignments come), decreasing,
        // and jumping back and forth.
        let ascending: Vec<String> = (0..125).map(|i| format!("{i:012}")).collect();
        let mut descending = ascending.clone();
        descending.reverse();
        let jumping: Vec<String> = (0..125)
            .map(|i| format!("{:012}", (i * 37) % 125))
            .collect();
        for list in [&sorted, &unsorted] {
            for questions in [&ascending, &descending, &jumping] {
                let mut accounts = Accounts::of(list);
                for q in questions {
                    assert_eq!(accounts.contains(q), sorted.contains(q), "{q}");
                }
            }
        }
        assert!(!Accounts::of(&[]).contains("000000000000"));
        // Yes answers from a sorted list need no set.
        let mut accounts = Accounts::of(&sorted);
        assert!(sorted.iter().all(|id| accounts.contains(id)));
        assert!(accounts.set.is_none());
    }
}
