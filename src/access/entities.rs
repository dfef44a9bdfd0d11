//! Cedar entities built from a snapshot: users in their groups, accounts in
//! their OU chain up to the root, and the request context of a permission
//! set.

use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;

use cedar_policy::{
    Context, Entities, Entity, EntityId, EntityTypeName, EntityUid, RestrictedExpression, Schema,
};

use super::declared::Actions;
use super::schema;
use crate::error::{Error, Result};
use crate::org::tree::OrgIndex;
use crate::org::{Account, Group, PermissionSet, Snapshot, User};

pub const USER: &str = "User";
pub const GROUP: &str = "Group";
pub const ACCOUNT: &str = "Account";
pub const OU: &str = "OU";
pub const ROOT: &str = "Root";
pub const ACTION: &str = "Action";

/// A snapshot as Cedar sees it, with lookups from AWS ids to entities.
pub struct AccessModel<'a> {
    pub snapshot: &'a Snapshot,
    pub actions: Actions,
    pub schema: Schema,
    pub entities: Entities,
    users: HashMap<&'a str, &'a User>,
    groups: HashMap<&'a str, &'a Group>,
    accounts: HashMap<&'a str, &'a Account>,
    permission_sets: HashMap<&'a str, &'a PermissionSet>,
}

pub fn uid(kind: &str, id: &str) -> Result<EntityUid> {
    let name = EntityTypeName::from_str(kind).map_err(|e| {
        Error::invalid(
            format!("`{kind}` is not a cedar entity type: {e}"),
            "this is a bug in orgguard; please report it",
        )
    })?;
    Ok(EntityUid::from_type_name_and_id(name, EntityId::new(id)))
}

/// The actions of a snapshot: the declared ones and every permission set
/// the organization has, so that undeclared live sets are checked (and
/// denied by default) rather than skipped.
pub fn actions_for(snapshot: &Snapshot, declared: &Actions) -> Actions {
    let mut actions = declared.clone();
    if let Some(ic) = &snapshot.identity_center {
        for ps in &ic.permission_sets {
            if !actions.groups.contains_key(&ps.name) {
                actions.permission_sets.insert(ps.name.clone());
            }
        }
    }
    actions
}

fn string(value: &str) -> RestrictedExpression {
    RestrictedExpression::new_string(value.to_string())
}

fn strings<'s>(values: impl IntoIterator<Item = &'s str>) -> RestrictedExpression {
    RestrictedExpression::new_set(values.into_iter().map(string))
}

fn entity(
    uid: EntityUid,
    attrs: Vec<(&str, RestrictedExpression)>,
    parents: Vec<EntityUid>,
    tags: &std::collections::BTreeMap<String, String>,
) -> Result<Entity> {
    let display = uid.to_string();
    Entity::new_with_tags(
        uid,
        attrs.into_iter().map(|(k, v)| (k.to_string(), v)),
        parents,
        tags.iter().map(|(k, v)| (k.clone(), string(v))),
    )
    .map_err(|e| {
        Error::invalid(
            format!("cannot build the cedar entity {display}: {e}"),
            "check the snapshot file; docs/snapshot.md describes the format",
        )
    })
}

impl<'a> AccessModel<'a> {
    pub fn build(snapshot: &'a Snapshot, declared: &Actions) -> Result<Self> {
        let actions = actions_for(snapshot, declared);
        let schema = schema::build(&actions)?;
        let index = OrgIndex::new(snapshot);
        let no_tags = Default::default();
        let mut list = Vec::new();

        for root in &snapshot.roots {
            list.push(entity(
                uid(ROOT, &root.id)?,
                vec![("id", string(&root.id)), ("name", string(&root.name))],
                vec![],
                &no_tags,
            )?);
        }
        for ou in &snapshot.organizational_units {
            let path = ou_path(&index, &ou.id);
            list.push(entity(
                uid(OU, &path)?,
                vec![
                    ("id", string(&ou.id)),
                    ("name", string(&ou.name)),
                    ("path", string(&path)),
                ],
                vec![container_uid(&index, &ou.parent_id)?],
                &ou.tags,
            )?);
        }
        for account in &snapshot.accounts {
            let ou_path = if account.parent_id.starts_with("r-") {
                String::new()
            } else {
                ou_path(&index, &account.parent_id)
            };
            list.push(entity(
                uid(ACCOUNT, &account.id)?,
                vec![
                    ("id", string(&account.id)),
                    ("name", string(&account.name)),
                    ("email", string(&account.email)),
                    ("status", string(account.status.as_str())),
                    ("ou_path", string(&ou_path)),
                    (
                        "management",
                        RestrictedExpression::new_bool(
                            account.id == snapshot.organization.management_account_id,
                        ),
                    ),
                ],
                vec![container_uid(&index, &account.parent_id)?],
                &account.tags,
            )?);
        }

        let mut model = AccessModel {
            snapshot,
            actions,
            schema,
            entities: Entities::empty(),
            users: HashMap::new(),
            groups: HashMap::new(),
            accounts: snapshot
                .accounts
                .iter()
                .map(|a| (a.id.as_str(), a))
                .collect(),
            permission_sets: HashMap::new(),
        };
        if let Some(ic) = &snapshot.identity_center {
            check_unique("group", ic.groups.iter().map(|g| g.display_name.as_str()))?;
            check_unique("user", ic.users.iter().map(|u| u.user_name.as_str()))?;
            for group in &ic.groups {
                model.groups.insert(&group.id, group);
                list.push(entity(
                    uid(GROUP, &group.display_name)?,
                    vec![
                        ("id", string(&group.id)),
                        ("name", string(&group.display_name)),
                        ("description", string(&group.description)),
                    ],
                    vec![],
                    &no_tags,
                )?);
            }
            for user in &ic.users {
                model.users.insert(&user.id, user);
                let parents = ic
                    .groups
                    .iter()
                    .filter(|g| g.members.contains(&user.id))
                    .map(|g| uid(GROUP, &g.display_name))
                    .collect::<Result<Vec<_>>>()?;
                let mut attrs = vec![
                    ("id", string(&user.id)),
                    ("user_name", string(&user.user_name)),
                    ("display_name", string(&user.display_name)),
                ];
                if let Some(email) = &user.email {
                    attrs.push(("email", string(email)));
                }
                list.push(entity(
                    uid(USER, &user.user_name)?,
                    attrs,
                    parents,
                    &no_tags,
                )?);
            }
            for ps in &ic.permission_sets {
                model.permission_sets.insert(&ps.arn, ps);
            }
        }
        model.entities = Entities::from_entities(list, Some(&model.schema)).map_err(|e| {
            Error::invalid(
                format!("the snapshot does not fit the access schema: {e}"),
                "check the snapshot file; docs/snapshot.md describes the format",
            )
        })?;
        Ok(model)
    }

    pub fn user(&self, id: &str) -> Option<&'a User> {
        self.users.get(id).copied()
    }

    pub fn group(&self, id: &str) -> Option<&'a Group> {
        self.groups.get(id).copied()
    }

    pub fn account(&self, id: &str) -> Option<&'a Account> {
        self.accounts.get(id).copied()
    }

    pub fn permission_set(&self, arn: &str) -> Option<&'a PermissionSet> {
        self.permission_sets.get(arn).copied()
    }

    /// Users who are members of a group, in member order.
    pub fn members(&self, group: &Group) -> Vec<&'a User> {
        group
            .members
            .iter()
            .filter_map(|id| self.user(id))
            .collect()
    }
}

/// An OU's path, or its id when the parent chain is broken (so the entity
/// still exists and can be named).
fn ou_path(index: &OrgIndex<'_>, ou_id: &str) -> String {
    index.path_of(ou_id).unwrap_or_else(|| ou_id.to_string())
}

fn container_uid(index: &OrgIndex<'_>, id: &str) -> Result<EntityUid> {
    if id.starts_with("r-") {
        uid(ROOT, id)
    } else {
        uid(OU, &ou_path(index, id))
    }
}

fn check_unique<'s>(what: &str, names: impl Iterator<Item = &'s str>) -> Result<()> {
    let mut seen = BTreeSet::new();
    for name in names {
        if !seen.insert(name) {
            return Err(Error::invalid(
                format!("two Identity Center {what}s are named `{name}`"),
                "access policies name users and groups by name; rename one of them in Identity Center",
            ));
        }
    }
    Ok(())
}

/// The request context for an assignment of `ps`.
pub fn context(ps: &PermissionSetFacts<'_>, direct: bool) -> Result<Context> {
    let permission_set = RestrictedExpression::new_record([
        ("name".to_string(), string(ps.name)),
        ("arn".to_string(), string(ps.arn)),
        (
            "managed_policies".to_string(),
            strings(ps.managed_policies.iter().map(String::as_str)),
        ),
        (
            "customer_managed_policies".to_string(),
            strings(ps.customer_managed_policies.iter().map(String::as_str)),
        ),
        (
            "has_inline_policy".to_string(),
            RestrictedExpression::new_bool(ps.has_inline_policy),
        ),
        (
            "has_permissions_boundary".to_string(),
            RestrictedExpression::new_bool(ps.has_permissions_boundary),
        ),
        (
            "admin_level".to_string(),
            RestrictedExpression::new_bool(ps.admin_level),
        ),
        ("session_duration".to_string(), string(ps.session_duration)),
    ])
    .map_err(|e| {
        Error::invalid(
            format!("cannot build the request context: {e}"),
            "this is a bug in orgguard; please report it",
        )
    })?;
    Context::from_pairs([
        ("permission_set".to_string(), permission_set),
        ("direct".to_string(), RestrictedExpression::new_bool(direct)),
    ])
    .map_err(|e| {
        Error::invalid(
            format!("cannot build the request context: {e}"),
            "this is a bug in orgguard; please report it",
        )
    })
}

/// What policies may ask about a permission set. Built from the snapshot,
/// or empty for a set that is only declared (for `access explain`).
#[derive(Debug, Clone, Default)]
pub struct PermissionSetFacts<'a> {
    pub name: &'a str,
    pub arn: &'a str,
    pub managed_policies: Vec<String>,
    pub customer_managed_policies: Vec<String>,
    pub has_inline_policy: bool,
    pub has_permissions_boundary: bool,
    /// Administrator in practice, from its policy documents (`privilege`).
    pub admin_level: bool,
    pub session_duration: &'a str,
}

impl<'a> PermissionSetFacts<'a> {
    pub fn of(ps: &'a PermissionSet) -> Self {
        PermissionSetFacts {
            name: &ps.name,
            arn: &ps.arn,
            managed_policies: ps.managed_policies.clone(),
            customer_managed_policies: ps
                .customer_managed_policies
                .iter()
                .map(|r| format!("{}{}", r.path, r.name))
                .collect(),
            has_inline_policy: ps.inline_policy.is_some(),
            has_permissions_boundary: ps.permissions_boundary.is_some(),
            admin_level: crate::privilege::of_permission_set(ps).is_admin(),
            session_duration: ps.session_duration.as_deref().unwrap_or(""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::load::parse_snapshot;

    const LIVE: &str = include_str!("../../tests/fixtures/access/live.json");

    #[test]
    fn accounts_sit_in_their_ou_chain_and_users_in_their_groups() {
        let snapshot = parse_snapshot("live.json", LIVE).expect("fixture parses");
        let model = AccessModel::build(&snapshot, &Actions::default()).expect("model");
        let prod = uid(ACCOUNT, "200000000001").unwrap();
        for ancestor in [
            uid(OU, "Foundational/Workloads/Production").unwrap(),
            uid(OU, "Foundational/Workloads").unwrap(),
            uid(OU, "Foundational").unwrap(),
            uid(ROOT, "r-test").unwrap(),
        ] {
            assert!(
                model.entities.is_ancestor_of(&ancestor, &prod),
                "{ancestor}"
            );
        }
        assert!(
            !model
                .entities
                .is_ancestor_of(&uid(OU, "Maintenance").unwrap(), &prod)
        );
        let ann = uid(USER, "ann").unwrap();
        assert!(
            model
                .entities
                .is_ancestor_of(&uid(GROUP, "platform-admins").unwrap(), &ann)
        );
        assert!(
            model
                .entities
                .is_ancestor_of(&uid(GROUP, "break-glass").unwrap(), &ann)
        );
        assert!(
            !model
                .entities
                .is_ancestor_of(&uid(GROUP, "developers").unwrap(), &ann)
        );
        let account = model.entities.get(&prod).expect("account entity");
        assert!(account.tag("environment").is_some());
        assert!(account.attr("ou_path").is_some());
    }

    #[test]
    fn live_permission_sets_become_actions_beside_the_declared_ones() {
        let snapshot = parse_snapshot("live.json", LIVE).expect("fixture parses");
        let mut declared = Actions::default();
        declared.permission_sets.insert("BillingAccess".into());
        let actions = actions_for(&snapshot, &declared);
        let names: Vec<&str> = actions.permission_sets.iter().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "AdministratorAccess",
                "BillingAccess",
                "PowerUserAccess",
                "ReadOnlyAccess"
            ]
        );
    }

    #[test]
    fn duplicate_group_names_are_refused() {
        let mut snapshot = parse_snapshot("live.json", LIVE).expect("fixture parses");
        if let Some(ic) = &mut snapshot.identity_center {
            ic.groups[1].display_name = ic.groups[0].display_name.clone();
        }
        let error = AccessModel::build(&snapshot, &Actions::default())
            .err()
            .expect("refused");
        assert!(
            error
                .to_string()
                .contains("two Identity Center groups are named")
        );
    }
}
