//! Tags on OUs and accounts.

use std::collections::BTreeMap;

use crate::plan::change::TagChange;
use crate::plan::change::{Change, Target};
use crate::plan::fold::state::{Folding, Refusal, refuse};

/// The tags set where the layout's value differs and removed where the
/// layout has no such key.
pub(in crate::plan) fn changes(
    target: impl Fn() -> Target,
    live: &BTreeMap<String, String>,
    wanted: &BTreeMap<String, String>,
    out: &mut Vec<Change>,
) {
    if live == wanted {
        return;
    }
    let set: BTreeMap<String, String> = wanted
        .iter()
        .filter(|(k, v)| live.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let keys: Vec<String> = live
        .keys()
        .filter(|k| !wanted.contains_key(*k))
        .cloned()
        .collect();
    if !set.is_empty() {
        out.push(Change::Tag(TagChange::Tag {
            target: target(),
            tags: set,
        }));
    }
    if !keys.is_empty() {
        out.push(Change::Tag(TagChange::Untag {
            target: target(),
            keys,
        }));
    }
}

/// Folds in tags set on or removed from an OU or account.
pub fn fold(f: &mut Folding, change: &TagChange) -> Result<(), Refusal> {
    match change {
        TagChange::Tag { target, tags } => {
            tag_map(f, target)?.extend(tags.clone());
            Ok(())
        }
        TagChange::Untag { target, keys } => {
            let map = tag_map(f, target)?;
            for key in keys {
                map.remove(key);
            }
            Ok(())
        }
    }
}

/// The tags of an OU or account. The root's tags are not part of the
/// snapshot model.
fn tag_map<'f>(
    f: &'f mut Folding,
    target: &Target,
) -> Result<&'f mut BTreeMap<String, String>, Refusal> {
    let id = f.existing(target)?;
    if let Some(ou) = f.ous.get_mut(&id) {
        return Ok(&mut ou.tags);
    }
    if let Some(account) = f.accounts.get_mut(&id) {
        return Ok(&mut account.tags);
    }
    Err(refuse(
        format!("{} has no tags orgguard manages", target.describe()),
        "tags are managed on OUs and accounts",
    ))
}
